/**
 * HTML to Markdown-flavoured text for indexing. Headings become `#` lines, blocks paragraphs, list items `- `
 * lines, table rows `a | b` lines and <pre> a fenced block, so the Markdown-aware chunker sees the page's
 * structure. Scripts, styles, templates and inline SVG/MathML are dropped. It is one tolerant pass, linear in
 * the input, that never throws: unclosed tags and stray `<` are read near enough to how browsers read them.
 */
import { decodeEntities } from './entities';

export interface HtmlText {
  text: string;
  /** The page's <title>, else its first <h1>. */
  title?: string;
}

// Content that is not markup, found by scanning for the end tag. Only <title> is kept, as the title.
const RAW = new Set(['script', 'style', 'title', 'textarea', 'noscript', 'iframe', 'noembed', 'noframes', 'xmp']);
const RAW_END = new Map([...RAW].map((name) => [name, new RegExp(`</${name}(?=[\\s/>])`, 'gi')]));
// Not page text: dropped with everything inside.
const DROP = new Set(['template', 'svg', 'math']);
// Tags that end inline SVG/MathML in a browser, which saves the rest of a page that leaves one open.
const BREAKOUT = new Set(['body', 'div', 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'table', 'pre', 'blockquote', 'dl']);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hgroup', 'hr', 'legend', 'main', 'nav',
  'option', 'p', 'section', 'summary',
]);
const HEADING = /^h[1-6]$/;
// Deeper nesting adds nothing for search, and unbounded indents would make output quadratic in the input.
const MAX_INDENT = 6;
const TAG_NAME = /[a-zA-Z][^\s/>]*/y;

interface Tag {
  /** Lower case; empty for comments, doctypes and processing instructions. */
  name: string;
  close: boolean;
  selfClosing: boolean;
  end: number;
}

export function htmlToMarkdown(html: string): HtmlText {
  const w = new Writer();
  let title: string | undefined;
  let drop: { name: string; depth: number } | undefined;
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const textEnd = lt < 0 ? html.length : lt;
    if (textEnd > i && !drop) w.text(decodeEntities(html.slice(i, textEnd)));
    if (lt < 0) break;
    const tag = readTag(html, lt);
    if (!tag) {
      if (!drop) w.text('<');
      i = lt + 1;
      continue;
    }
    i = tag.end;
    if (!tag.name) continue;
    const endTag = RAW_END.get(tag.name);
    if (endTag && !tag.close) {
      endTag.lastIndex = tag.end;
      const found = endTag.exec(html);
      const closeAt = found ? found.index : html.length;
      if (tag.name === 'title' && !drop && title === undefined) title = collapse(decodeEntities(html.slice(tag.end, closeAt)));
      const gt = html.indexOf('>', closeAt);
      i = gt < 0 ? html.length : gt + 1;
      continue;
    }
    if (drop) {
      if (tag.name === drop.name && !tag.selfClosing) drop.depth += tag.close ? -1 : 1;
      const breakout = !tag.close && drop.name !== 'template' && BREAKOUT.has(tag.name);
      if (drop.depth > 0 && !breakout) continue;
      drop = undefined;
      if (!breakout) continue;
    } else if (DROP.has(tag.name) && !tag.close) {
      if (!tag.selfClosing) drop = { name: tag.name, depth: 1 };
      continue;
    }
    if (tag.close) w.close(tag.name);
    else w.open(tag.name);
  }
  const text = w.finish();
  return { text, title: title || w.firstH1 || undefined };
}

/** The tag at `lt`, or undefined when that `<` is just text. */
function readTag(s: string, lt: number): Tag | undefined {
  if (s.startsWith('<!--', lt)) return skipTo(s, '-->', lt + 4);
  const next = s[lt + 1];
  if (next === '!' || next === '?') return skipTo(s, '>', lt + 2);
  const close = next === '/';
  TAG_NAME.lastIndex = lt + (close ? 2 : 1);
  const name = TAG_NAME.exec(s)?.[0];
  if (!name) return close ? skipTo(s, '>', lt + 2) : undefined;
  const end = attributesEnd(s, TAG_NAME.lastIndex);
  return { name: name.toLowerCase(), close, selfClosing: s[end - 2] === '/', end };
}

function skipTo(s: string, marker: string, from: number): Tag {
  const at = s.indexOf(marker, from);
  return { name: '', close: false, selfClosing: false, end: at < 0 ? s.length : at + marker.length };
}

