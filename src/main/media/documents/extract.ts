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

export const EXTRACTABLE_MIMES = [
  'application/pdf', DOCX_MIME, 'text/html', 'application/xhtml+xml', 'text/markdown', 'text/x-markdown', 'text/plain',
] as const;

const MAX_TITLE = 300;

export async function extractText(bytes: Buffer, mime: string, options: Partial<ExtractLimits> = {}): Promise<ExtractedText> {
  const limits = { ...DEFAULT_LIMITS, ...options };
  if (bytes.length > limits.maxBytes) {
    throw new DocumentError('too_large', `This file is ${mib(bytes.length)}, over the ${mib(limits.maxBytes)} limit for reading text.`);
  }
  return tidy(await byType(bytes, mime.split(';')[0]!.trim().toLowerCase(), limits), limits.maxChars);
}

async function byType(bytes: Buffer, mime: string, limits: ExtractLimits): Promise<ExtractedText> {
  switch (mime) {
    case 'application/pdf':
      return pdfText(bytes, limits);
    case DOCX_MIME:
      return docxText(bytes, limits);
    case 'text/html':
    case 'application/xhtml+xml': {
      const { html, warning } = decodeHtml(bytes);
      return { ...htmlToMarkdown(html), warnings: warning ? [warning] : [] };
    }
    case 'text/markdown':
    case 'text/x-markdown': {
      const text = decodeText(bytes, 'This Markdown file');
      return { text, title: /^ {0,3}# +(.+?)(?: +#+)? *$/m.exec(text)?.[1], warnings: [] };
    }
    case 'text/plain':
      return { text: decodeText(bytes, 'This text file'), warnings: [] };
    default:
      throw new DocumentError('unsupported', `Text cannot be read from ${mime ? `${mime} files` : 'files of unknown type'}.`);
  }
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
