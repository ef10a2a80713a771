/**
 * The searchable text of a media item, rebuilt from what its steps found: a document's text, the words in a
 * photo, what is seen in it, a recording's transcript. It becomes the node's body, so it is chunked, embedded
 * and found by the same search as notes.
 */
import type { MediaFacts, MediaKind } from '../../../shared/media-schemas';
import { transcriptToMarkdown } from '../../ai/speech';

export function composeMediaBody(kind: MediaKind, facts: MediaFacts, documentText?: string): string {
  const sections: string[] = [];
  if (kind === 'document' && documentText) sections.push(documentText.trim());
  if (facts.tags?.length) sections.push(`Seen in this ${kind}: ${facts.tags.map((t) => t.label).join(', ')}.`);
  if (facts.faces?.length) sections.push(facts.faces.length === 1 ? 'One face.' : `${facts.faces.length} faces.`);
  if (facts.ocr?.text) sections.push(`## Text in the image\n\n${facts.ocr.text.trim()}`);
  if (facts.transcript?.text) sections.push(`## Transcript\n\n${transcriptToMarkdown(facts.transcript)}`);
  return sections.join('\n\n');
}
