/**
 * Text from a document's bytes, for search and chat: PDF, DOCX, HTML, Markdown and plain text. Pure apart from
 * CPU and memory; every failure is a {@link DocumentError} whose message can be shown to the user as is.
 */
import { DOCX_MIME } from '../detect/sniff';
import { docxText } from './docx';
import { DocumentError, mib } from './errors';
import { htmlToMarkdown } from './html';
import { pdfText } from './pdf';
import { decodeHtml, decodeText } from './text';
import { DEFAULT_LIMITS, type ExtractLimits, type ExtractedText } from './types';

type Reader = (bytes: Buffer, limits: ExtractLimits) => ExtractedText | Promise<ExtractedText>;

const MAX_TITLE = 300;

const htmlReader: Reader = (bytes) => {
  const { html, warning } = decodeHtml(bytes);
  return { ...htmlToMarkdown(html), warnings: warning ? [warning] : [] };
};

const markdownReader: Reader = (bytes) => {
  const text = decodeText(bytes, 'This Markdown file');
  // Only the head of the line is looked at, so a pathological line cannot make the pattern slow.
  const heading = /^ {0,3}# +(.*)$/m.exec(text)?.[1]?.slice(0, 2 * MAX_TITLE).replace(/\s+#+\s*$/, '');
  return { text, title: heading, warnings: [] };
};

const READERS: Record<string, Reader> = {
  'application/pdf': pdfText,
  [DOCX_MIME]: docxText,
  'text/html': htmlReader,
  'application/xhtml+xml': htmlReader,
  'text/markdown': markdownReader,
  'text/x-markdown': markdownReader,
  'text/plain': (bytes) => ({ text: decodeText(bytes, 'This text file'), warnings: [] }),
};

/** The mime types {@link extractText} reads: every `document` that `detectMedia` reports, and aliases. */
export const EXTRACTABLE_MIMES: readonly string[] = Object.keys(READERS);

export async function extractText(bytes: Buffer, mime: string, options: Partial<ExtractLimits> = {}): Promise<ExtractedText> {
  const limits = { ...DEFAULT_LIMITS, ...options };
  const type = mime.split(';')[0]!.trim().toLowerCase();
  const read = READERS[type];
  if (!read) throw new DocumentError('unsupported', `Text cannot be read from ${type ? `${type} files` : 'files of unknown type'}.`);
  if (bytes.length > limits.maxBytes) {
    throw new DocumentError('too_large', `This file is ${mib(bytes.length)}, over the ${mib(limits.maxBytes)} limit for reading text.`);
  }
  return tidy(await read(bytes, limits), limits.maxChars);
}

/** One newline convention, no control characters (they break FTS and JSON consumers), and the size cap. */
function tidy(result: ExtractedText, maxChars: number): ExtractedText {
  let text = result.text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
  const warnings = [...result.warnings];
  if (text.length > maxChars) {
    // Never leave half a surrogate pair at the cut.
    const cut = /[\ud800-\udbff]/.test(text[maxChars - 1] ?? '') ? maxChars - 1 : maxChars;
    text = text.slice(0, cut);
    warnings.push(`The text was cut at ${maxChars.toLocaleString('en')} characters.`);
  }
  const title = result.title?.replace(/\s+/g, ' ').trim().slice(0, MAX_TITLE) || undefined;
  return { ...result, text, title, warnings };
}
