/**
 * Real models, real photos: the exif-samples fixtures (see ../shared/fixtures/photos/NOTICE.md) and the
 * sample screenshots that ship in the @vladmandic/human package. One engine for the whole file: loading
 * the models is the slow part.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { read } from '../photo/test-support';
import { VisionEngine, VisionError, type VisionResult, similarFaces } from './index';

const require = createRequire(import.meta.url);
const humanAssets = path.join(path.dirname(require.resolve('@vladmandic/human')), '..', 'assets');
// The same tfjs instance human runs on (both are loaded with Node's require), to count its live tensors.
const tf = require('@tensorflow/tfjs-core') as typeof import('@tensorflow/tfjs-core');

const SLOW = 60_000;
let engine: VisionEngine;

beforeAll(async () => {
  engine = await VisionEngine.create();
}, SLOW);

afterAll(async () => {
  await engine?.close();
});

function expectValidBoxes(result: VisionResult): void {
  for (const face of result.faces) {
    const [x, y, w, h] = face.box;
    for (const n of face.box) expect(n).toBeGreaterThanOrEqual(0);
    expect(w).toBeGreaterThan(0);
    expect(h).toBeGreaterThan(0);
    expect(x + w).toBeLessThanOrEqual(1);
    expect(y + h).toBeLessThanOrEqual(1);
    expect(face.score).toBeGreaterThan(0);
    expect(face.score).toBeLessThanOrEqual(1);
  }
}

describe('tags', () => {
  it('names the bus in a camera sample of a street', async () => {
    const result = await engine.analyze(read('jpg/Nikon_COOLPIX_P1.jpg'));
    expect(result.tags.map((t) => t.label)).toContain('bus');
    expect(result).toMatchObject({ width: 100, height: 75 });
  }, SLOW);

  it('keeps one tag per label, at or above the threshold, best first', async () => {
    // A crêpe stall: a cook, cups, and crêpes that centernet calls pizza.
    const result = await engine.analyze(read('jpg/exif-org/fujifilm-dx10.jpg'));
    const labels = result.tags.map((t) => t.label);
    expect(labels).toEqual(expect.arrayContaining(['person', 'cup']));
    expect(new Set(labels).size).toBe(labels.length);
    for (const tag of result.tags) expect(tag.score).toBeGreaterThanOrEqual(0.4);
    const scores = result.tags.map((t) => t.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  }, SLOW);
});

describe('faces', () => {
  it('finds the faces in a wedding photo, with descriptors, age and gender', async () => {
    const result = await engine.analyze(read('jpg/exif-org/canon-ixus.jpg'));
    expect(result.faces.length).toBeGreaterThanOrEqual(2);
    expectValidBoxes(result);
    for (const face of result.faces) {
      // The couple and a guest stand in the middle of the frame, faces at about 40-55% of its height.
      expect(face.box[0]).toBeGreaterThan(0.25);
      expect(face.box[0]).toBeLessThan(0.75);
      expect(face.box[1]).toBeGreaterThan(0.25);
      expect(face.box[1]).toBeLessThan(0.6);
      expect(face.embedding).toHaveLength(1024);
      expect(face.age).toBeGreaterThan(10);
      expect(face.age).toBeLessThan(80);
      expect(['male', 'female']).toContain(face.gender);
    }
  }, SLOW);

  it('does not take a dog for a face', async () => {
    // blazeface alone reports a "face" here (score 0.63); the face-mesh check rejects it.
    const result = await engine.analyze(read('jpg/exif-org/fujifilm-finepix40i.jpg'));
    expect(result.faces).toEqual([]);
  }, SLOW);

  it('gives boxes of the upright image for a photo stored rotated (EXIF orientation 6)', async () => {
    const upright = read('jpg/exif-org/canon-ixus.jpg');
    // Same picture, pixels stored a quarter-turn counter-clockwise with the tag that turns them back.
    const rotated = await sharp(upright).rotate(270).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toBuffer();
    expect((await sharp(rotated).metadata()).orientation).toBe(6);
    const a = await engine.analyze(upright);
    const b = await engine.analyze(rotated);
    expect(b).toMatchObject({ width: a.width, height: a.height });
    expect(b.faces.length).toBe(a.faces.length);
    for (const face of a.faces) {
      const twin = b.faces.find((f) => Math.hypot(f.box[0] - face.box[0], f.box[1] - face.box[1]) < 0.02);
      expect(twin, `a face near ${face.box.join(', ')}`).toBeDefined();
      expect(similarFaces(face.embedding!, twin!.embedding!)).toBeGreaterThan(0.9);
    }
  }, SLOW);

  it("descriptors match the same man across two of human's sample screenshots better than anyone else", async () => {
    const single = await engine.analyze(fs.readFileSync(path.join(humanAssets, 'screenshot-faceid.jpg')));
    const gallery = await engine.analyze(fs.readFileSync(path.join(humanAssets, 'screenshot-facedetect.jpg')));
    expect(single.faces).toHaveLength(1);
    expect(gallery.faces.length).toBeGreaterThanOrEqual(4);
    expectValidBoxes(gallery);
    const him = single.faces[0]!.embedding!;
    // In the gallery's row of portraits he is the leftmost one.
    const leftmost = gallery.faces.reduce((a, b) => (b.box[0] < a.box[0] ? b : a));
    const others = gallery.faces.filter((f) => f !== leftmost).map((f) => similarFaces(him, f.embedding!));
    expect(similarFaces(him, leftmost.embedding!)).toBeGreaterThan(Math.max(...others) + 0.15);
  }, SLOW);

  it('returns no faces, and still valid output, for a landscape', async () => {
    const result = await engine.analyze(read('jpg/orientation/landscape_6.jpg'));
    expect(result.faces).toEqual([]);
    // Stored 450 x 600 with orientation 6: the upright size is reported.
    expect(result).toMatchObject({ width: 600, height: 450 });
  }, SLOW);
});

describe('input and failures', () => {
  it('rejects bytes that are not an image as undecodable', async () => {
    const error = await engine.analyze(Buffer.from('definitely not a photo')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VisionError);
    expect(error).toMatchObject({ reason: 'undecodable', code: 'invalid_input' });
  });

  it('rejects a JPEG whose data is garbage as undecodable', async () => {
    const garbage = Buffer.alloc(4096);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919) % 251;
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), garbage]);
    await expect(engine.analyze(fake)).rejects.toMatchObject({ reason: 'undecodable' });
    await expect(engine.analyze(Buffer.alloc(0))).rejects.toMatchObject({ reason: 'undecodable' });
  });

  it('reads HEIC, whose HEVC data needs the wasm fallback decoder', async () => {
    const result = await engine.analyze(read('heic/samplefilehub.heif'));
    expect(result).toMatchObject({ width: 640, height: 426 });
  }, SLOW);

  it('serialises concurrent calls and keeps each result with its photo', async () => {
    const [bus, wedding] = await Promise.all([
      engine.analyze(read('jpg/Nikon_COOLPIX_P1.jpg')),
      engine.analyze(read('jpg/exif-org/canon-ixus.jpg')),
    ]);
    expect(bus.tags.map((t) => t.label)).toContain('bus');
    expect(bus.faces).toEqual([]);
    expect(wedding.faces.length).toBeGreaterThanOrEqual(2);
  }, SLOW);

  it('frees every tensor it makes', async () => {
    await engine.analyze(read('jpg/exif-org/sony-d700.jpg')); // first faces of this size may allocate lazily
    const before = tf.memory().numTensors;
    await engine.analyze(read('jpg/exif-org/sony-d700.jpg'));
    await engine.analyze(read('jpg/gps/DSCN0029.jpg'));
    expect(tf.memory().numTensors).toBe(before);
  }, SLOW);

  it('rejects with the abort reason, before the work or while it waits its turn', async () => {
    const done = new AbortController();
    done.abort(new Error('stopped early'));
    await expect(engine.analyze(read('jpg/Nikon_COOLPIX_P1.jpg'), { signal: done.signal })).rejects.toThrow('stopped early');

    const later = new AbortController();
    const first = engine.analyze(read('jpg/exif-org/canon-ixus.jpg'));
    const second = engine.analyze(read('jpg/Nikon_COOLPIX_P1.jpg'), { signal: later.signal });
    later.abort();
    await expect(second).rejects.toMatchObject({ name: 'AbortError' });
    expect((await first).faces.length).toBeGreaterThanOrEqual(2);
  }, SLOW);
});

describe('models folder', () => {
  it('says which folder it looked in when the models are not there', async () => {
    const missing = path.join(os.tmpdir(), 'engram-no-such-models-dir');
    const error = await VisionEngine.create({ modelsDir: missing }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VisionError);
    expect(error).toMatchObject({ reason: 'models_missing' });
    expect((error as Error).message).toContain(missing);
    expect((error as Error).message).toContain('does not exist');
  });

  it('lists the model files a folder lacks', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-vision-'));
    try {
      const shipped = path.join(humanAssets, '..', 'models');
      for (const file of ['blazeface.json', 'blazeface.bin', 'centernet.json']) fs.copyFileSync(path.join(shipped, file), path.join(dir, file));
      const error = await VisionEngine.create({ modelsDir: dir }).catch((e: unknown) => e);
      expect(error).toMatchObject({ reason: 'models_missing' });
      const message = (error as Error).message;
      expect(message).toContain(dir);
      expect(message).toContain('facemesh.json');
      expect(message).toContain('faceres.json');
      expect(message).toContain('centernet.bin');
      expect(message).not.toContain('blazeface');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('closing', () => {
  it('refuses work once closed, and a new engine loads the models again', async () => {
    const second = await VisionEngine.create(); // shares the loaded models with `engine`
    await second.close();
    await expect(second.analyze(read('jpg/Nikon_COOLPIX_P1.jpg'))).rejects.toMatchObject({ reason: 'vision_failed' });
    expect((await engine.analyze(read('jpg/Nikon_COOLPIX_P1.jpg'))).tags.map((t) => t.label)).toContain('bus');

    await engine.close(); // the last handle: the weights are released
    const reopened = await VisionEngine.create();
    try {
      const result = await reopened.analyze(read('jpg/exif-org/canon-ixus.jpg'));
      expect(result.faces.length).toBeGreaterThanOrEqual(2);
      expect(result.tags.map((t) => t.label)).toContain('person');
    } finally {
      await reopened.close();
    }
  }, SLOW);
});
