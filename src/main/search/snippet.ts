/**
 * Snippets: the part of a chunk around the best match, HTML-escaped, with matched words wrapped in <mark>.
 * Matching is by word prefix so "running" in the text lights up for "run" in the query, roughly as the
 * porter stemmer in FTS5 matched it.
 */

const WINDOW = 240;

export function queryTerms(query: string): string[] {
  return [...new Set(query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].filter((t) => t.length > 1);
}

/** A loose stem: enough characters to match inflections without matching unrelated words. */
const stemOf = (term: string) => (term.length <= 4 ? term : term.slice(0, Math.max(4, term.length - 3)));

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function makeSnippet(text: string, terms: string[]): string {
  const stems = terms.map(stemOf);
  const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  const isMatch = (w: string) => {
    const lw = w.toLowerCase();
    return stems.some((s) => lw.startsWith(s));
  };
  const first = words.find((m) => isMatch(m[0]));
  let start = 0;
  if (first && first.index! > WINDOW / 3) {
    start = first.index! - Math.floor(WINDOW / 3);
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < first.index!) start = space + 1;
  }
  let end = Math.min(text.length, start + WINDOW);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start + WINDOW / 2) end = space;
  }
  let out = start > 0 ? '…' : '';
  let cursor = start;
  for (const m of words) {
    const i = m.index!;
    if (i < start || i + m[0].length > end) continue;
    if (!isMatch(m[0])) continue;
    out += escapeHtml(text.slice(cursor, i)) + `<mark>${escapeHtml(m[0])}</mark>`;
    cursor = i + m[0].length;
  }
  out += escapeHtml(text.slice(cursor, end)) + (end < text.length ? '…' : '');
  return out.replace(/\s+/g, ' ').trim();
}
