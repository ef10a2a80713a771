/**
 * Bytes to text. Plain text and Markdown must be UTF-8 (or UTF-16 with a byte-order mark): guessing another
 * encoding would index garbled words, so a file that breaks UTF-8 is refused with the place it breaks. HTML
 * names its own encoding, or falls back to Windows-1252 as browsers do.
 */
import { invalidUtf8At } from '../detect/utf8';
import { DocumentError } from './errors';

// Windows-1252's 0x80–0x9F; Node 20's TextDecoder treats the label as Latin-1 and yields C1 controls there.
export const WINDOWS_1252_C1 =
  '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

export function decodeText(bytes: Buffer, what: string): string {
  const bom = byteOrderMark(bytes);
  if (bom && bom !== 'utf-8') {
    try {
      return new TextDecoder(bom, { fatal: true }).decode(bytes);
    } catch {
      throw new DocumentError('encoding', `${what} is marked as UTF-16 but is not valid UTF-16. Save it as UTF-8 and import it again.`);
    }
  }
  const bad = invalidUtf8At(bytes);
  if (bad >= 0) {
    throw new DocumentError(
      'encoding',
      `${what} is not UTF-8 text (the first invalid byte is at offset ${bad}). Save it as UTF-8 and import it again.`,
    );
  }
  return new TextDecoder().decode(bytes); // drops a UTF-8 byte-order mark
}

/** An HTML page as a string, and a warning when its encoding had to be guessed. */
export function decodeHtml(bytes: Buffer): { html: string; warning?: string } {
  const declared = byteOrderMark(bytes) ?? declaredCharset(bytes);
  if (declared) return { html: decodeAs(bytes, declared) };
  if (invalidUtf8At(bytes) < 0) return { html: bytes.toString('utf8') };
  return { html: decodeAs(bytes, 'windows-1252'), warning: 'This page names no encoding and is not UTF-8, so it was read as Windows-1252.' };
}

function decodeAs(bytes: Buffer, label: string): string {
  const decoder = new TextDecoder(label);
  if (decoder.encoding !== 'windows-1252') return decoder.decode(bytes);
  return bytes.toString('latin1').replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]!);
}

function byteOrderMark(b: Buffer): 'utf-8' | 'utf-16le' | 'utf-16be' | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** The `<meta charset>` (or http-equiv) label in the first 1 KiB, when a decoder knows it. */
function declaredCharset(b: Buffer): string | undefined {
  const label = /<meta[^>]*?charset\s*=\s*["']?\s*([\w.:+-]+)/i.exec(b.toString('latin1', 0, 1024))?.[1];
  if (!label) return undefined;
  try {
    // A page cannot really be UTF-16 if its ASCII meta tag was readable, so browsers take that as UTF-8.
    return new TextDecoder(label).encoding.startsWith('utf-16') ? 'utf-8' : label;
  } catch {
    return undefined;
  }
}
