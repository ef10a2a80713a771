/**
 * Markdown-aware chunking for search indexing.
 *
 * Why: embeddings and full-text snippets work best on passages of a few hundred characters that
 * stay inside one topic. Splitting a note blindly every N characters cuts code blocks, tables and
 * sentences in half and loses which heading a passage belongs to. This module splits a note body
 * at headings, groups paragraphs into chunks of roughly `targetChars`, keeps fenced code blocks
 * and tables whole, and records for each chunk its heading path and its exact offsets in the
 * body so hits can be highlighted and re-chunking can be diffed. It is pure and cheap: it runs on
 * every note save.
 *
 * Contract for a returned {@link Chunk}:
 * - `body.slice(start, end)` is the chunk's own content. It begins and ends on non-whitespace.
 *   Own contents of successive chunks never overlap and appear in body order.
 * - `text` is always a contiguous slice of the body ending at `end`:
 *   `text === body.slice(end - text.length, end)`. For the first chunk of a section (and whenever
 *   overlap is disabled) `text === body.slice(start, end)`. For later chunks of the same section
 *   `text` additionally starts with the overlap: a tail of the previous chunk's own content (at
 *   most `overlapChars` characters, starting at a sentence or line start when possible, else at a
 *   word start) followed by the whitespace that separated the two chunks. So
 *   `text.length - (end - start)` is the overlap length, and `text.endsWith(body.slice(start, end))`.
 * - `headingPath` lists the enclosing headings, outermost first (`[]` before the first heading).
 *   The note title is not part of it: callers prepend it themselves. When `opts.title` is given
 *   and the note's first heading repeats it (the common `# Title` line), that heading is left out
 *   of the paths so the title does not appear twice.
 * - The first chunk of a section includes the heading line itself.
 * - `ordinal` is 0, 1, 2, ... in body order.
 *
 * Sizes: chunks aim for `targetChars` and never exceed `maxChars`, except a fenced code block or
 * table (optionally with a short lead-in such as its heading) which is kept whole up to
 * `hardMaxChars`; beyond that it is split by lines into pieces of at most `maxChars`.
 */

export interface Chunk {
  ordinal: number;
  /** See module comment: own content plus (for non-first chunks of a section) leading overlap. */
  text: string;
  /** Offset of the chunk's own content in the body (inclusive). */
  start: number;
  /** Offset of the end of the chunk's content in the body (exclusive). */
  end: number;
  headingPath: string[];
}

export interface ChunkOptions {
  /** Note title; a first heading equal to it (case-insensitive) is left out of heading paths. */
  title?: string;
  /** Preferred chunk size in characters. Default 800. */
  targetChars?: number;
  /** Size a chunk must not exceed (except whole code blocks/tables). Default 1500. */
  maxChars?: number;
  /** Maximum carried overlap between consecutive chunks of a section. Default 120; 0 disables. */
  overlapChars?: number;
  /** Code blocks/tables longer than this are split by lines. Default max(4 * maxChars, 6000). */
  hardMaxChars?: number;
}

export const DEFAULT_TARGET_CHARS = 800;
export const DEFAULT_MAX_CHARS = 1500;
export const DEFAULT_OVERLAP_CHARS = 120;

type BlockKind = 'heading' | 'para' | 'code' | 'table';

interface Block {
  kind: BlockKind;
  start: number;
  end: number;
}

interface Section {
  path: string[];
  level: number; // 0 for the preamble before any heading
  blocks: Block[];
}

