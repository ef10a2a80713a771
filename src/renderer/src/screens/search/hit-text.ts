/** How a result says where it came from: which list found it, and where in the note it sits. */
import type { SearchHit } from '../../../../shared/schemas';

/** "camera_frame" → "Camera frame". */
export const kindLabel = (kind: string): string => (kind.charAt(0).toUpperCase() + kind.slice(1)).replaceAll('_', ' ');

export function matchedBy(ranks: SearchHit['ranks']): string {
  if (ranks.keyword && ranks.semantic) return 'words and meaning';
  if (ranks.keyword) return 'words';
  if (ranks.semantic) return 'meaning';
  return 'date';
}

/** "Trip › Day 2" for a passage under headings; '' at the top of a note. */
export const headingTrail = (path: string[]): string => path.filter(Boolean).join(' › ');
