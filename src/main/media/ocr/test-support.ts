/** Shared by the OCR tests and bench/ocr.ts: text rendered to an image with sharp (librsvg), like a scan. */
import sharp from 'sharp';

export interface TextImageOptions {
  width: number;
  height: number;
  /** Pixels. */
  fontSize: number;
  font?: string;
  margin?: number;
  lineHeight?: number;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Black lines of text on white, as a PNG. */
export function renderText(lines: string[], options: TextImageOptions): Promise<Buffer> {
  const { width, height, fontSize, font = 'DejaVu Serif', margin = fontSize * 2 } = options;
  const lineHeight = options.lineHeight ?? fontSize * 1.5;
  const text = lines
    .map((line, i) => `<text x="${margin}" y="${margin + fontSize + i * lineHeight}">${escapeXml(line)}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="white"/>
    <g font-family="${font}" font-size="${fontSize}" fill="black">${text}</g></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Share of `expected`'s words (letters and digits, any case) found among `actual`'s. */
export function wordRecall(expected: string, actual: string): number {
  const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}.,]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu) ?? [];
  const found = new Set(words(actual));
  const wanted = words(expected);
  return wanted.filter((word) => found.has(word)).length / wanted.length;
}
