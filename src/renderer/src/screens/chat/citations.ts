/**
 * Citations in an answer: the model (and the extractive fallback) cite sources as "[2]", sometimes "[1, 3]",
 * "[1][2]" or "[2-4]". The text is split into plain parts and one part per cited number, so each number can be
 * a link to its source. A bracket followed by "(" is a markdown link, not a citation, and is left alone.
 */
export type CitePart = { kind: 'text'; text: string } | { kind: 'cite'; n: number };

/** Citation numbers above this are not citations (a year in brackets, say). */
const MAX_CITE = 99;
/** A range longer than this ("[1-80]") is left as text rather than becoming a row of links. */
const MAX_RANGE = 12;

const CITE_GROUP = /\[(\d{1,3}(?:\s*(?:[,;]|[-–])\s*\d{1,3})*)\](?!\()/g;

/** The numbers a bracket's inside names ("1, 3" → [1, 3]; "2-4" → [2, 3, 4]), or null when it is not a citation. */
export function citeNumbers(inside: string): number[] | null {
  const out: number[] = [];
  for (const piece of inside.split(/\s*[,;]\s*/)) {
    const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(piece);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      if (from < 1 || to < from || to - from >= MAX_RANGE || to > MAX_CITE) return null;
      for (let n = from; n <= to; n++) out.push(n);
    } else if (/^\d+$/.test(piece)) {
      const n = Number(piece);
      if (n < 1 || n > MAX_CITE) return null;
      out.push(n);
    } else {
      return null;
    }
  }
  return out.length ? out : null;
}

export function citationParts(text: string): CitePart[] {
  const parts: CitePart[] = [];
  let last = 0;
  const pushText = (t: string) => {
    if (!t) return;
    const prev = parts[parts.length - 1];
    if (prev?.kind === 'text') prev.text += t;
    else parts.push({ kind: 'text', text: t });
  };
  for (const m of text.matchAll(CITE_GROUP)) {
    const numbers = citeNumbers(m[1]!);
    if (!numbers) continue;
    pushText(text.slice(last, m.index));
    for (const n of numbers) parts.push({ kind: 'cite', n });
    last = m.index + m[0].length;
  }
  pushText(text.slice(last));
  return parts;
}

/** Every number the text cites, in order of first mention. */
export function citedNumbers(text: string): number[] {
  const seen = new Set<number>();
  for (const p of citationParts(text)) if (p.kind === 'cite') seen.add(p.n);
  return [...seen];
}
