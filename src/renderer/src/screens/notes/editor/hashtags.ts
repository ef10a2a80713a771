/**
 * The #hashtags in a body, as the engine reads them (src/main/library/markdown.ts parseHashtags): after a
 * space or line start, not a heading, not a bare number, outside code. The note screen uses this to show which
 * of a note's tags come from its text (and go when the text loses them) and which were added as chips.
 */
const FENCE = /^(```|~~~)[\s\S]*?^\1[^\n]*$/gm;
const INLINE_CODE = /`[^`\n]*`/g;
const HASHTAG = /(^|[\s(])#([\p{L}\p{N}_][\p{L}\p{N}_\-/]*)/gu;

export function hashtags(body: string): string[] {
  const tags = new Set<string>();
  for (const m of body.replace(FENCE, '').replace(INLINE_CODE, '').matchAll(HASHTAG)) {
    const tag = m[2]!.replace(/[-/]+$/, '').toLowerCase();
    if (tag && !/^\d+$/.test(tag)) tags.add(tag);
  }
  return [...tags];
}

/** A node's tags split into the ones its text carries and the ones added explicitly. */
export function splitTags(tags: string[], savedBody: string): { explicit: string[]; fromText: string[] } {
  const fromText = new Set(hashtags(savedBody));
  return { explicit: tags.filter((t) => !fromText.has(t)), fromText: [...fromText] };
}
