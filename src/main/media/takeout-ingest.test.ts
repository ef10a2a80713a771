/**
 * A Google Photos Takeout folder: a photo without a capture time gets its time and place from its JSON
 * sidecar, the sidecar itself is not ingested, and a photo with EXIF keeps its own time over the sidecar's.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, expect, it } from 'vitest';
import { useTempLibrary, tempDir } from '../../../tests/helpers/temp-library';
import type { Engine } from '../engine/engine';
import { ingestPaths } from './ingest-paths';
import { mediaDetail } from './detail';
import { FIXTURES } from './photo/test-support';

let engine: Engine;
useTempLibrary((e) => (engine = e));
const takeout = tempDir('engram-takeout-');
afterAll(() => fs.rmSync(takeout, { recursive: true, force: true }));

const sidecar = (title: string, seconds: number, lat: number, lon: number) =>
  JSON.stringify({ title, photoTakenTime: { timestamp: String(seconds), formatted: '' }, geoData: { latitude: lat, longitude: lon, altitude: 0 } });

it('takes time and place from Takeout sidecars, and the file’s own EXIF first', async () => {
  engine.media.updateSettings({ steps: { ocr: false, vision: false, transcribe: true } });
  const album = path.join(takeout, 'Takeout', 'Google Photos', 'Photos from 2019');
  fs.mkdirSync(album, { recursive: true });
  // A screenshot-like PNG has no EXIF time: the sidecar's is the best evidence.
  await sharp({ create: { width: 64, height: 48, channels: 3, background: '#4a6' } }).png().toFile(path.join(album, 'Screenshot_20190704.png'));
  fs.writeFileSync(path.join(album, 'Screenshot_20190704.png.supplemental-metadata.json'), sidecar('Screenshot_20190704.png', 1562245200, 48.8584, 2.2945));
  // A camera JPEG keeps its EXIF time (2008) even though its sidecar says 2019.
  fs.copyFileSync(path.join(FIXTURES, 'jpg/Canon_40D.jpg'), path.join(album, 'IMG_0001.jpg'));
  fs.writeFileSync(path.join(album, 'IMG_0001.jpg.json'), sidecar('IMG_0001.jpg', 1562245200, 1, 1));
  fs.writeFileSync(path.join(album, 'metadata.json'), JSON.stringify({ title: 'Photos from 2019' }));

  const r = await ingestPaths(engine.media, [path.join(takeout, 'Takeout')], { source: 'folder' });
  expect(r.added).toBe(2);
  expect(r.outcomes.map((o) => path.basename(o.file)).sort()).toEqual(['IMG_0001.jpg', 'Screenshot_20190704.png']);
  await engine.media.drain();

  const shot = mediaDetail(engine, r.outcomes.find((o) => o.file.endsWith('.png'))!.nodeId!);
  expect(shot.node.eventTime).toMatchObject({ at: '2019-07-04T13:00:00.000Z', source: 'sidecar' });
  expect(shot.facts.gps).toMatchObject({ latitude: 48.8584, longitude: 2.2945 });
  const photo = mediaDetail(engine, r.outcomes.find((o) => o.file.endsWith('.jpg'))!.nodeId!);
  expect(photo.node.eventTime!.at, JSON.stringify(photo.facts.eventTime)).toMatch(/^2008-05-30/);
  expect(photo.node.eventTime!.source).toMatch(/^exif/);
});