/** Just past the `>` that ends a tag; a `>` inside a quoted attribute value does not count. */
function attributesEnd(s: string, from: number): number {
  let p = from;
  while (p < s.length) {
    const c = s[p];
    if (c === '>') return p + 1;
    p++;
    if (c !== '=') continue;
    while (p < s.length && /\s/.test(s[p]!)) p++;
    const quote = s[p];
    if (quote === '"' || quote === "'") {
      const close = s.indexOf(quote, p + 1);
      if (close < 0) return s.length;
      p = close + 1;
    }
  }
  return s.length;
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

// Text that would read as a heading or a code fence must not change the structure the chunker sees.
const escapeLead = (line: string) => (/^(#{1,6}(\s|$)|`{3}|~{3})/.test(line) ? `\\${line}` : line);

type BlockKind = 'para' | 'item' | 'row';

/** Builds the output one block at a time; list items and table rows sit on consecutive lines. */
class Writer {
  firstH1: string | undefined;
  private out = '';
  private buf = '';
  private prefix = '';
  private kind: BlockKind = 'para';
  private prev: BlockKind | undefined;
  private afterBreak = false;
  private readonly lists: { ordered: boolean; count: number }[] = [];
  private inCell = false;
  private rowCells = 0;
  private pre: string | undefined;
  private preDepth = 0;

  text(s: string): void {
    if (this.pre !== undefined) this.pre += s;
    else this.buf += s;
  }

  open(name: string): void {
    if (this.pre !== undefined) {
      if (name === 'pre' || name === 'listing') this.preDepth++;
      if (name === 'br') this.pre += '\n';
    } else if (this.inCell && !isTableTag(name)) {
      if (isBlockish(name)) this.buf += ' ';
    } else if (name === 'br') {
      this.lineBreak();
    } else if (HEADING.test(name)) {
      this.block();
      this.prefix = `${'#'.repeat(Number(name[1]))} `;
    } else if (name === 'ul' || name === 'ol' || name === 'menu') {
      this.block();
      this.lists.push({ ordered: name === 'ol', count: 0 });
    } else if (name === 'li') {
      this.block();
      const list = this.lists.at(-1);
      const marker = list?.ordered ? `${++list.count}. ` : '- ';
      this.prefix = '  '.repeat(Math.min(MAX_INDENT, this.lists.length - 1)) + marker;
      this.kind = 'item';
    } else if (name === 'tr') {
      this.block();
      this.kind = 'row';
      this.rowCells = 0;
    } else if (name === 'td' || name === 'th') {
      if (this.rowCells++ > 0) this.buf += ' | ';
      this.inCell = true;
    } else if (name === 'table') {
      this.block();
    } else if (name === 'pre' || name === 'listing') {
      this.block();
      this.pre = '';
      this.preDepth = 1;
    } else if (BLOCK.has(name)) {
      this.block();
    }
  }

  close(name: string): void {
    if (this.pre !== undefined) {
      if ((name === 'pre' || name === 'listing') && --this.preDepth === 0) this.endPre();
    } else if (this.inCell && !isTableTag(name)) {
      if (isBlockish(name)) this.buf += ' ';
    } else if (name === 'tr' || name === 'table') {
      this.end();
      this.inCell = false;
      if (name === 'table') this.prev = undefined; // a following table or list starts apart
    } else if (HEADING.test(name)) {
      if (name === 'h1' && this.firstH1 === undefined) this.firstH1 = collapse(this.buf) || undefined;
      this.end();
    } else if (name === 'ul' || name === 'ol' || name === 'menu') {
      this.end();
      this.lists.pop();
      if (!this.lists.length) this.prev = undefined;
    } else if (name === 'li') {
      this.end();
    } else if (BLOCK.has(name)) {
      this.block();
    }
  }

  finish(): string {
    if (this.pre !== undefined) this.endPre();
    this.flush();
    return this.out;
  }

  /** A block boundary: what was gathered becomes its own block. An empty one keeps the prefix (`<li><p>`). */
  private block(): void {
    this.flush();
    this.afterBreak = false;
  }

  /** The end of an element that owns its block's prefix (heading, list item, row): an empty one leaves none. */
  private end(): void {
    this.block();
    this.prefix = '';
    this.kind = 'para';
  }

  /** A <br>: the text so far is one line, and what follows continues the same block on the next line. */
  private lineBreak(): void {
    const kind = this.kind;
    if (!this.flush()) return;
    this.kind = kind;
    this.afterBreak = true;
  }

  private flush(): boolean {
    const text = collapse(this.buf);
    this.buf = '';
    if (!text) return false;
    this.emit(this.prefix ? this.prefix + text : escapeLead(text), this.kind);
    this.prefix = '';
    this.kind = 'para';
    return true;
  }

  private endPre(): void {
    // Browsers drop one newline right after <pre>.
    const code = (this.pre ?? '').replace(/^\r?\n/, '').trimEnd();
    this.pre = undefined;
    this.preDepth = 0;
    if (!code.trim()) return;
    const longestRun = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(Math.max(3, longestRun + 1));
    this.emit(`${fence}\n${code}\n${fence}`, 'para');
  }

  private emit(block: string, kind: BlockKind): void {
    const tight = this.afterBreak || (kind !== 'para' && kind === this.prev);
    if (this.out) this.out += tight ? '\n' : '\n\n';
    this.out += block;
    this.prev = kind;
    this.afterBreak = false;
  }
}

function isTableTag(name: string): boolean {
  return name === 'table' || name === 'tr' || name === 'td' || name === 'th';
}

function isBlockish(name: string): boolean {
  return BLOCK.has(name) || HEADING.test(name) || name === 'br' || name === 'li' || name === 'ul' || name === 'ol' || name === 'pre';
}
