/**
 * Ingest and search performance on synthetic notes: notes/s and chunks/s with the default embedder, hybrid
 * search p50/p95 at each corpus size, and the engine's RSS.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Engine } from '../src/main/engine/engine';
import type { SearchInput } from '../src/shared/schemas';
import { mb, round, summarise } from './stats';
import { TextGenerator, vocabulary } from './synthetic';

const QUERIES = 200;

async function timeQueries(engine: Engine, gen: TextGenerator, extra: Partial<SearchInput> = {}) {
  const samples: number[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const t = performance.now();
    await engine.search.search({ query: gen.query(), limit: 10, parseDates: false, ...extra });
    samples.push(performance.now() - t);
  }
  return summarise(samples);
}

/**
 * When the library is large enough for the IVF index: how many of the exact top 10 nearest chunks the IVF
 * probe also returns (recall@10), over 50 queries. Null for flat libraries, whose search is exact.
 */
async function ivfRecallAt10(engine: Engine, gen: TextGenerator) {
  const embedder = engine.activeEmbedder();
  const record = embedder && engine.vectors.get(embedder.id);
  if (!embedder || !record || !engine.vectors.ivf.centroids(embedder.id)) return null;
  // Without a cluster constraint vec0 scans every partition: the exact answer.
  const exact = engine.db.prepare(`SELECT rowid FROM ${record.tableName} WHERE embedding MATCH ? AND k = 10`).pluck();
  let hits = 0;
  for (let i = 0; i < 50; i++) {
    const [q] = await embedder.embed([gen.query()]);
    const truth = new Set(exact.all(Buffer.from(q!.buffer, q!.byteOffset, q!.byteLength)) as number[]);
    hits += engine.vectors.nearest(embedder.id, q!, 10).filter((r) => truth.has(r.chunkId)).length;
  }
  return { lists: engine.vectors.ivf.centroids(embedder.id)!.k, recallAt10: round(hits / 500, 3) };
}

/** Notes written one at a time, as a user or the API would, until every vector has landed. */
export async function ingestBench(count: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-bench-'));
  const engine = await Engine.open({ library: dir });
  try {
    const gen = new TextGenerator(vocabulary(), 7);
    const notes = Array.from({ length: count }, () => gen.note());
    const t0 = performance.now();
    for (const n of notes) engine.nodes.create(n);
    const written = performance.now() - t0;
    await engine.indexed();
    const total = performance.now() - t0;
    const chunks = engine.stats().chunks;
    return {
      notes: count,
      notesPerSecWritten: round(count / (written / 1000)),
      notesPerSecIndexed: round(count / (total / 1000)),
      chunksPerSecIndexed: round(chunks / (total / 1000)),
    };
  } finally {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A corpus of `chunks` one-chunk notes, bulk-loaded, then timed queries in each mode. */
export async function searchBench(chunks: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-bench-'));
  const engine = await Engine.open({ library: dir, paused: true });
  try {
    const gen = new TextGenerator(vocabulary(), 11);
    const t0 = performance.now();
    for (let done = 0; done < chunks; ) {
      const n = Math.min(2000, chunks - done);
      engine.nodes.createMany(
        Array.from({ length: n }, (_, i) => ({ ...gen.note(), kind: (done + i) % 10 === 0 ? 'memory' : 'note' }) as const),
      );
      done += n;
    }
    const loaded = performance.now() - t0;
    engine.resumeIndexing();
    await engine.indexed();
    const embedded = performance.now() - t0 - loaded;
    const actualChunks = engine.stats().chunks;
    const qgen = new TextGenerator(vocabulary(), 99);
    const ivfRecall = await ivfRecallAt10(engine, qgen);
    const result = {
      chunks: actualChunks,
      ivf: ivfRecall,
      bulkLoadChunksPerSec: round(actualChunks / (loaded / 1000)),
      embedChunksPerSec: round(actualChunks / (embedded / 1000)),
      hybridMs: await timeQueries(engine, qgen),
      keywordMs: await timeQueries(engine, qgen, { mode: 'keyword' }),
      semanticMs: await timeQueries(engine, qgen, { mode: 'semantic' }),
      filteredHybridMs: await timeQueries(engine, qgen, { filters: { kinds: ['memory'] } }),
      /** The whole process: engine, its embedding worker, SQLite's page cache and this bench's corpus generator. */
      rssMb: mb(process.memoryUsage().rss),
    };
    return result;
  } finally {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Run directly (`search-bench.ts ingest 5000` / `search-bench.ts search 100000`), each phase in its own process
// so the RSS it reports is that phase's alone.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [phase, n] = [process.argv[2], Number(process.argv[3])];
  const result = phase === 'ingest' ? await ingestBench(n) : await searchBench(n);
  console.log(JSON.stringify(result));
}
