import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/connection';
import { JobQueue, type JobQueueOptions } from './job-queue';
import { JobRunner, PermanentJobError, type JobEvent } from './job-runner';

let dir: string;
let file: string;
let db: Db;
let t: number;
const now = () => t;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-runner-'));
  file = path.join(dir, 'engram.db');
  db = openDatabase(file, { skipCheck: true });
  db.exec(`CREATE TABLE job_starts (id INTEGER PRIMARY KEY, job_id INTEGER NOT NULL, pid INTEGER NOT NULL);
           CREATE TABLE job_effects (id INTEGER PRIMARY KEY, job_id INTEGER NOT NULL, value INTEGER NOT NULL);`);
  t = 1_700_000_000_000;
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const make = (opts: JobQueueOptions = {}) => new JobQueue(db, { now, ...opts });
const enqueueN = (q: JobQueue, n: number, over: Record<string, unknown> = {}) =>
  Array.from({ length: n }, (_, i) =>
    q.enqueue({ kind: 'photo', nodeId: `n${i}`, step: 'work', fingerprint: `f${i}`, version: 1, payload: { n: i }, ...over }).id,
  );
const effects = () => db.prepare('SELECT job_id, value FROM job_effects ORDER BY job_id').all() as { job_id: number; value: number }[];
const addEffect = (jobId: number, value: number) => db.prepare('INSERT INTO job_effects (job_id, value) VALUES (?, ?)').run(jobId, value);
const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
};

