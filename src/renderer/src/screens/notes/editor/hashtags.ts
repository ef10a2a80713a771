/** Which of a note's tags its text carries (they go when the text loses them) and which were added as chips. */
import { parseHashtags } from '../../../../../shared/markdown';

/** A node's tags split into the ones its text carries and the ones added explicitly. */
export function splitTags(tags: string[], savedBody: string): { explicit: string[]; fromText: string[] } {
  const fromText = new Set(parseHashtags(savedBody));
  return { explicit: tags.filter((t) => !fromText.has(t)), fromText: [...fromText] };
}
