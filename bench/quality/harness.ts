/**
 * Shared plumbing of the retrieval-quality bench: a throwaway library loaded with the corpus, and the
 * rank metrics. Used by run.ts (the bench) and experiments.ts (offline fusion / FTS what-ifs).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Engine } from '../../src/main/engine/engine';
import { corpus } from './corpus';
import { queries, type QueryKind } from './queries';

export const CUTOFF = 10;

export interface Library {
  engine: Engine;
  dir: string;
  /** Wall time of createMany + waiting for every chunk's vector. */
  indexMs: number;
  chunks: number;
  embedderId: string;
  dispose(): Promise<void>;
}

/** Checks the labels point at real notes, so a typo cannot silently count as a miss. */
export function validateLabels(): void {
  const ids = new Set<string>();
  for (const note of corpus) {
    if (ids.has(note.id)) throw new Error(`duplicate corpus id ${note.id}`);
    ids.add(note.id);
  }
  const qids = new Set<string>();
  for (const query of queries) {
    if (qids.has(query.id)) throw new Error(`duplicate query id ${query.id}`);
    qids.add(query.id);
    if (query.relevant.length === 0) throw new Error(`query ${query.id} has no relevant note`);
    for (const r of query.relevant) if (!ids.has(r)) throw new Error(`query ${query.id} names unknown note ${r}`);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Opens a fresh library in a temp dir and indexes the corpus. The engine opens even when the embedder
 * cannot start (search then falls back to keywords), which would make the semantic figures meaningless,
 * so that case is retried a few times and then reported as an error.
 */
export async function openLibrary(opts: { attempts?: number; retryDelayMs?: number; log?: (s: string) => void } = {}): Promise<Library> {
  const attempts = opts.attempts ?? 3;
  const retryDelayMs = opts.retryDelayMs ?? 10_000;
  let lastProblem = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-quality-'));
    const remove = () => fs.rmSync(dir, { recursive: true, force: true });
    let engine: Engine | undefined;
    try {
      engine = await Engine.open({ library: dir });
      const embedderId = engine.embedderStatus.active;
      if (!embedderId) throw new Error('the engine opened without an active embedder (semantic search unavailable)');
      const started = performance.now();
      engine.nodes.createMany(corpus.map(({ id, title, body }) => ({ id, title, body, kind: 'note' as const })));
      await engine.indexed();
      const indexMs = performance.now() - started;
      const chunks = (engine.db.prepare('SELECT count(*) AS c FROM chunks').get() as { c: number }).c;
      const opened = engine;
      return {
        engine: opened,
        dir,
        indexMs,
        chunks,
        embedderId,
        dispose: async () => {
          try {
            await opened.close();
          } finally {
            remove();
          }
        },
      };
    } catch (err) {
      lastProblem = (err as Error).message;
      await engine?.close().catch(() => undefined);
      remove();
      if (attempt < attempts) {
        opts.log?.(`engine not ready (${lastProblem}); retrying in ${Math.round(retryDelayMs / 1000)}s (${attempt}/${attempts})`);
        await sleep(retryDelayMs);
      }
    }
  }
  throw new Error(`could not open a library with a working embedder: ${lastProblem}`);
}

/** 1-based rank of the first relevant id within the cutoff, or null. */
export function firstRelevantRank(ranked: readonly string[], relevant: readonly string[], cutoff = CUTOFF): number | null {
  const want = new Set(relevant);
  const i = ranked.slice(0, cutoff).findIndex((id) => want.has(id));
  return i === -1 ? null : i + 1;
}

export interface Metrics {
  n: number;
  hit1: number;
  hit5: number;
  hit10: number;
  mrr10: number;
}

export function summarize(ranks: readonly (number | null)[]): Metrics {
  const n = ranks.length;
  const share = (k: number) => (n ? ranks.filter((r) => r !== null && r <= k).length / n : 0);
  const mrr = n ? ranks.reduce<number>((s, r) => s + (r === null ? 0 : 1 / r), 0) / n : 0;
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  return { n, hit1: round(share(1)), hit5: round(share(5)), hit10: round(share(10)), mrr10: round(mrr) };
}

export const KINDS: QueryKind[] = ['keyword', 'paraphrase', 'mixed'];

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    platform: `${os.platform()} ${os.arch()}`,
    node: process.version,
  };
}

export const pad = (s: string | number, w: number) => String(s).padEnd(w);
export const lpad = (s: string | number, w: number) => String(s).padStart(w);
export const fmt = (x: number) => x.toFixed(3);