describe('JobRunner', () => {
  it('runs each job once, applies its result exactly once and reports progress', async () => {
    const q = make();
    const ids = enqueueN(q, 3);
    const events: JobEvent[] = [];
    const runner = new JobRunner(q, { concurrency: 2, onEvent: (e) => events.push(e) }).register<{ n: number }, { doubled: number }>(
      'work',
      1,
      async (p, ctx) => {
        ctx.progress(0.5, 'half way');
        return { doubled: p.n * 2 };
      },
      { apply: (r, _p, job) => addEffect(job.id, r.doubled) },
    );
    await runner.drain();
    expect(effects()).toEqual(ids.map((id, i) => ({ job_id: id, value: i * 2 })));
    expect(q.counts()).toMatchObject({ done: 3, queued: 0, running: 0 });
    expect(q.get(ids[1]!)).toMatchObject({ result: { doubled: 2 }, attempts: 1, progress: 1 });
    expect(events.filter((e) => e.type === 'progress').map((e) => e.type === 'progress' && e.message)).toEqual(['half way', 'half way', 'half way']);
    expect(events.filter((e) => e.type === 'done')).toHaveLength(3);
  });

  it('skips the handler on a step-cache hit and still applies the result to each item', async () => {
    const q = make();
    // Two items with the same content, and a third with other content.
    const [a, b] = enqueueN(q, 2, { fingerprint: 'same', payload: { n: 7 } });
    const c = q.enqueue({ kind: 'photo', nodeId: 'n9', step: 'work', fingerprint: 'other', version: 1, payload: { n: 1 } }).id;
    let calls = 0;
    const events: JobEvent[] = [];
    const runner = new JobRunner(q, { concurrency: 1, onEvent: (e) => events.push(e) }).register<{ n: number }, number>(
      'work',
      1,
      async (p) => {
        calls++;
        return p.n * 10;
      },
      { apply: (r, _p, job) => addEffect(job.id, r) },
    );
    await runner.drain();
    expect(calls).toBe(2);
    expect(effects()).toEqual([
      { job_id: a, value: 70 },
      { job_id: b, value: 70 },
      { job_id: c, value: 10 },
    ]);
    expect(events.flatMap((e) => (e.type === 'done' ? [[e.job.id, e.cached]] : []))).toEqual([
      [a, false],
      [b, true],
      [c, false],
    ]);
    // A new step version is new work: the cache of version 1 is not used.
    q.enqueue({ kind: 'photo', nodeId: 'n0', step: 'work', fingerprint: 'same', version: 2, payload: { n: 7 } });
    await new JobRunner(q).register('work', 2, async () => calls++).drain();
    expect(calls).toBe(3);
  });

  it('never runs more handlers at once than its concurrency', async () => {
    const q = make();
    enqueueN(q, 12);
    let running = 0;
    let peak = 0;
    const runner = new JobRunner(q, { concurrency: 3 }).register('work', 1, async () => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return null;
    });
    await runner.drain();
    expect(peak).toBe(3);
    expect(q.counts().done).toBe(12);
  });

  it('retries a failing handler after the backoff, and fails a permanent error at once', async () => {
    const q = make({ backoffBaseMs: 1_000, backoffCapMs: 60_000, maxAttempts: 4 });
    const [flaky] = enqueueN(q, 1);
    const bad = q.enqueue({ kind: 'photo', nodeId: 'bad', step: 'work', fingerprint: 'bad', version: 1, payload: { n: -1 } }).id;
    let calls = 0;
    const runner = new JobRunner(q).register<{ n: number }, string>('work', 1, async (p) => {
      if (p.n < 0) throw new PermanentJobError('Not a JPEG: the file starts with 0x00 0x00');
      if (++calls < 3) throw new Error(`timeout ${calls}`);
      return 'ok';
    });
    await runner.drain();
    expect(q.get(bad)).toMatchObject({ status: 'failed', attempts: 1, error: 'Not a JPEG: the file starts with 0x00 0x00' });
    expect(q.get(flaky!)).toMatchObject({ status: 'queued', attempts: 1, error: 'timeout 1', nextRunAt: t + 1_000 });
    await runner.drain(); // not due yet: nothing runs
    expect(calls).toBe(1);
    t += 1_000;
    await runner.drain();
    expect(q.get(flaky!)).toMatchObject({ status: 'queued', attempts: 2, error: 'timeout 2', nextRunAt: t + 2_000 });
    t += 2_000;
    await runner.drain();
    expect(q.get(flaky!)).toMatchObject({ status: 'done', attempts: 3, error: null, result: 'ok' });
  });

  it('refuses the completion of a runner whose lease ran out and was taken over', async () => {
    const q = make();
    const [id] = enqueueN(q, 1);
    const release = gate();
    const started = gate();
    const events: JobEvent[] = [];
    let applied = 0;
    const slow = new JobRunner(q, { owner: 'slow', leaseMs: 1_000, renewEveryMs: 60_000, onEvent: (e) => events.push(e) }).register(
      'work',
      1,
      async () => {
        started.open();
        await release.opened;
        return 'slow';
      },
      { apply: () => applied++ },
    );
    const slowRun = slow.drain();
    await started.opened;
    t += 1_001; // the slow runner's lease is gone
    await new JobRunner(q, { owner: 'fast' }).register('work', 1, async () => 'fast', { apply: () => applied++ }).drain();
    release.open();
    await slowRun;
    expect(q.get(id!)).toMatchObject({ status: 'done', result: 'fast', attempts: 2 });
    expect(applied).toBe(1);
    expect(events.map((e) => e.type)).toEqual(['started', 'lost']);
  });

  it('renews leases while a long handler runs, so nobody else takes the job', async () => {
    const q = make();
    const [id] = enqueueN(q, 1);
    const runner = new JobRunner(q, { leaseMs: 1_000, renewEveryMs: 20 }).register('work', 1, async () => {
      for (let i = 0; i < 8; i++) {
        // A renewal (due every 20 ms) fires during each 60 ms wait; then 700 ms pass on the queue's clock.
        await new Promise((r) => setTimeout(r, 60));
        t += 700;
        expect(q.claim('thief', 1, { leaseMs: 1_000 })).toEqual([]);
      }
      return 'long';
    });
    await runner.drain();
    expect(q.get(id!)).toMatchObject({ status: 'done', attempts: 1, result: 'long' });
  });

  it('polls when started, and stop() waits for running handlers or abandons them after a timeout', async () => {
    const q = make();
    const done: number[] = [];
    const hang = gate();
    const runner = new JobRunner(q, { pollMs: 20, concurrency: 2, onEvent: (e) => e.type === 'done' && done.push(e.job.id) }).register<
      { n: number },
      number
    >('work', 1, async (p, ctx) => {
      if (p.n === 1) await Promise.race([hang.opened, new Promise((r) => ctx.signal.addEventListener('abort', r))]);
      return p.n;
    });
    runner.start();
    const [first, hanging] = enqueueN(q, 2);
    runner.kick();
    await expect.poll(() => done, { timeout: 5_000 }).toEqual([first]);
    expect(runner.active).toBe(1);
    expect(await runner.stop(50)).toEqual({ abandoned: 1 });
    // Abandoned: its lease is released, so a later runner takes it over at once.
    expect(q.get(hanging!)).toMatchObject({ status: 'running', attempts: 1, leaseExpiresAt: t });
    hang.open();
    await new JobRunner(q).register('work', 1, async () => 'again').drain();
    expect(q.get(hanging!)).toMatchObject({ status: 'done', attempts: 2, result: 'again' });

    // A stop with time enough waits for the handler to finish.
    const slow = gate();
    const r2 = new JobRunner(q, { pollMs: 20 }).register('work', 1, async () => {
      await new Promise((r) => setTimeout(r, 100));
      slow.open();
      return 'finished';
    });
    const [third] = enqueueN(q, 1, { nodeId: 'n3', fingerprint: 'x' });
    r2.start();
    await expect.poll(() => r2.active, { timeout: 5_000 }).toBe(1);
    expect(await r2.stop(5_000)).toEqual({ abandoned: 0 });
    expect(q.get(third!)).toMatchObject({ status: 'done', result: 'finished' });
  });
});

