import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/connection';
import { JobQueue, type JobQueueOptions } from './job-queue';

let dir: string;
let db: Db;
let t: number;
const now = () => t;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-jobs-'));
  db = openDatabase(path.join(dir, 'engram.db'), { skipCheck: true });
  t = 1_700_000_000_000;
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const make = (opts: JobQueueOptions = {}) => new JobQueue(db, { now, ...opts });
const job = (over: Partial<Parameters<JobQueue['enqueue']>[0]> = {}) => ({
  kind: 'photo',
  nodeId: 'n1',
  step: 'exif',
  fingerprint: 'sha-a',
  version: 1,
  payload: { path: 'a.jpg' },
  ...over,
});

describe('JobQueue', () => {
  it('does not queue the same (item, step, fingerprint, version) twice, whatever its state', () => {
    const q = make();
    const a = q.enqueue(job());
    expect(a.created).toBe(true);
    expect(q.enqueue(job({ payload: { other: true } }))).toEqual({ id: a.id, created: false });
    // Still deduplicated once the job is done.
    const [claimed] = q.claim('w', 1);
    expect(q.complete(claimed!, { ok: 1 })).toBe(true);
    expect(q.enqueue(job())).toEqual({ id: a.id, created: false });
    // Any part of the identity differing is new work.
    expect(q.enqueue(job({ version: 2 })).created).toBe(true);
    expect(q.enqueue(job({ fingerprint: 'sha-b' })).created).toBe(true);
    expect(q.enqueue(job({ nodeId: 'n2' })).created).toBe(true);
    expect(q.enqueue(job({ step: 'thumb' })).created).toBe(true);
    // Jobs without an item are deduplicated too (NULL would otherwise never be equal).
    const lib = q.enqueue(job({ nodeId: null, step: 'reindex' }));
    expect(q.enqueue(job({ nodeId: undefined, step: 'reindex' }))).toEqual({ id: lib.id, created: false });
    expect(q.counts().queued).toBe(5);
    expect(q.get(a.id)!.payload).toEqual({ path: 'a.jpg' });
  });

  it('hands each due job to one claimant, with a lease that makes it claimable again once it runs out', () => {
    const q = make();
    const ids = [1, 2, 3].map((i) => q.enqueue(job({ nodeId: `n${i}` })).id);
    q.enqueue(job({ nodeId: 'later', runAt: t + 10_000 }));

    const a = q.claim('A', 2, { leaseMs: 1_000 });
    expect(a.map((j) => j.id)).toEqual(ids.slice(0, 2));
    expect(a[0]).toMatchObject({ status: 'running', attempt: 1, leaseExpiresAt: t + 1_000 });
    expect(a[0]!.owner).toMatch(/^A\/[0-9a-f]{8}$/);
    expect(a[0]!.leaseOwner).toBe(a[0]!.owner);
    const b = q.claim('B', 5, { leaseMs: 1_000 });
    expect(b.map((j) => j.id)).toEqual([ids[2]]);
    expect(q.claim('C', 5)).toEqual([]);

    // A renews one lease and B its own; A's other lease runs out (A hung while running it, say).
    t += 800;
    expect(q.renew(a[0]!, 1_000)).toBe(true);
    expect(q.renew(b[0]!, 1_000)).toBe(true);
    t += 300;
    const c = q.claim('C', 5, { leaseMs: 1_000 });
    expect(c.map((j) => [j.id, j.attempt])).toEqual([[ids[1], 2]]);
    // The old holder can no longer renew, report progress, complete or fail it.
    expect(q.renew(a[1]!)).toBe(false);
    expect(q.progress(a[1]!, 0.5)).toBe(false);
    expect(q.complete(a[1]!, { stale: true })).toBe(false);
    expect(q.fail(a[1]!, 'stale')).toBe('lost');
    expect(q.get(ids[1]!)).toMatchObject({ status: 'running', leaseOwner: c[0]!.owner, result: null });
    expect(q.complete(c[0]!, { fresh: true })).toBe(true);
    expect(q.get(ids[1]!)).toMatchObject({ status: 'done', result: { fresh: true }, leaseOwner: null });
    // A completion is also refused once it has been recorded.
    expect(q.complete(c[0]!, { again: true })).toBe(false);
    expect(q.cached('exif', 1, 'sha-a')).toEqual({ result: { fresh: true } });

    expect(q.complete(a[0]!, {})).toBe(true);
    expect(q.complete(b[0]!, {})).toBe(true);
    t += 10_000;
    expect(q.claim('D', 5, { leaseMs: 1_000 }).map((j) => j.nodeId)).toEqual(['later']);
  });

  it('fences each claim: a stale holder cannot pass for a later claim by the same owner', () => {
    const q = make({ maxAttempts: 1 });
    const { id } = q.enqueue(job());
    const [first] = q.claim('A', 1, { leaseMs: 100 });
    t += 100;
    expect(q.claim('A', 1)).toEqual([]); // its one attempt died with its lease: failed
    q.retry(id);
    const [second] = q.claim('A', 1);
    expect([first!.attempt, second!.attempt]).toEqual([1, 1]);
    expect(q.complete(first!, 'stale')).toBe(false);
    expect(q.complete(second!, 'fresh')).toBe(true);
    expect(q.get(id)!.result).toBe('fresh');
  });

  it('claims only the steps and versions asked for', () => {
    const q = make();
    q.enqueue(job({ step: 'exif', version: 1 }));
    q.enqueue(job({ step: 'exif', version: 2 }));
    q.enqueue(job({ step: 'ocr', version: 1 }));
    const got = q.claim('A', 10, { steps: [{ step: 'exif', version: 2 }, { step: 'thumb', version: 1 }] });
    expect(got.map((j) => `${j.step}@${j.version}`)).toEqual(['exif@2']);
  });

  it('retries with exponential backoff up to the cap, then fails keeping the readable error', () => {
    const q = make({ backoffBaseMs: 1_000, backoffCapMs: 5_000, maxAttempts: 5 });
    const { id } = q.enqueue(job());
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      const [j] = q.claim('A', 1);
      expect(j!.attempt).toBe(attempt);
      expect(q.fail(j!, `boom ${attempt}`)).toBe('retrying');
      const row = q.get(id)!;
      expect(row).toMatchObject({ status: 'queued', error: `boom ${attempt}`, leaseOwner: null });
      delays.push(row.nextRunAt - t);
      t += row.nextRunAt - t - 1;
      expect(q.claim('A', 1)).toEqual([]); // not due a millisecond early
      t += 1;
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 5_000]);
    const [last] = q.claim('A', 1);
    expect(q.fail(last!, 'Unsupported JPEG marker 0xFF at byte 12')).toBe('failed');
    expect(q.get(id)).toMatchObject({ status: 'failed', attempts: 5, error: 'Unsupported JPEG marker 0xFF at byte 12' });
    t += 1e9;
    expect(q.claim('A', 1)).toEqual([]);

    // The user retries: queued now, with a fresh set of attempts.
    q.retry(id);
    expect(q.get(id)).toMatchObject({ status: 'queued', attempts: 0, error: null });
    const [again] = q.claim('A', 1);
    expect(again!.attempt).toBe(1);
    expect(() => q.retry(id)).toThrow(/only a failed job/);
    expect(() => q.retry(9999)).toThrow(/does not exist/);
  });

  it('fails a non-retryable error at once', () => {
    const q = make();
    const { id } = q.enqueue(job());
    const [j] = q.claim('A', 1);
    expect(q.fail(j!, 'not an image', { retryable: false })).toBe('failed');
    expect(q.get(id)).toMatchObject({ status: 'failed', attempts: 1, error: 'not an image' });
  });

  it('stops handing out a job whose worker keeps dying, and says so', () => {
    const q = make({ maxAttempts: 2 });
    const { id } = q.enqueue(job());
    q.claim('A', 1, { leaseMs: 100 });
    t += 100;
    expect(q.claim('B', 1, { leaseMs: 100 })).toHaveLength(1);
    t += 100;
    expect(q.claim('C', 1, { leaseMs: 100 })).toEqual([]);
    expect(q.get(id)).toMatchObject({ status: 'failed', attempts: 2 });
    expect(q.get(id)!.error).toMatch(/worker stopped \(crashed or was killed\) while running this step, 2 times/);
  });

  it("lists each step's state for an item (newest version) and totals for the dashboard", () => {
    const q = make();
    q.enqueue(job({ step: 'exif', version: 1 }));
    const exif2 = q.enqueue(job({ step: 'exif', version: 2 })).id;
    const thumb = q.enqueue(job({ step: 'thumb' })).id;
    const ocr = q.enqueue(job({ step: 'ocr' })).id;
    q.enqueue(job({ step: 'exif', nodeId: 'other' }));
    for (const j of q.claim('A', 10)) {
      if (j.id === thumb) q.complete(j, { w: 10 });
      else if (j.id === ocr) q.fail(j, 'no text layer', { retryable: false });
      else if (j.id === exif2) q.progress(j, 0.25);
    }
    expect(q.statusOf('n1').map((s) => [s.step, s.version, s.status, s.progress, s.error])).toEqual([
      ['exif', 2, 'running', 0.25, null],
      ['thumb', 1, 'done', 1, null],
      ['ocr', 1, 'failed', null, 'no text layer'],
    ]);
    const counts = q.counts();
    expect(counts).toMatchObject({ queued: 0, running: 3, done: 1, failed: 1 });
    expect(counts.byStep.exif).toEqual({ queued: 0, running: 3, done: 0, failed: 0 });
    expect(q.statusOf('nobody')).toEqual([]);
  });

  it('refuses the completion of a job whose item was removed', () => {
    const q = make();
    q.enqueue(job());
    const [j] = q.claim('A', 1);
    expect(q.removeForNode('n1')).toBe(1);
    expect(q.complete(j!, {})).toBe(false);
    expect(q.counts().done).toBe(0);
  });
});
