/** What the user types into a tag field, made into a tag the engine accepts (no spaces, commas or #). */
export function normalizeTag(input: string): string | null {
  const tag = input.trim().replace(/#/g, '').replace(/,/g, '').replace(/\s+/g, '-').toLowerCase();
  return tag && tag.length <= 100 ? tag : null;
}

/** The tags after adding what was typed; the same list when it is empty or already there. */
export function addTag(tags: string[], input: string): string[] {
  const tag = normalizeTag(input);
  return tag && !tags.includes(tag) ? [...tags, tag] : tags;
}
