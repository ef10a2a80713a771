/**
 * What the library reads out of a markdown body (shared, so the editor shows exactly what the engine will store): `#hashtags` and `[[wikilinks]]`. Code (fenced blocks and
 * inline spans) is ignored so that `#include` or `a[[0]]` in a snippet never becomes a tag or a link.
 */

const FENCE = /^(```|~~~)[\s\S]*?^\1[^\n]*$/gm;
const INLINE_CODE = /`[^`\n]*`/g;
// A hashtag starts after whitespace or line start, is not a heading ("# "), and holds letters, digits, _ - /.
const HASHTAG = /(^|[\s(])#([\p{L}\p{N}_][\p{L}\p{N}_\-/]*)/gu;
/** `[[Title]]`, `[[Title#Heading]]`, `[[Title|shown text]]`: group 1 is the title, group 2 the shown text. */
export const WIKILINK = /\[\[([^\][|#\n]+)(?:#[^\][|\n]*)?(?:\|([^\][\n]*))?\]\]/g;

function stripCode(body: string): string {
  return body.replace(FENCE, '').replace(INLINE_CODE, '');
}

export function parseHashtags(body: string): string[] {
  const tags = new Set<string>();
  for (const m of stripCode(body).matchAll(HASHTAG)) {
    const tag = m[2]!.replace(/[-/]+$/, '').toLowerCase();
    // Pure numbers ("#1", issue refs) are not tags.
    if (tag && !/^\d+$/.test(tag)) tags.add(tag);
  }
  return [...tags];
}

export function parseWikilinks(body: string): string[] {
  const titles = new Set<string>();
  for (const m of stripCode(body).matchAll(WIKILINK)) {
    const title = m[1]!.trim();
    if (title) titles.add(title);
  }
  return [...titles];
}
