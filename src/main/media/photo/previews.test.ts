import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { PhotoError } from './errors';
import { hammingDistance, NEAR_DUPLICATE_MAX_DISTANCE, perceptualHash } from './phash';
import { makePreviews, PREVIEW_SIZE, type Previews, THUMBNAIL_SIZE } from './previews';
import { damagedCopies, fixtures, read, within } from './test-support';

const size = async (webp: Buffer) => {
  const meta = await sharp(webp).metadata();
  expect(meta.format).toBe('webp');
  return { width: meta.width, height: meta.height };
};

describe('makePreviews', () => {
  // Hashes of the upright (orientation 1) samples' previews.
  const reference = { landscape: '', portrait: '' };
  beforeAll(async () => {
    for (const kind of ['landscape', 'portrait'] as const) {
      reference[kind] = await perceptualHash((await makePreviews(read(`jpg/orientation/${kind}_1.jpg`), 'image/jpeg')).preview);
    }
  });

  it.each(fixtures('jpg/orientation'))('%s comes out upright', async (file) => {
    const bytes = read(file);
    const orientation = Number(/_(\d)\.jpg$/.exec(file)![1]);
    const kind = file.includes('landscape') ? 'landscape' : 'portrait';
    const stored = await sharp(bytes).metadata();
    const previews = await makePreviews(bytes, 'image/jpeg');
    const shown = await size(previews.preview);
    // Orientations 5-8 store the picture turned a quarter, so the stored sides are swapped.
    const swapped = orientation >= 5;
    expect(shown).toEqual(swapped ? { width: stored.height, height: stored.width } : { width: stored.width, height: stored.height });
    expect(shown.width! > shown.height!).toBe(kind === 'landscape');
    expect({ width: previews.width, height: previews.height }).toEqual(shown);
    expect(hammingDistance(await perceptualHash(previews.preview), reference[kind])).toBeLessThanOrEqual(4);
    if (orientation !== 1) {
      // The same pixels without the EXIF turn are far off: the check above can tell.
      const unturned = await sharp(bytes).webp().toBuffer();
      expect(hammingDistance(await perceptualHash(unturned), reference[kind])).toBeGreaterThan(NEAR_DUPLICATE_MAX_DISTANCE);
    }
  });

  it.each(fixtures('heic'))('%s decodes (HEVC through heic-decode) to upright previews', async (file) => {
    const previews = await makePreviews(read(file), 'image/heic');
    const preview = await size(previews.preview);
    const thumbnail = await size(previews.thumbnail);
    expect(Math.max(preview.width!, preview.height!)).toBe(Math.min(PREVIEW_SIZE, Math.max(previews.width, previews.height)));
    expect(Math.max(thumbnail.width!, thumbnail.height!)).toBe(THUMBNAIL_SIZE);
    expect(preview.width! > preview.height!).toBe(previews.width > previews.height);
    expect(previews.warning).toBeUndefined();
  });

  it('turns an iPhone HEIC shot in portrait upright, once (container rotation, not EXIF again)', async () => {
    const previews = await makePreviews(read('heic/mobile/iphone_13_pro_max.HEIC'), 'image/heic');
    expect({ width: previews.width, height: previews.height }).toEqual({ width: 3024, height: 4032 });
    expect(await size(previews.preview)).toEqual({ width: 1200, height: 1600 });
  });

  it('fits sizes, never enlarges, and strips every piece of metadata', async () => {
    const gps = await makePreviews(read('jpg/gps/DSCN0010.jpg'), 'image/jpeg');
    expect(await size(gps.thumbnail)).toEqual({ width: 320, height: 240 });
    expect(await size(gps.preview)).toEqual({ width: 640, height: 480 });
    const big = await makePreviews(read('jpg/mobile/HMD_Nokia_8.3_5G.jpg'), 'image/jpeg');
    expect(await size(big.preview)).toEqual({ width: 1600, height: 686 });
    for (const webp of [gps.thumbnail, gps.preview, big.preview]) {
      const meta = await sharp(webp).metadata();
      expect([meta.exif, meta.xmp, meta.icc, meta.iptc]).toEqual([undefined, undefined, undefined, undefined]);
    }
  });

  it('renders what a damaged JPEG holds, with a warning', async () => {
    const corrupted = await makePreviews(read('jpg/corrupted.jpg'), 'image/jpeg');
    expect(corrupted.warning).toBe('damaged image data: VipsJpeg: Corrupt JPEG data: premature end of data segment');
    expect(await size(corrupted.preview)).toEqual({ width: 1600, height: 1200 });
    const whole = read('jpg/hdr/iphone_hdr_YES.jpg');
    const truncated = await makePreviews(whole.subarray(0, whole.length >> 1), 'image/jpeg');
    expect(truncated.warning).toBe('damaged image data: VipsJpeg: premature end of JPEG image');
  });

  it.each([...fixtures('jpg/tests'), ...fixtures('jpg/invalid')])('%s: previews or a reason, within 10 s', async (file) => {
    const outcome = await within(10_000, file, makePreviews(read(file), 'image/jpeg')).then(
      (previews): Previews | Error => previews,
      (error: unknown) => error as Error,
    );
    if (outcome instanceof Error) {
      expect(outcome).toBeInstanceOf(PhotoError);
    } else {
      expect((await size(outcome.thumbnail)).width).toBeGreaterThan(0);
    }
  });

  it('survives randomly damaged headers: previews or a PhotoError, nothing else', async () => {
    for (const { label, bytes } of damagedCopies(60)) {
      await within(10_000, label, makePreviews(bytes, 'image/jpeg')).catch((error: unknown) => {
        expect(error, label).toBeInstanceOf(PhotoError);
      });
    }
  });

  it('fails with a readable reason for what it cannot decode', async () => {
    await expect(makePreviews(Buffer.from('hello, world'), 'image/jpeg')).rejects.toMatchObject({
      reason: 'unsupported_format',
      message: 'not a supported image format (JPEG, PNG, GIF, WebP, TIFF, HEIF/AVIF); the file starts with "hello, w" (uploaded as image/jpeg)',
    });
    const headerOnly = read('jpg/hdr/iphone_hdr_YES.jpg').subarray(0, 2_000);
    await expect(makePreviews(headerOnly, 'image/jpeg')).rejects.toMatchObject({ reason: 'undecodable', message: expect.stringMatching(/^the jpeg image could not be read: /) });
    const brokenHeic = Buffer.from(read('heic/IMG_5195.HEIC'));
    brokenHeic.fill(0x55, 4_000);
    await expect(makePreviews(brokenHeic, 'image/heic')).rejects.toMatchObject({ reason: 'undecodable' });
  });

  it('refuses images over the pixel limit before decoding them', async () => {
    await expect(makePreviews(read('jpg/gps/DSCN0010.jpg'), 'image/jpeg', { maxPixels: 100_000 })).rejects.toMatchObject({
      reason: 'too_large',
      message: 'the image is 640 x 480 (0.3 MP), over the 0.1 MP limit (uploaded as image/jpeg)',
    });
    await expect(makePreviews(read('heic/IMG_5195.HEIC'), 'image/heic', { maxPixels: 1_000_000 })).rejects.toMatchObject({ reason: 'too_large' });
  });

  it('reads PNG, GIF, WebP, TIFF and AVIF, keeping transparency', async () => {
    const image = sharp({ create: { width: 500, height: 250, channels: 4, background: { r: 200, g: 0, b: 0, alpha: 0.5 } } });
    for (const format of ['png', 'gif', 'webp', 'tiff', 'avif'] as const) {
      const previews = await makePreviews(await image.clone().toFormat(format).toBuffer(), `image/${format}`);
      expect(await size(previews.thumbnail)).toEqual({ width: 320, height: 160 });
      // GIF has no partial transparency and sharp writes TIFF without alpha, so only these can keep it.
      if (format !== 'gif' && format !== 'tiff') expect((await sharp(previews.preview).metadata()).hasAlpha).toBe(true);
    }
  });
});
