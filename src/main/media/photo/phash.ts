/**
 * 64-bit DCT perceptual hash (the pHash construction): a 32x32 greyscale thumbnail, its 2-D DCT, and one bit
 * per low-frequency coefficient telling whether it is above their median. Low frequencies survive resizing
 * and recompression, so copies of one photo land a few bits apart while different photos differ in about
 * half of the 64.
 */
import { type DecodeOptions, openUpright } from './decode';

/** Hamming distance at or below which two photos are near-duplicates (measured; see phash.test.ts). */
export const NEAR_DUPLICATE_MAX_DISTANCE = 10;

/**
 * The hash of an image without structure (a flat field: lens cap, blank page). Its DCT is noise, so a real
 * hash would be random; this fixed value keeps such images together and 32 bits away from every photo.
 */
export const FLAT_HASH = '0000000000000000';

const SIDE = 32;
// Coefficients 1..8 in each direction; row and column 0 hold only overall brightness, not structure.
const LOW = 8;
const COSINES = Array.from({ length: LOW + 1 }, (_, u) =>
  Float64Array.from({ length: SIDE }, (_, x) => Math.cos(((2 * x + 1) * u * Math.PI) / (2 * SIDE))),
);

/** The hash of any supported photo, upright, as 16 hex characters. */
export async function perceptualHash(bytes: Buffer, options: DecodeOptions = {}): Promise<string> {
  const image = await openUpright(bytes, options);
  const grey = await image.render((pipeline) =>
    pipeline
      .flatten({ background: '#ffffff' })
      .greyscale()
      .resize(SIDE, SIDE, { fit: 'fill' })
      .raw()
      .toBuffer(),
  );
  return hashOfGrey(grey);
}

/** `grey` is SIDE x SIDE one-byte pixels, row by row. */
function hashOfGrey(grey: Uint8Array): string {
  const mean = grey.reduce((sum, p) => sum + p, 0) / grey.length;
  if (grey.every((p) => Math.abs(p - mean) < 2)) return FLAT_HASH;
  // Separable DCT: along rows first, then down the columns, computing only the coefficients we keep.
  const rows = Array.from({ length: SIDE }, (_, y) =>
    COSINES.map((cos) => cos.reduce((sum, c, x) => sum + c * grey[y * SIDE + x]!, 0)),
  );
  const coefficients: number[] = [];
  for (let v = 1; v <= LOW; v++) {
    for (let u = 1; u <= LOW; u++) {
      coefficients.push(rows.reduce((sum, row, y) => sum + COSINES[v]![y]! * row[u]!, 0));
    }
  }
  const sorted = [...coefficients].sort((a, b) => a - b);
  const median = (sorted[LOW * LOW / 2 - 1]! + sorted[LOW * LOW / 2]!) / 2;
  let bits = 0n;
  for (const coefficient of coefficients) bits = (bits << 1n) | (coefficient > median ? 1n : 0n);
  return bits.toString(16).padStart(16, '0');
}

export function hammingDistance(a: string, b: string): number {
  let diff = parseHash(a) ^ parseHash(b);
  let count = 0;
  for (; diff; diff &= diff - 1n) count++;
  return count;
}

function parseHash(hash: string): bigint {
  if (!/^[0-9a-f]{16}$/i.test(hash)) throw new TypeError(`not a 64-bit perceptual hash: ${JSON.stringify(hash)}`);
  return BigInt(`0x${hash}`);
}
