/**
 * [[Wikilinks]] in the renderer: where one is being typed (for completion), which titles fit what was typed,
 * and how links appear in the text. The pattern is the engine's own (src/shared/markdown.ts).
 */
export { WIKILINK } from '../../../../../shared/markdown';

/** The link being typed when the text before the cursor ends inside an open `[[`: where its title starts. */
export function openWikilink(textBefore: string): { from: number; query: string } | null {
  const m = /\[\[([^\][|#\n]*)$/.exec(textBefore);
  return m ? { from: textBefore.length - m[1]!.length, query: m[1]! } : null;
}

/**
 * Titles that fit `query`, best first: titles starting with it, then with a word starting with it, then
 * containing it; shorter titles first within each group. Case-insensitive, no duplicates, no empty titles.
 */
export function rankTitles(query: string, titles: Iterable<string>, limit = 20): string[] {
  const q = query.trim().toLowerCase();
  const seen = new Set<string>();
  const scored: { title: string; rank: number }[] = [];
  for (const title of titles) {
    const t = title.trim();
    const key = t.toLowerCase();
    if (!t || seen.has(key)) continue;
    seen.add(key);
    const rank = !q ? 0 : key.startsWith(q) ? 0 : key.split(/[^\p{L}\p{N}]+/u).some((w) => w.startsWith(q)) ? 1 : key.includes(q) ? 2 : -1;
    if (rank >= 0) scored.push({ title: t, rank });
  }
  return scored
    .sort((a, b) => a.rank - b.rank || a.title.length - b.title.length || a.title.localeCompare(b.title))
    .slice(0, limit)
    .map((s) => s.title);
}

/** What to insert for a picked title: the closing `]]` too, unless it is already right after the cursor. */
export function completionText(title: string, textAfter: string): string {
  return textAfter.startsWith(']]') ? title : `${title}]]`;
}
