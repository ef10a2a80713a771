import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { FLAT_HASH, hammingDistance, NEAR_DUPLICATE_MAX_DISTANCE, perceptualHash } from './phash';
import { makePreviews } from './previews';
import { fixtures, read } from './test-support';

// Distinct camera photos of a real size. Tiny images hash less stably (a 174 x 38 logo halved moved 12 bits).
const PHOTOS = [...fixtures('jpg/exif-org'), ...fixtures('jpg/gps'), ...fixtures('jpg/hdr'), ...fixtures('jpg/mobile'), ...fixtures('jpg/tests')]
  .filter((file) => !file.includes('67-0_length_string')); // a flat grey frame, tested on its own

describe('perceptualHash', () => {
  const hashes = new Map<string, string>();
  beforeAll(async () => {
    for (const file of PHOTOS) hashes.set(file, await perceptualHash(read(file)));
  });

  it('gives 16 hex characters, the same for the same pixels', async () => {
    const hash = hashes.get('jpg/gps/DSCN0010.jpg')!;
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(await perceptualHash(read('jpg/gps/DSCN0010.jpg'))).toBe(hash);
  });

  // Measured over these 4 copies of each of the 41 photos: 0 for 135 of 164, at most 4.
  it.each(PHOTOS)('%s: resized and recompressed copies stay near', async (file) => {
    const bytes = read(file);
    const { width = 0 } = await sharp(bytes).metadata();
    const copies = [
      await sharp(bytes).autoOrient().resize(Math.round(width / 2)).jpeg({ quality: 85 }).toBuffer(),
      await sharp(bytes).autoOrient().resize(320, 320, { fit: 'inside' }).jpeg({ quality: 80 }).toBuffer(),
      await sharp(bytes).autoOrient().jpeg({ quality: 30 }).toBuffer(),
      (await makePreviews(bytes, 'image/jpeg')).preview,
    ];
    for (const copy of copies) {
      expect(hammingDistance(hashes.get(file)!, await perceptualHash(copy))).toBeLessThanOrEqual(NEAR_DUPLICATE_MAX_DISTANCE - 2);
    }
  });

  it('keeps different photos far apart, even a burst from one walk', () => {
    const files = [...hashes.keys()];
    let closest = { distance: 64, pair: '' };
    for (const [i, a] of files.entries()) {
      for (const b of files.slice(i + 1)) {
        const distance = hammingDistance(hashes.get(a)!, hashes.get(b)!);
        // The same iPhone HDR moment, with and without HDR, is one picture: a near-duplicate by design.
        if (a.includes('iphone_hdr') && b.includes('iphone_hdr')) expect(distance).toBeLessThanOrEqual(NEAR_DUPLICATE_MAX_DISTANCE);
        else if (distance < closest.distance) closest = { distance, pair: `${a} ${b}` };
      }
    }
    // Measured over 819 pairs: closest 16 (canon-ixus vs DSCN0027), 1% under 22, median 32.
    expect(closest.distance, closest.pair).toBeGreaterThan(NEAR_DUPLICATE_MAX_DISTANCE + 4);
  });

  it('hashes the upright picture, so EXIF-rotated twins match', async () => {
    const upright = await perceptualHash(read('jpg/orientation/portrait_1.jpg'));
    for (const n of [2, 3, 4, 5, 6, 7, 8]) {
      expect(hammingDistance(upright, await perceptualHash(read(`jpg/orientation/portrait_${n}.jpg`)))).toBeLessThanOrEqual(4);
    }
  });

  it('hashes a HEIC like its own preview', async () => {
    const bytes = read('heic/samplefilehub.heif');
    const preview = (await makePreviews(bytes, 'image/heif')).preview;
    expect(hammingDistance(await perceptualHash(bytes), await perceptualHash(preview))).toBeLessThanOrEqual(2);
  });

  it('gives flat frames one fixed hash instead of noise', async () => {
    const grey = read('jpg/tests/67-0_length_string.jpg');
    expect(await perceptualHash(grey)).toBe(FLAT_HASH);
    expect(await perceptualHash(await sharp(grey).jpeg({ quality: 30 }).toBuffer())).toBe(FLAT_HASH);
    const black = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#000' } }).png().toBuffer();
    expect(await perceptualHash(black)).toBe(FLAT_HASH);
    expect(hammingDistance(FLAT_HASH, hashes.get('jpg/gps/DSCN0010.jpg')!)).toBeGreaterThan(24);
  });
});

describe('hammingDistance', () => {
  it('counts differing bits and refuses what is not a hash', () => {
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
    expect(hammingDistance('ABCDEF0123456789', 'abcdef0123456789')).toBe(0);
    expect(() => hammingDistance('abc', '0000000000000000')).toThrow('not a 64-bit perceptual hash: "abc"');
  });
});
