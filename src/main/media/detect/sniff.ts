/**
 * What an imported file is, from its bytes. Upload names and extensions are user input, so binary formats are
 * recognised by their signatures only; the extension is used where content carries no signature (plain text,
 * Markdown) and to refine a container that does not say what it holds (an ISO MP4 brand in a `.m4a`).
 */
import path from 'node:path';
import { invalidUtf8At } from './utf8';
import { zipEntries } from './zip';

export type MediaKind = 'photo' | 'video' | 'audio' | 'document' | 'unknown';

export interface DetectedMedia {
  kind: MediaKind;
  mime: string;
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// Text needs no more than this to be told apart from binary; the rest is checked when it is extracted.
const TEXT_HEAD = 64 * 1024;

const TEXT_EXT: Record<string, string> = {
  '.txt': 'text/plain', '.text': 'text/plain', '.log': 'text/plain',
  '.md': 'text/markdown', '.markdown': 'text/markdown', '.mdown': 'text/markdown', '.mkd': 'text/markdown',
  '.html': 'text/html', '.htm': 'text/html',
};

const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx']);
const HEIF_BRANDS = new Set(['mif1', 'msf1', 'heif']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
const AUDIO_MP4_EXT = new Set(['.m4a', '.m4b', '.aac']);
// Classic QuickTime files start with one of these atoms instead of `ftyp`.
const QT_ATOMS = new Set(['moov', 'mdat', 'wide', 'pnot']);

const is = (kind: MediaKind, mime: string): DetectedMedia => ({ kind, mime });
const UNKNOWN = is('unknown', 'application/octet-stream');

/**
 * The kind and mime type of a file. `fileName` only refines what the bytes allow, never overrules them. Pass
 * the whole file when it may be a DOCX (a ZIP's directory is at its end); anything else is decided by its
 * first 64 KiB.
 */
export function detectMedia(bytes: Buffer, fileName: string): DetectedMedia {
  const ext = path.extname(fileName.split(/[\\/]/).pop() ?? '').toLowerCase();
  return byMagic(bytes, ext) ?? byText(bytes, ext) ?? UNKNOWN;
}

function byMagic(b: Buffer, ext: string): DetectedMedia | undefined {
  const ascii = (start: number, end: number) => b.toString('latin1', start, Math.min(end, b.length));
  if (starts(b, [0xff, 0xd8, 0xff])) return is('photo', 'image/jpeg');
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return is('photo', 'image/png');
  if (/^GIF8[79]a/.test(ascii(0, 6))) return is('photo', 'image/gif');
  if (ascii(0, 4) === 'RIFF') return riff(ascii(8, 12));
  if (starts(b, [0x49, 0x49, 0x2a, 0x00]) || starts(b, [0x4d, 0x4d, 0x00, 0x2a])) return is('photo', 'image/tiff');
  if (ascii(4, 8) === 'ftyp') return isoMedia(b, ext);
  if (QT_ATOMS.has(ascii(4, 8))) return is('video', 'video/quicktime');
  if (starts(b, [0x1a, 0x45, 0xdf, 0xa3])) {
    return ascii(0, 64).includes('webm') ? is('video', 'video/webm') : is('video', 'video/x-matroska');
  }
  if (ascii(0, 4) === 'fLaC') return is('audio', 'audio/flac');
  if (ascii(0, 4) === 'OggS') return ascii(28, 35) === '\x80theora' ? is('video', 'video/ogg') : is('audio', 'audio/ogg');
  if (ascii(0, 3) === 'ID3') return afterId3(b);
  const mpeg = mpegAudio(b, 0);
  if (mpeg) return mpeg;
  // Readers accept up to 1 KiB of junk before the header; a text file that merely mentions it is not a PDF.
  if (ascii(0, 5) === '%PDF-' || (ext === '.pdf' && ascii(0, 1024).includes('%PDF-'))) return is('document', 'application/pdf');
  if (starts(b, [0x50, 0x4b, 0x03, 0x04])) return zip(b, ext);
  return undefined;
}

function riff(form: string): DetectedMedia | undefined {
  if (form === 'WEBP') return is('photo', 'image/webp');
  if (form === 'WAVE') return is('audio', 'audio/wav');
  if (form === 'AVI ') return is('video', 'video/x-msvideo');
  return undefined;
}

/** ISO base media (MP4, MOV, HEIF, AVIF, M4A): the major brand, then the compatible brands, say which. */
function isoMedia(b: Buffer, ext: string): DetectedMedia {
  const boxEnd = Math.min(b.readUInt32BE(0), b.length, 256);
  const brands = [b.toString('latin1', 8, 12)];
  for (let p = 16; p + 4 <= boxEnd; p += 4) brands.push(b.toString('latin1', p, p + 4));
  // Most still images list the generic `mif1` too, so the codec brands are looked for first.
  if (brands.some((brand) => HEIC_BRANDS.has(brand))) return is('photo', 'image/heic');
  if (brands.some((brand) => AVIF_BRANDS.has(brand))) return is('photo', 'image/avif');
  if (brands.some((brand) => HEIF_BRANDS.has(brand))) return is('photo', 'image/heif');
  const major = brands[0]!;
  if (major === 'crx ') return is('photo', 'image/x-canon-cr3'); // raw, but an ISO file all the same
  if (major === 'qt  ') return is('video', 'video/quicktime');
  if (/^M4[ABP] $/.test(major)) return is('audio', 'audio/mp4');
  if (major.startsWith('3g2')) return is('video', 'video/3gpp2');
  if (major.startsWith('3gp')) return is('video', 'video/3gpp');
  // Generic brands (isom, mp42…) do not say whether there is a video track; an audio extension can.
  return AUDIO_MP4_EXT.has(ext) ? is('audio', 'audio/mp4') : is('video', 'video/mp4');
}

function afterId3(b: Buffer): DetectedMedia {
  // The tag size is a 28-bit "syncsafe" integer; a footer adds 10 bytes.
  const size = b.length >= 10 ? ((b[6]! & 0x7f) << 21) | ((b[7]! & 0x7f) << 14) | ((b[8]! & 0x7f) << 7) | (b[9]! & 0x7f) : 0;
  const footer = ((b[5] ?? 0) & 0x10) !== 0 ? 10 : 0;
  const end = 10 + size + footer;
  if (b.toString('latin1', end, end + 4) === 'fLaC') return is('audio', 'audio/flac');
  return mpegAudio(b, end) ?? is('audio', 'audio/mpeg');
}

/** An MPEG audio or ADTS (AAC) frame header at `p`, with its reserved values rejected to avoid false hits. */
function mpegAudio(b: Buffer, p: number): DetectedMedia | undefined {
  if (p + 4 > b.length || b[p] !== 0xff || (b[p + 1]! & 0xe0) !== 0xe0) return undefined;
  const layer = (b[p + 1]! >> 1) & 0x03;
  if (layer === 0) {
    const adts = (b[p + 1]! & 0xf6) === 0xf0 && ((b[p + 2]! >> 2) & 0x0f) < 13;
    return adts ? is('audio', 'audio/aac') : undefined;
  }
  const version = (b[p + 1]! >> 3) & 0x03;
  const bitrate = b[p + 2]! >> 4;
  const rate = (b[p + 2]! >> 2) & 0x03;
  return version !== 1 && bitrate !== 0x0f && rate !== 0x03 ? is('audio', 'audio/mpeg') : undefined;
}

function zip(b: Buffer, ext: string): DetectedMedia {
  const names = zipEntries(b)?.map((e) => e.name);
  // A DOCX cut off before its directory still goes to extraction, which explains that it is damaged.
  if (!names) return ext === '.docx' ? is('document', DOCX_MIME) : is('unknown', 'application/zip');
  const word = names.includes('word/document.xml') || (names.includes('[Content_Types].xml') && names.some((n) => n.startsWith('word/')));
  return word ? is('document', DOCX_MIME) : is('unknown', 'application/zip');
}

/**
 * Text has no signature. A text extension decides the flavour (a `.md` starting with `<html>` stays Markdown);
 * without an extension, UTF-8 text is plain text or, when it starts like a page, HTML. The encoding of a file
 * with a text extension is checked on extraction, so a Latin-1 `.txt` fails there with a reason.
 */
function byText(b: Buffer, ext: string): DetectedMedia | undefined {
  const head = b.subarray(0, TEXT_HEAD);
  const utf16 = starts(head, [0xff, 0xfe]) || starts(head, [0xfe, 0xff]);
  if (!utf16 && head.includes(0)) return undefined;
  const mime = TEXT_EXT[ext];
  if (mime) return is('document', mime);
  if (ext !== '' || (!utf16 && invalidUtf8At(head, true) >= 0)) return undefined;
  return looksLikeHtml(head, utf16) ? is('document', 'text/html') : is('document', 'text/plain');
}

function looksLikeHtml(head: Buffer, utf16: boolean): boolean {
  const label = !utf16 ? 'utf-8' : head[0] === 0xff ? 'utf-16le' : 'utf-16be';
  const start = new TextDecoder(label)
    .decode(head.subarray(0, 2048))
    .replace(/^(\s|<!--[\s\S]*?-->|<\?xml[^>]*>)*/, '');
  return /^<(!doctype\s+html|html|head|body)[\s>]/i.test(start);
}

function starts(b: Uint8Array, sig: number[]): boolean {
  return b.length >= sig.length && sig.every((x, i) => b[i] === x);
}
