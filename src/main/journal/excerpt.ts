/** The start of a markdown body as one line of plain text, for lists where the markup would be noise. */

const RULES: [RegExp, string][] = [
  [/^(```|~~~).*$/gm, ''], // fence lines; the code inside is kept as text
  [/!\[([^\]]*)\]\([^)]*\)/g, '$1'], // images: their alt text
  [/\[([^\]]*)\]\([^)]*\)/g, '$1'], // links: their text
  [/\[\[([^\]|]+)\|([^\]]+)\]\]/g, '$2'], // [[Title|alias]]
  [/\[\[([^\]]+)\]\]/g, '$1'],
  [/<[^>]+>/g, ''],
  [/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+\[[ xX]\]\s+|[-*+]\s+|\d+[.)]\s+)/gm, ''], // heading, quote, list markers
  [/^\s*([-*_]\s*){3,}$/gm, ''], // thematic breaks
  [/(\*\*|__|~~|\*|`)/g, ''],
];

export function excerpt(markdown: string, maxChars = 160): string {
  let text = markdown;
  for (const [pattern, replacement] of RULES) text = text.replace(pattern, replacement);
  text = text.replace(/\s+/g, ' ').trim();
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const space = cut.lastIndexOf(' ');
  // Break between words unless that would throw away most of the excerpt.
  return `${(space > maxChars * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:!?-]+$/, '')}…`;
}
