/**
 * DOCX text through mammoth's HTML output, converted by the same HTML reader as web pages so Word headings
 * become `#` lines. Images are never read, and the ZIP directory is checked before anything is inflated.
 */
import mammoth from 'mammoth';
import { zipEntries } from '../detect/zip';
import { DocumentError, mib } from './errors';
import { htmlToMarkdown } from './html';
import type { ExtractedText, ExtractLimits } from './types';

// Style problems change formatting only, never the text: not worth telling the user.
const STYLE_NOISE = /\bstyle\b/i;
const MAX_WARNINGS = 5;

export async function docxText(bytes: Buffer, limits: ExtractLimits): Promise<ExtractedText> {
  const entries = zipEntries(bytes);
  if (!entries) throw new DocumentError('damaged', 'This DOCX is damaged: its ZIP directory is missing or cut off.');
  // The parts mammoth parses are XML; their declared sizes catch a ZIP bomb before it is inflated.
  const xmlBytes = entries.filter((e) => /\.(xml|rels)$/i.test(e.name)).reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (xmlBytes > limits.maxBytes) {
    throw new DocumentError('too_large', `This DOCX unpacks to ${mib(xmlBytes)} of XML, over the ${mib(limits.maxBytes)} limit.`);
  }
  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    result = await mammoth.convertToHtml(
      { buffer: bytes },
      { convertImage: mammoth.images.imgElement(async () => ({ src: '' })), externalFileAccess: false },
    );
  } catch (err) {
    throw new DocumentError('damaged', `This DOCX is damaged: ${reasonOf(err)}.`);
  }
  const { text, title } = htmlToMarkdown(result.value);
  const messages = [...new Set(result.messages.map((m) => m.message).filter((m) => !STYLE_NOISE.test(m)))];
  const warnings = messages.slice(0, MAX_WARNINGS);
  if (messages.length > MAX_WARNINGS) warnings.push(`…and ${messages.length - MAX_WARNINGS} more conversion warnings.`);
  return { text, title, warnings };
}

/** The first sentence of a mammoth, JSZip or xmldom error, without their prefixes. */
function reasonOf(err: unknown): string {
  const message = (err instanceof Error ? err.message : String(err)).replace(/^.*\[xmldom \w+\]\s*/, '');
  const first = message.split(/(?<=[.?!])\s/)[0]!.replace(/[.?!]+$/, '').trim();
  return first.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase()) || 'it could not be read';
}
