/** Whether a palette command matches what was typed: every typed word starts some word of its label or keywords. */
export function matchesCommand(query: string, label: string, keywords: string[] = []): boolean {
  const words = `${label} ${keywords.join(' ')}`.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((typed) => words.some((w) => w.startsWith(typed)));
}
