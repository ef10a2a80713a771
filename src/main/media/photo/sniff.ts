/** Image container from the first bytes, so a wrong extension or mime type cannot mislead a decoder. */
export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'tiff' | 'heif' | 'avif';

// HEIF brands; `mif1`/`msf1` are generic and may hold HEVC or AV1, which sharp's metadata tells apart.
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

export function sniffImageFormat(bytes: Uint8Array): ImageFormat | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') return 'tiff';
  if (bytes.length >= 16 && ascii(4, 8) === 'ftyp') return heifFamily(bytes);
  return undefined;
}

function heifFamily(bytes: Uint8Array): ImageFormat | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxEnd = Math.min(view.getUint32(0), bytes.length);
  const brands = [String.fromCharCode(...bytes.subarray(8, 12))];
  for (let at = 16; at + 4 <= boxEnd; at += 4) brands.push(String.fromCharCode(...bytes.subarray(at, at + 4)));
  if (brands.some((brand) => AVIF_BRANDS.has(brand))) return 'avif';
  if (brands.some((brand) => HEIF_BRANDS.has(brand))) return 'heif';
  return undefined;
}

/** A short readable description of bytes that are not a supported image, for the failed step's reason. */
export function describeNonImage(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'the file is empty';
  const head = Buffer.from(bytes.subarray(0, 8));
  const printable = /^[\x20-\x7e\t\r\n]*$/.test(head.toString('latin1'));
  const shown = printable ? JSON.stringify(head.toString('latin1')) : head.toString('hex').replace(/(..)(?!$)/g, '$1 ');
  return `not a supported image format (JPEG, PNG, GIF, WebP, TIFF, HEIF/AVIF); the file starts with ${shown}`;
}
