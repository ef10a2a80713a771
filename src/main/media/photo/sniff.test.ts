import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { describeNonImage, sniffImageFormat } from './sniff';
import { read } from './test-support';

describe('sniffImageFormat', () => {
  it('names containers by their bytes', async () => {
    const image = sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } });
    expect(sniffImageFormat(await image.clone().jpeg().toBuffer())).toBe('jpeg');
    expect(sniffImageFormat(await image.clone().png().toBuffer())).toBe('png');
    expect(sniffImageFormat(await image.clone().gif().toBuffer())).toBe('gif');
    expect(sniffImageFormat(await image.clone().webp().toBuffer())).toBe('webp');
    expect(sniffImageFormat(await image.clone().tiff().toBuffer())).toBe('tiff');
    expect(sniffImageFormat(await image.clone().avif().toBuffer())).toBe('avif');
    expect(sniffImageFormat(read('heic/IMG_5195.HEIC'))).toBe('heif');
    expect(sniffImageFormat(read('heic/mobile/HMD_Nokia_8.3_5G.heif'))).toBe('heif');
  });

  it('does not take other ISO media (MP4, MOV) or text for images', () => {
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypisom\0\0\0\0isommp41')]);
    expect(sniffImageFormat(mp4)).toBeUndefined();
    expect(sniffImageFormat(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffImageFormat(Buffer.from([0xff, 0xd8]))).toBeUndefined();
  });

  it('describes what non-images look like', () => {
    expect(describeNonImage(Buffer.alloc(0))).toBe('the file is empty');
    expect(describeNonImage(Buffer.from('%PDF-1.7 …'))).toContain('starts with "%PDF-1.7"');
    expect(describeNonImage(Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 9]))).toContain('starts with 50 4b 03 04 00 00 00 00');
  });
});
