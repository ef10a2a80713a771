/**
 * Photos through the whole pipeline (metadata, previews, pHash, OCR, objects and faces) on the fixture
 * photos: photos per minute, median time per step, and the process's peak RSS (worker threads included).
 * Usage: node --import tsx bench/media-bench.ts [FOLDER]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Engine } from '../src/main/engine/engine';
import { ingestPaths } from '../src/main/media/ingest-paths';
import { summarise } from './stats';

const folder = path.resolve(process.argv[2] ?? '../shared/fixtures/photos');
const library = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-media-bench-'));
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
try {
  const engine = await Engine.open({ library, paused: true });
  const started = new Map<string, number>();
  const durations = new Map<string, number[]>();
  engine.events.on('media.step', (e) => {
    const key = `${e.nodeId}/${e.step}`;
    if (e.status === 'running' && e.progress === undefined) started.set(key, performance.now());
    if (e.status === 'done' && started.has(key)) {
      const list = durations.get(e.step) ?? [];
      list.push(performance.now() - started.get(key)!);
      durations.set(e.step, list);
    }
  });
  const t0 = performance.now();
  const summary = await ingestPaths(engine.media, [folder], { source: 'cli' });
  const stored = performance.now() - t0;
  await engine.media.drain();
  const total = performance.now() - t0;
  const photos = engine.db.prepare(`SELECT count(*) FROM media_items WHERE media_kind = 'photo'`).pluck().get() as number;
  const counts = engine.media.queue.counts();
  await engine.close();
  const steps = [...durations].map(([step, ms]) => `${step} median ${summarise(ms).p50.toFixed(0)} ms (n=${ms.length})`).join('; ');
  console.log(
    `${photos} photos (${summary.added} files added) in ${(total / 1000).toFixed(1)} s: ${((photos / total) * 60_000).toFixed(0)} photos/min ` +
      `through the whole pipeline; storing and hashing took ${(stored / 1000).toFixed(1)} s; jobs done ${counts.done}, failed ${counts.failed}; ` +
      `${steps}; peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB`,
  );
} finally {
  clearInterval(sampler);
  fs.rmSync(library, { recursive: true, force: true });
}
