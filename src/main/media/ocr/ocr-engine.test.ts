import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaStepError } from '../step-error';
import { read } from '../photo/test-support';
import { OcrEngine, OcrError } from './index';
import { renderText, wordRecall } from './test-support';

const INVOICE = ['Invoice 2024 total 1,234.56 EUR', 'The quick brown fox jumps over the lazy dog'];
const SMALL = { width: 900, height: 200, fontSize: 30 };

let engine: OcrEngine;
let invoice: Buffer;

beforeAll(async () => {
  // Two workers, so the concurrency test runs both the parallel path and the queue.
  engine = await OcrEngine.create({ workers: 2 });
  invoice = await renderText(INVOICE, SMALL);
});

afterAll(() => engine?.close());

describe('OcrEngine', () => {
  it('reads rendered text', async () => {
    const result = await engine.recognize(invoice);
    expect(wordRecall(INVOICE.join(' '), result.text)).toBeGreaterThanOrEqual(0.85);
    expect(result.text.toLowerCase()).toContain('invoice');
    expect(result.text).toContain('1,234.56');
    expect(result.hasText).toBe(true);
    expect(result.words).toBeGreaterThanOrEqual(12);
    expect(result.confidence).toBeGreaterThan(80);
    expect(result.confidence).toBeLessThanOrEqual(100);
    expect(result.text.split('\n')).toHaveLength(2); // one line per rendered line, no stray whitespace
  });

  it('reads a dim, soft, heavily compressed capture', async () => {
    // Grey on light grey (89 levels of contrast instead of 255), blurred, then JPEG at quality 40.
    const dim = await sharp(invoice).linear(0.35, 140).blur(0.8).jpeg({ quality: 40 }).toBuffer();
    const result = await engine.recognize(dim);
    expect(wordRecall(INVOICE.join(' '), result.text)).toBeGreaterThanOrEqual(0.85);
    expect(result.hasText).toBe(true);
  });

  it('reads text on a transparent background (a screenshot with alpha)', async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="700" height="120">
      <text x="20" y="70" font-family="DejaVu Sans" font-size="32">Meeting notes for Thursday</text></svg>`;
    const result = await engine.recognize(await sharp(Buffer.from(svg)).png().toBuffer());
    expect(wordRecall('Meeting notes for Thursday', result.text)).toBeGreaterThanOrEqual(0.75);
  });

  it('turns the image upright from its EXIF orientation first', async () => {
    // Orientation 6 means "rotate 90° clockwise to display", so the stored pixels are turned the other way.
    const stored = sharp(invoice).rotate(270);
    const sideways = await stored.clone().jpeg({ quality: 95 }).toBuffer();
    const tagged = await stored.clone().jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    expect((await sharp(tagged).metadata()).orientation).toBe(6);

    const upright = await engine.recognize(tagged);
    expect(wordRecall(INVOICE.join(' '), upright.text)).toBeGreaterThanOrEqual(0.85);
    // Control: the same pixels without the tag do not read, so the orientation is what made the difference.
    const control = await engine.recognize(sideways);
    expect(wordRecall(INVOICE.join(' '), control.text)).toBeLessThan(0.5);
  });

  it.each(['jpg/Canon_40D.jpg', 'jpg/Nikon_D70.jpg', 'jpg/Fujifilm_FinePix_E500.jpg', 'jpg/gps/DSCN0027.jpg'])(
    'finds no text worth keeping in the camera photo %s',
    async (file) => {
      const result = await engine.recognize(read(file));
      expect(result.hasText).toBe(false);
    },
  );

  it('rejects bytes that are not an image with a readable OcrError', async () => {
    let seed = 7;
    const random = Buffer.from(Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24));
    const error = await engine.recognize(random).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OcrError);
    expect(error).toBeInstanceOf(MediaStepError);
    expect(error).toMatchObject({ reason: 'undecodable', code: 'invalid_input' });
    expect((error as Error).message).toMatch(/^not a supported image format .* the file starts with [0-9a-f ]+$/);

    await expect(engine.recognize(Buffer.alloc(0))).rejects.toMatchObject({ reason: 'undecodable', message: 'the file is empty' });
    // JPEG magic followed by noise: sniffed as an image, refused by the decoder.
    const fakeJpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), random]);
    await expect(engine.recognize(fakeJpeg)).rejects.toMatchObject({ reason: 'undecodable', message: expect.stringMatching(/^the jpeg image could not be read: /) });
  });

  it('rejects a truncated JPEG rather than reading half a page', async () => {
    const whole = read('jpg/tests/87_OSError.jpg');
    const error = await engine.recognize(whole.subarray(0, whole.length >> 1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OcrError);
    expect(error).toMatchObject({ reason: 'undecodable' });
    expect((error as Error).message).toMatch(/premature end of JPEG/i);
  });

  it('reads concurrent images, more of them than workers', async () => {
    const pages = await Promise.all(
      [['Three concurrent pages'], ['Second page of notes'], ['Third page arrives late']].map((lines) => renderText(lines, { width: 700, height: 120, fontSize: 32 })),
    );
    const results = await Promise.all(pages.map((page) => engine.recognize(page)));
    expect(wordRecall('Three concurrent pages', results[0]!.text)).toBeGreaterThanOrEqual(0.66);
    expect(wordRecall('Second page of notes', results[1]!.text)).toBeGreaterThanOrEqual(0.75);
    expect(wordRecall('Third page arrives late', results[2]!.text)).toBeGreaterThanOrEqual(0.75);
  });

  it('gives up on an aborted call, queued or running, and keeps working', async () => {
    await expect(engine.recognize(invoice, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });

    // A page that takes tesseract seconds, and both workers warm so it is inside tesseract when aborted.
    const page = await renderText(Array.from({ length: 30 }, (_, i) => `Line ${i} of a long page that takes a while to read`), { width: 1240, height: 1754, fontSize: 24 });
    await Promise.all([engine.recognize(invoice), engine.recognize(invoice)]);
    const queued = new AbortController();
    const running = new AbortController();
    let stoppedAt = 0;
    const settled = Promise.allSettled([
      engine.recognize(invoice),
      engine.recognize(page, { signal: running.signal }).finally(() => (stoppedAt = performance.now())),
      engine.recognize(invoice, { signal: queued.signal }), // both workers busy: this one waits in the queue
    ]);
    queued.abort();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const abortedAt = performance.now();
    running.abort();
    const [first, second, third] = await settled;
    expect(first).toMatchObject({ status: 'fulfilled', value: { hasText: true } });
    expect(second).toMatchObject({ status: 'rejected', reason: { name: 'AbortError' } });
    expect(third).toMatchObject({ status: 'rejected', reason: { name: 'AbortError' } });
    expect(stoppedAt - abortedAt).toBeLessThan(1000); // did not wait for the page (3-4 s of tesseract)

    // The stopped worker is replaced on demand.
    const [a, b] = await Promise.all([engine.recognize(invoice), engine.recognize(invoice)]);
    expect(a.hasText && b.hasText).toBe(true);
  });

  it('can be closed and created again, with a model cache directory', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-ocr-'));
    try {
      const first = await OcrEngine.create({ cacheDir });
      expect((await first.recognize(invoice)).hasText).toBe(true);
      const pending = first.recognize(invoice);
      await first.close();
      await expect(pending).rejects.toThrow('the OCR engine is closed');
      await expect(first.recognize(invoice)).rejects.toThrow('the OCR engine is closed');
      // The first worker cached the unzipped model; the second starts from it.
      const cached = fs.readdirSync(cacheDir, { recursive: true, encoding: 'utf8' });
      expect(cached.some((file) => file.endsWith('eng.traineddata'))).toBe(true);

      const second = await OcrEngine.create({ cacheDir });
      try {
        expect(wordRecall(INVOICE.join(' '), (await second.recognize(invoice)).text)).toBeGreaterThanOrEqual(0.85);
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('refuses a worker count that is not a positive integer', async () => {
    await expect(OcrEngine.create({ workers: 0 })).rejects.toThrow(RangeError);
    await expect(OcrEngine.create({ workers: 1.5 })).rejects.toThrow(RangeError);
  });
});
