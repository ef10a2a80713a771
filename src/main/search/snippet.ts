/**
 * Snippets: the part of a chunk around the best match, HTML-escaped, with matched words wrapped in <mark>.
 * Words match when their crude stems agree, so "recipes" lights up for "recipe" roughly as FTS5's porter
 * stemmer matched it, without "cookies" lighting up "cooked".
 */

const WINDOW = 240;

export function queryTerms(query: string): string[] {
  return [...new Set(query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].filter((t) => t.length > 1);
}

/** Strips the common English inflections; enough for highlighting, not a full stemmer. */
export function crudeStem(word: string): string {
  const w = word.toLowerCase();
  if (w.length <= 3) return w;
  for (const [suffix, replacement] of [['ies', 'y'], ['ing', ''], ['ed', ''], ['es', ''], ['s', ''], ['ly', '']] as const) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) return w.slice(0, -suffix.length) + replacement;
  }
  return w;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function makeSnippet(text: string, terms: string[]): string {
  const stems = new Set(terms.map(crudeStem));
  const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  const isMatch = (w: string) => stems.has(crudeStem(w));
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
