/**
 * The optional photo steps through the pipeline with the real engines: text in an image becomes searchable,
 * objects seen in a photo become searchable words, and both run on the preview the first step made.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, expect, it } from 'vitest';
import { useTempLibrary, tempDir } from '../../../../tests/helpers/temp-library';
import type { Engine } from '../../engine/engine';
import { ingestPaths } from '../ingest-paths';
import { mediaDetail } from '../detail';
import { FIXTURES } from '../photo/test-support';

let engine: Engine;
useTempLibrary((e) => (engine = e));
const work = tempDir('engram-ocrv-');
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

it('reads the text in an image and names what a photo shows, both found by search', { timeout: 180_000 }, async () => {
  const sign = path.join(work, 'sign.png');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="400"><rect width="100%" height="100%" fill="white"/>
    <text x="40" y="150" font-family="DejaVu Sans, sans-serif" font-size="72" fill="black">Bakery opens at seven</text>
    <text x="40" y="280" font-family="DejaVu Sans, sans-serif" font-size="72" fill="black">Fresh sourdough daily</text></svg>`;
  await sharp(Buffer.from(svg)).png().toFile(sign);
  fs.copyFileSync(path.join(FIXTURES, 'jpg/Nikon_COOLPIX_P1.jpg'), path.join(work, 'street.jpg'));
  const r = await ingestPaths(engine.media, [work], { source: 'cli' });
  expect(r.added).toBe(2);
  await engine.media.drain();
  await engine.indexed();
  const [signId, streetId] = [r.outcomes.find((o) => o.file === sign)!.nodeId!, r.outcomes.find((o) => o.file !== sign)!.nodeId!];

  const signItem = mediaDetail(engine, signId);
  expect(signItem.steps.map((s) => [s.step, s.status])).toEqual([
    ['photo.analyse', 'done'],
    ['photo.ocr', 'done'],
    ['photo.vision', 'done'],
  ]);
  expect(signItem.facts.ocr?.text).toMatch(/sourdough/i);
  const bread = await engine.search.search({ query: 'sourdough bakery', limit: 3, mode: 'keyword' });
  expect(bread.hits[0]?.node.id).toBe(signId);

  const street = mediaDetail(engine, streetId);
  expect(street.facts.ocr).toBeUndefined(); // a street scene is not text
  expect(street.facts.tags?.map((t) => t.label)).toContain('bus');
  const bus = await engine.search.search({ query: 'bus', limit: 3, mode: 'keyword' });
  expect(bus.hits.map((h) => h.node.id)).toContain(streetId);
  // OCR and vision read the preview (WebP), not the original JPEG.
  const inputs = engine.db.prepare(`SELECT DISTINCT fingerprint FROM jobs WHERE node_id = ? AND step != 'photo.analyse'`).pluck().all(streetId);
  const preview = engine.blobs.ofNode(streetId).find((b) => b.role === 'preview')!.sha256;
  expect(inputs).toEqual([preview]);
});
