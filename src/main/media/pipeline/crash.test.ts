/**
 * Kill the process during a large ingest, restart: every item ends done exactly once. The child is killed
 * with SIGKILL (no cleanup of any kind) once some steps have finished and others are running.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/helpers/temp-library';
import { Engine } from '../../engine/engine';
import { ingestPaths } from '../ingest-paths';
import { FIXTURES, fixtures } from '../photo/test-support';

const CHILD = fileURLToPath(new URL('./test-fixtures/ingest-child.ts', import.meta.url));
const library = tempDir('engram-crash-');
const folder = tempDir('engram-crash-src-');
afterAll(() => {
  fs.rmSync(library, { recursive: true, force: true });
  fs.rmSync(folder, { recursive: true, force: true });
});

function runChildUntil(doneSteps: number): Promise<{ killedAt: number; finished: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, library, folder], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let killedAt = -1;
    let finished = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) {
        const m = /^done (\d+)$/.exec(line);
        if (m && Number(m[1]) >= doneSteps && killedAt < 0) {
          killedAt = Number(m[1]);
          child.kill('SIGKILL');
        }
        if (line === 'finished') finished = true;
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve({ killedAt, finished });
      else reject(new Error(`child exited ${code}: ${stderr}`));
    });
  });
}

it('resumes a killed ingest with every item done exactly once', { timeout: 300_000 }, async () => {
  const sources = [...fixtures('jpg'), ...fixtures('heic'), ...fixtures('tiff')];
  // Distinct file names for every photo (several folders hold the same names).
  sources.forEach((rel, i) => fs.copyFileSync(path.join(FIXTURES, rel), path.join(folder, `${String(i).padStart(3, '0')}-${path.basename(rel)}`)));
  // The pipeline's settings live in the library: turn the slow optional steps off before the child opens it.
  const setup = await Engine.open({ library, paused: true });
  setup.media.updateSettings({ steps: { ocr: false, vision: false, transcribe: true } });
  await setup.close();

  const run = await runChildUntil(15);
  expect(run.finished).toBe(false);
  expect(run.killedAt).toBeGreaterThanOrEqual(15);

  const engine = await Engine.open({ library, paused: true });
  try {
    const before = engine.media.queue.counts();
    expect(before.done).toBeGreaterThanOrEqual(15);
    expect(before.done).toBeLessThan(sources.length); // killed mid-run, not after
    // The restart finds what the killed ingest had not reached yet, then works the queue.
    const resumed = await ingestPaths(engine.media, [folder], { source: 'cli' });
    expect(resumed.added + resumed.duplicates).toBe(sources.length);
    await engine.media.drain();

    const nodes = engine.db.prepare(`SELECT count(*) FROM nodes WHERE kind = 'photo'`).pluck().get();
    expect(nodes).toBe(sources.length);
    const jobs = engine.db.prepare(`SELECT step, status, count(*) AS n FROM jobs GROUP BY step, status`).all();
    expect(jobs).toEqual([{ step: 'photo.analyse', status: 'done', n: sources.length }]);
    // Each item's results were applied once: one preview, one thumbnail, one set of facts.
    const roles = engine.db
      .prepare(`SELECT node_id, group_concat(role, ',') AS roles FROM (SELECT * FROM node_blobs ORDER BY role) GROUP BY node_id`)
      .all() as { roles: string }[];
    expect(roles).toHaveLength(sources.length);
    for (const r of roles) expect(r.roles).toBe('original,preview,thumbnail');
    expect(engine.db.prepare(`SELECT count(*) FROM media_items WHERE phash IS NULL`).pluck().get()).toBe(0);
    // No half-written blob is left behind under a real name.
    const leftovers = fs.readdirSync(path.join(library, 'blobs'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tmp'));
    expect(leftovers.length).toBeLessThanOrEqual(2); // at most the copies in flight at the kill; removed by optimise
  } finally {
    await engine.close();
  }
});