interface Piece {
  start: number;
  end: number;
  /** Kept whole although longer than maxChars (code block or table). */
  atomic: boolean;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const ATX_START = /^ {0,3}#/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const TABLE_DELIM = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const FRONTMATTER_OPEN = /^\uFEFF?---[ \t]*\r?\n/;

function isWs(c: number): boolean {
  // space, tab, LF, CR, FF, VT
  return c === 32 || (c >= 9 && c <= 13);
}

/** Offset where content begins after YAML frontmatter (0 if there is none). */
export function frontmatterEnd(body: string): number {
  const open = FRONTMATTER_OPEN.exec(body);
  if (!open) return 0;
  let pos = open[0].length;
  while (pos <= body.length) {
    let nl = body.indexOf('\n', pos);
    if (nl === -1) nl = body.length;
    const line = body.slice(pos, nl).replace(/\r$/, '');
    if (/^(?:---|\.\.\.)[ \t]*$/.test(line)) return Math.min(nl + 1, body.length);
    if (nl >= body.length) break;
    pos = nl + 1;
  }
  return 0; // unclosed: not frontmatter
}

/** Trim [s, e) so it starts and ends on non-whitespace; returns null if empty. */
function trimRange(body: string, s: number, e: number): [number, number] | null {
  while (s < e && isWs(body.charCodeAt(s))) s++;
  while (e > s && isWs(body.charCodeAt(e - 1))) e--;
  return s < e ? [s, e] : null;
}

/** Splits the body (after frontmatter) into heading sections made of blocks. */
function parseSections(body: string, from: number, title: string | undefined): Section[] {
  const titleKey = title?.trim().toLowerCase() ?? '';
  const sections: Section[] = [{ path: [], level: 0, blocks: [] }];
  const stack: { level: number; text: string; isTitle: boolean }[] = [];
  let cur = sections[0]!;

  // Line table
  const lineStarts: number[] = [];
  const lineEnds: number[] = []; // exclusive, without \r\n
  for (let pos = from; pos < body.length; ) {
    let nl = body.indexOf('\n', pos);
    if (nl === -1) nl = body.length;
    lineStarts.push(pos);
    lineEnds.push(nl > pos && body.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
    pos = nl + 1;
  }
  const n = lineStarts.length;
  const line = (i: number): string => body.slice(lineStarts[i]!, lineEnds[i]!);
  const isBlank = (i: number): boolean => {
    for (let p = lineStarts[i]!, e = lineEnds[i]!; p < e; p++) if (!isWs(body.charCodeAt(p))) return false;
    return true;
  };

  let firstHeadingSeen = false;
  const openHeading = (level: number, rawText: string, start: number, end: number): void => {
    const text = rawText.trim();
    while (stack.length > 0 && stack[stack.length - 1]!.level >= level) stack.pop();
    // The note's first heading usually repeats its title: do not put the title in the path twice.
    const isTitle = !firstHeadingSeen && titleKey !== '' && stack.length === 0 && text.toLowerCase() === titleKey;
    firstHeadingSeen = true;
    stack.push({ level, text, isTitle });
    cur = {
      path: stack.filter((h) => !h.isTitle).map((h) => h.text),
      level,
      blocks: [{ kind: 'heading', start, end }],
    };
    sections.push(cur);
  };

  let paraStart = -1; // line index of the open paragraph
  let paraLines = 0;
  const closePara = (lastLine: number): void => {
    if (paraStart >= 0) {
      cur.blocks.push({ kind: 'para', start: lineStarts[paraStart]!, end: lineEnds[lastLine]! });
      paraStart = -1;
      paraLines = 0;
    }
  };

  for (let i = 0; i < n; i++) {
    if (isBlank(i)) {
      closePara(i - 1);
      continue;
    }
    const l = line(i);
    const fence = FENCE_OPEN.exec(l);
    if (fence) {
      closePara(i - 1);
      const marker = fence[1]!;
      const close = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
      let j = i + 1;
      while (j < n && !close.test(line(j))) j++;
      const last = Math.min(j, n - 1);
      cur.blocks.push({ kind: 'code', start: lineStarts[i]!, end: lineEnds[last]! });
      i = last;
      continue;
    }
    if (ATX_START.test(l)) {
      const atx = ATX.exec(l);
      if (atx) {
        closePara(i - 1);
        openHeading(atx[1]!.length, atx[2] ?? '', lineStarts[i]!, lineEnds[i]!);
        continue;
      }
    }
    if (paraStart >= 0 && paraLines === 1 && SETEXT.test(l)) {
      const headLine = paraStart;
      paraStart = -1;
      paraLines = 0;
      openHeading(l.trim()[0] === '=' ? 1 : 2, line(headLine), lineStarts[headLine]!, lineEnds[i]!);
      continue;
    }
    if (l.includes('|') && i + 1 < n && TABLE_DELIM.test(line(i + 1)) && line(i + 1).includes('|')) {
      closePara(i - 1);
      let j = i + 2;
      while (j < n && !isBlank(j) && line(j).includes('|') && !FENCE_OPEN.test(line(j)) && !ATX.test(line(j))) j++;
      cur.blocks.push({ kind: 'table', start: lineStarts[i]!, end: lineEnds[j - 1]! });
      i = j - 1;
      continue;
    }
    if (paraStart < 0) paraStart = i;
    paraLines++;
  }
  closePara(n - 1);
  // Trim block ends (e.g. trailing spaces) and drop empty blocks.
  for (const s of sections) {
    s.blocks = s.blocks.flatMap((b) => {
      const r = trimRange(body, b.start, b.end);
      return r ? [{ kind: b.kind, start: r[0], end: r[1] }] : [];
    });
  }
  return sections.filter((s) => s.blocks.length > 0);
}

/**
 * Offsets (within [s, e)) where a sentence or line starts, ascending, excluding s itself.
 * A sentence ends at . ! ? or … (plus closing quotes/brackets) followed by whitespace.
 */
function boundaries(body: string, s: number, e: number): number[] {
  const out: number[] = [];
  const re = /[.!?\u2026]+["'\u201d\u2019)\]]*[ \t]+|\r?\n[ \t\r\n]*/g;
  const win = body.slice(s, e);
  let m: RegExpExecArray | null;
  while ((m = re.exec(win)) !== null) {
    const b = m.index + m[0].length;
    if (b >= win.length) break;
    if (b > 0) out.push(s + b);
  }
  return out;
}

/** Word starts within (s, e), ascending. */
function wordStarts(body: string, s: number, e: number): number[] {
  const out: number[] = [];
  for (let p = s + 1; p < e; p++) {
    if (!isWs(body.charCodeAt(p)) && isWs(body.charCodeAt(p - 1))) out.push(p);
  }
  return out;
}

/**
 * Splits [s, e) at the given candidate cut points (ascending) into pieces no longer than `limit`,
 * greedily filling each piece up to `fill` (<= limit). Pieces that cannot be cut at a candidate are
 * cut at word starts, then hard.
 */
function splitAt(body: string, s: number, e: number, cuts: number[], fill: number, limit: number): Piece[] {
  const pieces: Piece[] = [];
  let ps = s;
  let ci = 0;
  while (e - ps > fill) {
    while (ci < cuts.length && cuts[ci]! <= ps) ci++;
    // Furthest cut that keeps the piece within fill; else the first one within limit.
    let best = -1;
    for (let j = ci; j < cuts.length && cuts[j]! - ps <= limit; j++) {
      if (cuts[j]! - ps <= fill || best < 0) best = cuts[j]!;
      if (cuts[j]! - ps > fill) break;
    }
    if (best < 0) {
      if (e - ps <= limit) break; // no cut point left, and the rest fits
      // No sentence/line cut available: try words, then a hard cut.
      const words = wordStarts(body, ps, Math.min(e, ps + limit + 1)).filter((w) => w - ps <= limit);
      const w = words.filter((x) => x - ps <= fill);
      best = w.length > 0 ? w[w.length - 1]! : words.length > 0 ? words[words.length - 1]! : ps + limit;
    }
    const r = trimRange(body, ps, best);
    if (r) pieces.push({ start: r[0], end: r[1], atomic: false });
    ps = best;
  }
  const r = trimRange(body, ps, e);
  if (r) {
    const last = pieces[pieces.length - 1];
    // Fold a tiny tail into the previous piece when that stays within the limit.
    if (last && r[1] - r[0] < fill / 4 && r[1] - last.start <= limit) last.end = r[1];
    else pieces.push({ start: r[0], end: r[1], atomic: false });
  }
  return pieces;
}

function blockPieces(body: string, b: Block, target: number, max: number, hardMax: number): Piece[] {
  const len = b.end - b.start;
  if (b.kind === 'code' || b.kind === 'table') {
    if (len <= max) return [{ start: b.start, end: b.end, atomic: false }];
    if (len <= hardMax) return [{ start: b.start, end: b.end, atomic: true }];
    const lineCuts: number[] = [];
    for (let p = body.indexOf('\n', b.start); p !== -1 && p < b.end; p = body.indexOf('\n', p + 1)) lineCuts.push(p + 1);
    return splitAt(body, b.start, b.end, lineCuts, max, max);
  }
  if (len <= max) return [{ start: b.start, end: b.end, atomic: false }];
  return splitAt(body, b.start, b.end, boundaries(body, b.start, b.end), target, max);
}

/** Start offset of the overlap carried from a previous chunk whose own content is [s, e). */
function overlapStart(body: string, s: number, e: number, overlap: number): number {
  if (overlap <= 0) return e;
  if (e - s <= overlap) return s;
  const lo = e - overlap;
  const cuts = boundaries(body, lo - 1, e);
  for (const c of cuts) if (c >= lo && c < e) return c;
  for (const w of wordStarts(body, lo - 1, e)) if (w >= lo) return w;
  return e;
}

/**
 * Chunk a markdown note body for indexing. See the module comment for the exact meaning of each
 * field of the returned chunks.
 */
export function chunkMarkdown(body: string, opts: ChunkOptions = {}): Chunk[] {
  const target = Math.max(1, opts.targetChars ?? DEFAULT_TARGET_CHARS);
  const max = Math.max(target, opts.maxChars ?? Math.max(DEFAULT_MAX_CHARS, target));
  const overlap = Math.max(0, opts.overlapChars ?? DEFAULT_OVERLAP_CHARS);
  const hardMax = Math.max(max, opts.hardMaxChars ?? Math.max(4 * max, 6000));

  const from = frontmatterEnd(body);
  const content = trimRange(body, from, body.length);
  if (!content) return [];

  const sections = parseSections(body, from, opts.title);

  // Short note: one chunk. Its heading path is what all of its sections share.
  if (content[1] - content[0] <= target) {
    let path = sections[0]?.path ?? [];
    for (const s of sections) {
      let k = 0;
      while (k < path.length && k < s.path.length && path[k] === s.path[k]) k++;
      path = path.slice(0, k);
    }
    return [{ ordinal: 0, text: body.slice(content[0], content[1]), start: content[0], end: content[1], headingPath: path }];
  }

  // A section holding only its heading is merged into a following deeper section, so a heading
  // with nothing but sub-sections does not become a chunk of its own.
  const merged: Section[] = [];
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i]!;
    const next = sections[i + 1];
    if (next && next.level > s.level && s.level > 0 && s.blocks.every((b) => b.kind === 'heading')) {
      next.blocks = s.blocks.concat(next.blocks);
      continue;
    }
    merged.push(s);
  }

  const chunks: Chunk[] = [];
  const small = target / 4;
  for (const section of merged) {
    const pieces = section.blocks.flatMap((b) => blockPieces(body, b, target, max, hardMax));
    let curStart = -1;
    let curEnd = -1;
    let first = true;
    const flush = (): void => {
      if (curStart < 0) return;
      let textStart = curStart;
      if (!first && chunks.length > 0) {
        const prev = chunks[chunks.length - 1]!;
        const o = overlapStart(body, prev.start, prev.end, overlap);
        if (o < prev.end) textStart = o;
      }
      chunks.push({
        ordinal: chunks.length,
        text: body.slice(textStart, curEnd),
        start: curStart,
        end: curEnd,
        headingPath: section.path.slice(),
      });
      first = false;
      curStart = -1;
    };
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i]!;
      if (curStart < 0) {
        curStart = p.start;
        curEnd = p.end;
        continue;
      }
      const curLen = curEnd - curStart;
      const newLen = p.end - curStart;
      const pLen = p.end - p.start;
      const isLast = i === pieces.length - 1;
      const fits =
        newLen <= target ||
        (newLen <= max && (curLen < target / 2 || (isLast && pLen < small))) ||
        // A whole code block/table takes a short lead-in (e.g. its heading) along.
        (p.atomic && curLen < small);
      if (fits) {
        curEnd = p.end;
      } else {
        flush();
        curStart = p.start;
        curEnd = p.end;
      }
    }
    flush();
  }
  return chunks;
}