describe('JobRunner after a crash', () => {
  const fixture = fileURLToPath(new URL('./test-fixtures/crash-runner.ts', import.meta.url));

  async function runChildUntil(ready: () => boolean): Promise<number> {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    try {
      await expect.poll(() => child.exitCode === null && ready(), { timeout: 20_000, interval: 20 }).toBe(true);
    } catch (err) {
      child.kill('SIGKILL');
      throw new Error(`child never got there: ${stderr}`, { cause: err });
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    return child.pid!;
  }

  const recover = async () => {
    // A fresh runner, later than the child's 60 s leases.
    const q = new JobQueue(db, { now: () => Date.now() + 120_000 });
    await new JobRunner(q, { concurrency: 3 })
      .register<{ n: number }, { doubled: number }>(
        'work',
        1,
        async (p, ctx) => {
          db.prepare('INSERT INTO job_starts (job_id, pid) VALUES (?, ?)').run(ctx.job.id, process.pid);
          return { doubled: p.n * 2 };
        },
        { cache: false, apply: (r, _p, job) => addEffect(job.id, r.doubled) },
      )
      .drain();
    return q;
  };

  it('finishes every job exactly once when the worker process is killed mid-handler', async () => {
    const q = new JobQueue(db);
    const ids = Array.from({ length: 6 }, (_, i) =>
      q.enqueue({ kind: 'photo', nodeId: `n${i}`, step: 'work', fingerprint: `f${i}`, version: 1, payload: { n: i, hang: i >= 4 } }).id,
    );
    const hanging = ids.slice(4);
    const startsOf = (pid: number) =>
      (db.prepare('SELECT job_id FROM job_starts WHERE pid = ? ORDER BY job_id').all(pid) as { job_id: number }[]).map((r) => r.job_id);
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const childPid = await runChildUntil(
      () => count(`SELECT count(*) AS n FROM job_starts WHERE job_id IN (${hanging.join(',')})`) === 2,
    );

    // Killed with two handlers mid-run: those jobs are still "running" under the dead process's lease.
    expect(startsOf(childPid)).toEqual(ids);
    expect(q.counts()).toMatchObject({ done: 4, running: 2 });
    expect(effects().map((e) => e.job_id)).toEqual(ids.slice(0, 4));

    await recover();
    expect(q.counts()).toMatchObject({ done: 6, running: 0, queued: 0, failed: 0 });
    // Only the interrupted jobs ran again; each job's effect was applied exactly once.
    expect(startsOf(process.pid)).toEqual(hanging);
    expect(effects()).toEqual(ids.map((id, i) => ({ job_id: id, value: i * 2 })));
    expect(ids.map((id) => q.get(id)!.attempts)).toEqual([1, 1, 1, 1, 2, 2]);
  });

  it('loses and duplicates nothing when killed at an arbitrary point of a large run', async () => {
    const q = new JobQueue(db);
    const n = 300;
    const ids = Array.from({ length: n }, (_, i) =>
      q.enqueue({ kind: 'photo', nodeId: `n${i}`, step: 'work', fingerprint: `f${i}`, version: 1, payload: { n: i } }).id,
    );
    await runChildUntil(() => effects().length >= 40);
    const before = effects().length;
    expect(before).toBeLessThan(n);

    await recover();
    expect(q.counts()).toMatchObject({ done: n, running: 0, queued: 0, failed: 0 });
    const rows = effects();
    expect(rows).toHaveLength(n);
    expect(rows.map((r) => r.job_id)).toEqual(ids);
    expect(rows.every((r) => r.value === (r.job_id - ids[0]!) * 2)).toBe(true);
  });
});
