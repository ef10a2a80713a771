import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDocx, makePdf, makeZip } from '../documents/test-fixtures';
import { detectMedia, DOCX_MIME } from './sniff';

const SAMPLES = fileURLToPath(new URL('../../../../../shared/fixtures/photos/exif-samples', import.meta.url));
const PHOTO_MIME: Record<string, string> = { jpg: 'image/jpeg', heic: 'image/heic', tiff: 'image/tiff' };

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(abs);
    return /^README/.test(e.name) ? [] : [abs];
  });
}

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const ftyp = (major: string, ...compatible: string[]) => {
  const box = bytes([0, 0, 0, 16 + 4 * compatible.length], 'ftyp', major, [0, 0, 0, 0], ...compatible);
  return Buffer.concat([box, Buffer.alloc(64)]);
};

describe('detectMedia on the photo fixtures', () => {
  for (const folder of Object.keys(PHOTO_MIME)) {
    it(`finds every ${folder} sample to be a ${PHOTO_MIME[folder]} photo`, () => {
      const files = filesUnder(path.join(SAMPLES, folder));
      expect(files.length).toBeGreaterThan(3);
      for (const file of files) {
        expect({ file, ...detectMedia(fs.readFileSync(file), path.basename(file)) }).toEqual({
          file,
          kind: 'photo',
          mime: PHOTO_MIME[folder],
        });
      }
    });
  }
});

describe('detectMedia when the extension lies', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-sniff-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('believes the bytes of a JPEG named x.pdf', () => {
    const target = path.join(dir, 'x.pdf');
    fs.copyFileSync(path.join(SAMPLES, 'jpg/Canon_40D.jpg'), target);
    expect(detectMedia(fs.readFileSync(target), target)).toEqual({ kind: 'photo', mime: 'image/jpeg' });
  });

  it('believes the bytes of a HEIC named .jpg and a PDF named .jpg', () => {
    expect(detectMedia(fs.readFileSync(path.join(SAMPLES, 'heic/IMG_5195.HEIC')), 'IMG.jpg').mime).toBe('image/heic');
    expect(detectMedia(makePdf([['hi']]), 'photo.jpg')).toEqual({ kind: 'document', mime: 'application/pdf' });
  });

  it('does not take an extension alone for a binary format', () => {
    expect(detectMedia(Buffer.from('just some words'), 'holiday.jpg').kind).toBe('unknown');
    expect(detectMedia(Buffer.from('just some words'), 'song.mp3').kind).toBe('unknown');
    expect(detectMedia(Buffer.from('notes about PDF headers'), 'notes.pdf').kind).toBe('unknown');
    expect(detectMedia(Buffer.from('A note on the %PDF-1.7 header'), 'note.md').mime).toBe('text/markdown');
  });

  it('does not take binary content for text because of a .txt name', () => {
    expect(detectMedia(Buffer.from([0x00, 0x01, 0x02, 0x41]), 'notes.txt')).toEqual({ kind: 'unknown', mime: 'application/octet-stream' });
  });
});

describe('detectMedia signatures', () => {
  const cases: [string, Buffer, string, string, string][] = [
    ['PNG', bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13]), 'a.bin', 'photo', 'image/png'],
    ['GIF', bytes('GIF89a', [1, 0, 1, 0]), 'a', 'photo', 'image/gif'],
    ['WebP', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'a', 'photo', 'image/webp'],
    ['WAV', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '), 'a', 'audio', 'audio/wav'],
    ['AVI', bytes('RIFF', [0, 0, 0, 0], 'AVI LIST'), 'a', 'video', 'video/x-msvideo'],
    ['AVIF', ftyp('avif', 'mif1', 'miaf'), 'a.heic', 'photo', 'image/avif'],
    ['HEIF (mif1 only)', ftyp('mif1', 'mif1'), 'a', 'photo', 'image/heif'],
    ['HEIC as a compatible brand', ftyp('mif1', 'heic'), 'a', 'photo', 'image/heic'],
    ['MP4 (isom)', ftyp('isom', 'isom', 'mp41'), 'a.mp4', 'video', 'video/mp4'],
    ['MP4 (mp42)', ftyp('mp42', 'isom'), 'clip', 'video', 'video/mp4'],
    ['MOV (qt)', ftyp('qt  ', 'qt  '), 'a.mp4', 'video', 'video/quicktime'],
    ['MOV without ftyp', bytes([0, 0, 0, 8], 'wide', [0, 0, 0, 8], 'mdat'), 'a.mov', 'video', 'video/quicktime'],
    ['M4A brand', ftyp('M4A ', 'isom'), 'a.mp4', 'audio', 'audio/mp4'],
    ['generic MP4 brand in a .m4a', ftyp('isom', 'mp42'), 'voice.M4A', 'audio', 'audio/mp4'],
    ['3GP', ftyp('3gp5', 'isom'), 'a', 'video', 'video/3gpp'],
    ['Canon CR3 (an ISO file that is a photo)', ftyp('crx ', 'crx ', 'isom'), 'IMG.CR3', 'photo', 'image/x-canon-cr3'],
    ['WebM', bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84], 'webm'), 'a.mkv', 'video', 'video/webm'],
    ['Matroska', bytes([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x82, 0x88], 'matroska'), 'a', 'video', 'video/x-matroska'],
    ['FLAC', bytes('fLaC', [0, 0, 0, 34]), 'a', 'audio', 'audio/flac'],
    ['FLAC after an ID3 tag', bytes('ID3', [4, 0, 0, 0, 0, 0, 2], 'ab', 'fLaC'), 'a.mp3', 'audio', 'audio/flac'],
    ['MP3 with ID3', bytes('ID3', [3, 0, 0, 0, 0, 0, 0], [0xff, 0xfb, 0x90, 0x64]), 'a', 'audio', 'audio/mpeg'],
    ['MP3 frame sync', bytes([0xff, 0xfb, 0x90, 0x64, 0, 0]), 'a', 'audio', 'audio/mpeg'],
    ['AAC (ADTS)', bytes([0xff, 0xf1, 0x50, 0x80, 0, 0]), 'a', 'audio', 'audio/aac'],
    ['Ogg Vorbis', bytes('OggS', Array(22).fill(0), [1, 30], '\x01vorbis'), 'a', 'audio', 'audio/ogg'],
    ['Ogg Theora', bytes('OggS', Array(22).fill(0), [1, 42], '\x80theora'), 'a', 'video', 'video/ogg'],
    ['PDF', makePdf([['x']]), 'scan', 'document', 'application/pdf'],
    ['PDF after junk, named .pdf', bytes('\r\n\r\n', makePdf([['x']]).toString('latin1')), 'a.pdf', 'document', 'application/pdf'],
  ];
  for (const [name, data, file, kind, mime] of cases) {
    it(`recognises ${name}`, () => expect(detectMedia(data, file)).toEqual({ kind, mime }));
  }

  it('rejects frame-sync lookalikes with reserved header values', () => {
    expect(detectMedia(bytes([0xff, 0xfb, 0xf0, 0x00]), 'a').kind).toBe('unknown'); // bitrate index 15
    expect(detectMedia(bytes([0xff, 0xeb, 0x90, 0x00]), 'a').kind).toBe('unknown'); // MPEG version "reserved"
  });
});

