import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbedder } from './index';
import { StaticEmbedder } from './static';
import type { Embedder } from './types';

const WORDS = 'notes about travel cooking finance health family meetings research garden music code'.split(' ');
/** A batch big enough to keep a thread busy for a few hundred milliseconds. */
const BIG_BATCH = Array.from({ length: 15_000 }, (_, i) =>
  Array.from({ length: 40 }, (_, j) => WORDS[(i * 7 + j * 13) % WORDS.length]).join(' '),
);

/** Counts timer ticks while `work` runs: a blocked event loop cannot tick. */
async function ticksDuring(work: () => Promise<unknown>): Promise<number> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 2);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return ticks;
}

describe('WorkerEmbedder (static)', () => {
  let inThread: StaticEmbedder;
  let worker: Embedder;
  beforeAll(async () => {
    inThread = new StaticEmbedder();
    worker = await createEmbedder({ provider: 'static' });
  });
  afterAll(() => worker.close());

  it('matches the in-thread embedder exactly', async () => {
    const texts = ['the cat sat on the mat', '', 'quarterly tax filing deadline', "don't panic", 'zxqvbnm'];
    expect(worker.id).toBe(inThread.id);
    expect(worker.dimensions).toBe(inThread.dimensions);
    const [fromWorker, local] = await Promise.all([worker.embed(texts), inThread.embed(texts)]);
    expect(fromWorker.map((v) => Array.from(v))).toEqual(local.map((v) => Array.from(v)));
    expect(fromWorker[0]).toBeInstanceOf(Float32Array);
  });

  it('answers concurrent requests with their own results', async () => {
    const texts = ['alpha garden', 'beta music', 'gamma code', 'delta travel'];
    const results = await Promise.all(texts.map((t) => worker.embed([t])));
    const expected = await inThread.embed(texts);
    expect(results.map(([v]) => Array.from(v!))).toEqual(expected.map((v) => Array.from(v)));
  });

  it('keeps the event loop free while embedding', async () => {
    // Control: the same batch in-thread blocks the loop, so the measurement can tell the difference.
    expect(await ticksDuring(() => inThread.embed(BIG_BATCH))).toBe(0);
    let vectors: Float32Array[] = [];
    const ticks = await ticksDuring(async () => (vectors = await worker.embed(BIG_BATCH)));
    expect(vectors).toHaveLength(BIG_BATCH.length);
    expect(ticks).toBeGreaterThan(5);
  });

  it('reports a missing model folder from the worker', async () => {
    await expect(createEmbedder({ provider: 'static' }, { staticModelDir: '/nonexistent/static-100d' })).rejects.toThrow(
      /\/nonexistent\/static-100d.*build-static-embedder\.mjs/,
    );
  });

  it('rejects requests after close', async () => {
    const closing = await createEmbedder({ provider: 'static' });
    await closing.close();
    await expect(closing.embed(['hello'])).rejects.toThrow(/closed/);
  });
});
