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

/** Bulk-loads `chunks` one-chunk notes into `dir` and embeds them; returns the rates. */
export async function buildCorpus(dir: string, chunks: number) {
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
    return {
      chunks,
      bulkLoadChunksPerSec: round(chunks / (loaded / 1000)),
      embedAndIndexChunksPerSec: round(chunks / (embedded / 1000)),
    };
  } finally {
    await engine.close();
  }
}

/**
 * Opens a built library as the app would and times queries in each mode. Run in a fresh process, so the RSS
 * is that of an engine serving this library, not of the bulk load before it.
 */
export async function queryCorpus(dir: string) {
  const engine = await Engine.open({ library: dir });
  try {
    const qgen = new TextGenerator(vocabulary(), 99);
    return {
      chunks: engine.stats().chunks,
      ivf: await ivfRecallAt10(engine, qgen),
      hybridMs: await timeQueries(engine, qgen),
      keywordMs: await timeQueries(engine, qgen, { mode: 'keyword' }),
      semanticMs: await timeQueries(engine, qgen, { mode: 'semantic' }),
      filteredHybridMs: await timeQueries(engine, qgen, { filters: { kinds: ['memory'] } }),
      /** The whole process: engine, embedding worker, SQLite page cache, and this bench's query generator. */
      rssMb: mb(process.memoryUsage().rss),
    };
  } finally {
    await engine.close();
  }
}

// Run directly, each phase in its own process: `ingest N`, `build DIR N`, `query DIR`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [phase, a, b] = process.argv.slice(2);
  const result =
    phase === 'ingest' ? await ingestBench(Number(a)) : phase === 'build' ? await buildCorpus(a!, Number(b)) : await queryCorpus(a!);
  console.log(JSON.stringify(result));
}