describe('detectMedia on ZIP files', () => {
  it('finds a DOCX by the word/document.xml entry in its central directory, whatever its name', () => {
    const docx = makeDocx([{ text: 'hi' }]);
    expect(detectMedia(docx, 'report.docx')).toEqual({ kind: 'document', mime: DOCX_MIME });
    expect(detectMedia(docx, 'report.zip')).toEqual({ kind: 'document', mime: DOCX_MIME });
    expect(detectMedia(docx, 'upload')).toEqual({ kind: 'document', mime: DOCX_MIME });
  });

  it('calls other ZIPs unknown, even when named .docx', () => {
    expect(detectMedia(makeZip({ 'a.txt': 'x', 'xl/workbook.xml': '<x/>' }), 'a.docx')).toEqual({ kind: 'unknown', mime: 'application/zip' });
  });

  it('sends a .docx cut off before its directory on to extraction, which explains the damage', () => {
    const cut = makeDocx([{ text: 'hi' }]).subarray(0, 300);
    expect(detectMedia(cut, 'report.docx').mime).toBe(DOCX_MIME);
    expect(detectMedia(cut, 'report.zip').mime).toBe('application/zip');
  });
});

describe('detectMedia on text', () => {
  it('uses the extension for the flavour of text', () => {
    expect(detectMedia(Buffer.from('# Notes\n'), 'notes.md')).toEqual({ kind: 'document', mime: 'text/markdown' });
    expect(detectMedia(Buffer.from('<html><body>x'), 'notes.markdown').mime).toBe('text/markdown');
    expect(detectMedia(Buffer.from('plain'), 'a.TXT')).toEqual({ kind: 'document', mime: 'text/plain' });
    expect(detectMedia(Buffer.from('<p>fragment</p>'), 'page.htm')).toEqual({ kind: 'document', mime: 'text/html' });
  });

  it('reads UTF-8 without an extension as plain text, or HTML when it starts like a page', () => {
    expect(detectMedia(Buffer.from('Grüße aus Köln\n'), 'README')).toEqual({ kind: 'document', mime: 'text/plain' });
    expect(detectMedia(Buffer.from('\uFEFF<!-- saved -->\n<!DOCTYPE html><title>x</title>'), 'page')).toEqual({
      kind: 'document',
      mime: 'text/html',
    });
    expect(detectMedia(Buffer.from([0xc3, 0x28, 0x41]), 'README').kind).toBe('unknown');
  });

  it('accepts a head that ends in the middle of a character', () => {
    const text = Buffer.from('é'.repeat(40 * 1024));
    expect(detectMedia(text.subarray(0, 64 * 1024 + 1), 'LOG').mime).toBe('text/plain');
  });

  it('treats UTF-16 with a byte-order mark as text', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<html><body>hi', 'utf16le')]);
    expect(detectMedia(utf16, 'a.txt').mime).toBe('text/plain');
    expect(detectMedia(utf16, 'page').mime).toBe('text/html');
  });

  it('calls text with an unknown extension, and empty files, unknown', () => {
    expect(detectMedia(Buffer.from('{"a":1}'), 'data.json').kind).toBe('unknown');
    expect(detectMedia(Buffer.alloc(0), 'x.jpg')).toEqual({ kind: 'unknown', mime: 'application/octet-stream' });
  });
});
