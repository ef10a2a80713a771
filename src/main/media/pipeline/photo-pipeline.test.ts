/**
 * Every fixture photo through the whole pipeline on a real library: event times agree with exiftool, GPS is
 * read, previews are upright, a second ingest adds nothing, a resized copy links to its original, and damaged
 * files end with a failed step and a reason while the rest import.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempLibrary, tempDir } from '../../../../tests/helpers/temp-library';
import type { Engine } from '../../engine/engine';
import { ingestPaths } from '../ingest-paths';
import { mediaDetail } from '../detail';
import { FIXTURES, exiftool } from '../photo/test-support';
import type { IngestSummary } from '../../../shared/media-schemas';

const PHOTOS = path.resolve(FIXTURES, '..');

let lib: Awaited<ReturnType<typeof openTempLibrary>>;
let engine: Engine;
let first: IngestSummary;
let extra: string;

/** The item made from a fixture file (path relative to exif-samples). */
function itemFor(rel: string) {
  const outcome = first.outcomes.find((o) => o.file === path.join(FIXTURES, rel));
  if (!outcome?.nodeId) throw new Error(`${rel} was not added: ${JSON.stringify(outcome)}`);
  return mediaDetail(engine, outcome.nodeId);
}

beforeAll(async () => {
  lib = await openTempLibrary();
  engine = lib.engine;
  // OCR and vision have their own tests; here they would only add minutes.
  engine.media.updateSettings({ steps: { ocr: false, vision: false, transcribe: true } });
  first = await ingestPaths(engine.media, [PHOTOS], { source: 'cli', clientOffsetMinutes: 0 });
  await engine.media.drain();
  extra = tempDir('engram-extra-');
}, 240_000);

afterAll(async () => {
  await lib.cleanup();
  fs.rmSync(extra, { recursive: true, force: true });
});

describe('ingesting ../shared/fixtures/photos', () => {
  it('adds every photo, and says why anything else was not added', () => {
    const photos = first.outcomes.filter((o) => /\.(jpe?g|heic|heif|tiff?)$/i.test(o.file));
    expect(photos.length).toBeGreaterThanOrEqual(100);
    expect(photos.filter((o) => o.status !== 'added')).toEqual([]);
    for (const o of first.outcomes.filter((x) => x.status === 'rejected')) expect(o.reason).toMatch(/cannot read this kind of file/);
  });

  it('ends every step done, or failed with a readable reason', () => {
    const jobs = engine.db.prepare(`SELECT step, status, error FROM jobs`).all() as { step: string; status: string; error: string | null }[];
    expect(jobs.length).toBeGreaterThan(100);
    for (const j of jobs) {
      expect(['done', 'failed']).toContain(j.status);
      if (j.status === 'failed') expect(j.error).toMatch(/\w{4,}.*\w{4,}/);
    }
  });

  it('gives camera photos the time exiftool reads from them', () => {
    const files = first.outcomes
      .filter((o) => o.status === 'added' && /\.(jpe?g|heic|heif)$/i.test(o.file) && !o.file.includes('/invalid/') && !o.file.includes('/tests/'))
      .map((o) => path.relative(FIXTURES, o.file));
    const reference = exiftool(files, ['-DateTimeOriginal', '-OffsetTimeOriginal', '-d', '%Y-%m-%dT%H:%M:%S']);
    let compared = 0;
    for (const rel of files) {
      const dto = String(reference.get(rel)?.DateTimeOriginal ?? '');
      if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(dto) || dto.startsWith('0000')) continue;
      const item = itemFor(rel);
      const t = item.node.eventTime!;
      if (t.source === 'file') continue; // the three files whose date only exiftool's maker-note reader finds
      // The wall clock the camera showed: the instant shifted by the offset it was resolved with.
      const wall = new Date(Date.parse(t.at) + (t.offsetMinutes ?? 0) * 60_000).toISOString().slice(0, 19);
      expect(wall, rel).toBe(dto);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(40);
  });

  it('reads GPS where the file has it', () => {
    const files = fs.readdirSync(path.join(FIXTURES, 'jpg/gps')).filter((f) => f.endsWith('.jpg')).map((f) => `jpg/gps/${f}`);
    const reference = exiftool(files, ['-n', '-GPSLatitude', '-GPSLongitude']);
    let checked = 0;
    for (const rel of files) {
      const r = reference.get(rel);
      if (typeof r?.GPSLatitude !== 'number') continue;
      const gps = itemFor(rel).facts.gps!;
      expect(gps.latitude, rel).toBeCloseTo(r.GPSLatitude, 5);
      expect(gps.longitude, rel).toBeCloseTo(Number(r.GPSLongitude), 5);
      checked++;
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('makes upright previews for every EXIF orientation', async () => {
    const files = fs.readdirSync(path.join(FIXTURES, 'jpg/orientation')).filter((f) => f.endsWith('.jpg'));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const f of files) {
      const item = itemFor(`jpg/orientation/${f}`);
      const preview = engine.blobs.ofNode(item.node.id).find((b) => b.role === 'preview')!;
      const meta = await sharp(engine.blobs.absolute(preview)).metadata();
      // landscape_N / portrait_N: the same scene stored with orientation tag N; upright, its shape is in its name.
      const landscape = f.startsWith('landscape');
      expect(meta.width! > meta.height!, f).toBe(landscape);
      expect(item.width! > item.height!, f).toBe(landscape);
    }
  });

  it('adds nothing on a second ingest of the same folder', async () => {
    const before = engine.db.prepare('SELECT count(*) FROM nodes').pluck().get();
    const again = await ingestPaths(engine.media, [PHOTOS], { source: 'cli' });
    expect(again.added).toBe(0);
    expect(again.duplicates).toBe(first.added);
    expect(engine.db.prepare('SELECT count(*) FROM nodes').pluck().get()).toBe(before);
  });

  it('links a resized copy to its original as a near-duplicate', async () => {
    const original = itemFor('jpg/Canon_40D.jpg');
    const copy = path.join(extra, 'canon-small.jpg');
    await sharp(path.join(FIXTURES, 'jpg/Canon_40D.jpg')).resize(200).jpeg({ quality: 70 }).withMetadata().toFile(copy);
    const r = await ingestPaths(engine.media, [copy], { source: 'cli' });
    await engine.media.drain();
    const detail = mediaDetail(engine, r.outcomes[0]!.nodeId!);
    expect(detail.canonical?.id).toBe(original.node.id);
    expect(detail.canonical!.distance).toBeLessThanOrEqual(10);
    expect(mediaDetail(engine, original.node.id).duplicates.map((d) => d.id)).toContain(detail.node.id);
  });

  it('fails the step of a damaged photo with a reason, and the others still import', async () => {
    const head = fs.readFileSync(path.join(FIXTURES, 'jpg/Canon_40D.jpg')).subarray(0, 900);
    fs.writeFileSync(path.join(extra, 'cut-short.jpg'), head);
    fs.writeFileSync(path.join(extra, 'fine.png'), await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } }).png().toBuffer());
    const r = await ingestPaths(engine.media, [path.join(extra, 'cut-short.jpg'), path.join(extra, 'fine.png')], { source: 'cli' });
    expect(r.added).toBe(2);
    await engine.media.drain();
    const broken = mediaDetail(engine, r.outcomes[0]!.nodeId!);
    expect(broken.state).toBe('failed');
    const failed = broken.steps.find((s) => s.status === 'failed')!;
    expect(failed.error).toMatch(/jpeg|image|read|decode/i);
    expect(mediaDetail(engine, r.outcomes[1]!.nodeId!).state).toBe('done');
  });
});
