/**
 * Retrieval-quality bench: hand-labelled queries over a hand-written corpus, answered in keyword, semantic
 * and hybrid mode through the real engine (temp library, default embedder), scored by hit@1/5/10 and MRR@10.
 *
 *   node --import tsx bench/quality/run.ts [--verbose]
 *
 * Acceptance: hybrid must beat both keyword and semantic on hit@5 and on MRR@10 (strictly); otherwise the
 * process exits 1. Exit 2 means the bench could not run (e.g. no working embedder).
 * The last line of output is one JSON object with every figure.
 */
import { pathToFileURL } from 'node:url';
import { corpus } from './corpus';
import { queries, type LabelledQuery, type QueryKind } from './queries';
import {
  CUTOFF, KINDS, firstRelevantRank, fmt, lpad, machine, openLibrary, pad, summarize, validateLabels, type Metrics,
} from './harness';

export const MODES = ['keyword', 'semantic', 'hybrid'] as const;
export type Mode = (typeof MODES)[number];

export interface QueryOutcome {
  query: LabelledQuery;
  /** Rank of the first relevant note per mode (null: not in the top 10), and what came first. */
  rank: Record<Mode, number | null>;
  top: Record<Mode, string | undefined>;
}

export interface QualityReport {
  bench: 'quality';
  date: string;
  machine: ReturnType<typeof machine>;
  corpus: { notes: number; chunks: number };
  queries: Record<QueryKind | 'all', number>;
  embedder: string;
  indexMs: number;
  results: Record<Mode, Record<QueryKind | 'all', Metrics>>;
  latencyMs: Record<Mode, { mean: number; p50: number; p95: number }>;
  /** Per query, how often hybrid ranks the answer better / worse than each single list. */
  hybridVs: Record<Exclude<Mode, 'hybrid'>, { better: number; worse: number; same: number }>;
  totalMs: number;
  pass: boolean;
  failures: string[];
}

export async function runQualityBench(opts: { verbose?: boolean; log?: (s: string) => void } = {}): Promise<{
  report: QualityReport;
  outcomes: QueryOutcome[];
}> {
  const log = opts.log ?? ((s: string) => console.log(s));
  const started = performance.now();
  validateLabels();
  const lib = await openLibrary({ log });
  try {
    const outcomes: QueryOutcome[] = [];
    const latencies: Record<Mode, number[]> = { keyword: [], semantic: [], hybrid: [] };
    for (const query of queries) {
      const rank = {} as Record<Mode, number | null>;
      const top = {} as Record<Mode, string | undefined>;
      for (const mode of MODES) {
        const t = performance.now();
        const res = await lib.engine.search.search({ query: query.query, limit: CUTOFF, mode, parseDates: false });
        latencies[mode].push(performance.now() - t);
        if (mode !== 'keyword' && res.embedder === null) {
          throw new Error(`${mode} search for ${query.id} ran without an embedder`);
        }
        const ids = res.hits.map((h) => h.node.id);
        rank[mode] = firstRelevantRank(ids, query.relevant);
        top[mode] = ids[0];
      }
      outcomes.push({ query, rank, top });
    }

    const results = {} as QualityReport['results'];
    for (const mode of MODES) {
      const byKind = { all: summarize(outcomes.map((o) => o.rank[mode])) } as Record<QueryKind | 'all', Metrics>;
      for (const kind of KINDS) byKind[kind] = summarize(outcomes.filter((o) => o.query.kind === kind).map((o) => o.rank[mode]));
      results[mode] = byKind;
    }
    const latencyMs = {} as QualityReport['latencyMs'];
    for (const mode of MODES) {
      const xs = [...latencies[mode]].sort((a, b) => a - b);
      const at = (p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;
      const r = (x: number) => Math.round(x * 100) / 100;
      latencyMs[mode] = { mean: r(xs.reduce((s, x) => s + x, 0) / (xs.length || 1)), p50: r(at(0.5)), p95: r(at(0.95)) };
    }
    const cmp = (other: Mode) => {
      const score = (r: number | null) => (r === null ? CUTOFF + 1 : r);
      let better = 0, worse = 0, same = 0;
      for (const o of outcomes) {
        const h = score(o.rank.hybrid), x = score(o.rank[other]);
        if (h < x) better++;
        else if (h > x) worse++;
        else same++;
      }
      return { better, worse, same };
    };

    const failures: string[] = [];
    const h = results.hybrid.all;
    for (const other of ['keyword', 'semantic'] as const) {
      const x = results[other].all;
      if (!(h.hit5 > x.hit5)) failures.push(`hybrid hit@5 ${fmt(h.hit5)} does not beat ${other} ${fmt(x.hit5)}`);
      if (!(h.mrr10 > x.mrr10)) failures.push(`hybrid MRR@10 ${fmt(h.mrr10)} does not beat ${other} ${fmt(x.mrr10)}`);
    }
    const count = (k: QueryKind) => queries.filter((x) => x.kind === k).length;
    const report: QualityReport = {
      bench: 'quality',
      date: new Date().toISOString(),
      machine: machine(),
      corpus: { notes: corpus.length, chunks: lib.chunks },
      queries: { all: queries.length, keyword: count('keyword'), paraphrase: count('paraphrase'), mixed: count('mixed') },
      embedder: lib.embedderId,
      indexMs: Math.round(lib.indexMs),
      results,
      latencyMs,
      hybridVs: { keyword: cmp('keyword'), semantic: cmp('semantic') },
      totalMs: 0,
      pass: failures.length === 0,
      failures,
    };
    report.totalMs = Math.round(performance.now() - started);
    return { report, outcomes };
  } finally {
    await lib.dispose();
  }
}

export function printReport({ report, outcomes }: { report: QualityReport; outcomes: QueryOutcome[] }, verbose = false): void {
  const m = report.machine;
  console.log(`Engram retrieval quality — ${report.date}`);
  console.log(`machine: ${m.cpu}, ${m.cores} cores, ${m.platform}, node ${m.node}`);
  console.log(
    `corpus: ${report.corpus.notes} notes / ${report.corpus.chunks} chunks, indexed in ${report.indexMs} ms; ` +
      `embedder ${report.embedder}; queries: ${report.queries.all} ` +
      `(${report.queries.keyword} keyword, ${report.queries.paraphrase} paraphrase, ${report.queries.mixed} mixed)`,
  );
  console.log('');
  console.log(`${pad('kind', 12)}${pad('mode', 10)}${lpad('n', 4)}${lpad('hit@1', 8)}${lpad('hit@5', 8)}${lpad('hit@10', 8)}${lpad('MRR@10', 8)}`);
  for (const kind of ['all', 'keyword', 'paraphrase', 'mixed'] as const) {
    for (const mode of MODES) {
      const r = report.results[mode][kind];
      console.log(
        `${pad(mode === 'keyword' ? kind : '', 12)}${pad(mode, 10)}${lpad(r.n, 4)}` +
          `${lpad(fmt(r.hit1), 8)}${lpad(fmt(r.hit5), 8)}${lpad(fmt(r.hit10), 8)}${lpad(fmt(r.mrr10), 8)}`,
      );
    }
  }
  console.log('');
  console.log(`latency ms (mean / p50 / p95): ` + MODES.map((mode) => {
    const l = report.latencyMs[mode];
    return `${mode} ${l.mean} / ${l.p50} / ${l.p95}`;
  }).join('; '));
  for (const other of ['keyword', 'semantic'] as const) {
    const v = report.hybridVs[other];
    console.log(`hybrid vs ${other}: answer ranked better on ${v.better} queries, worse on ${v.worse}, same on ${v.same}`);
  }
  if (verbose) {
    console.log('');
    console.log('per query (rank of first relevant note in keyword / semantic / hybrid; - = not in top 10):');
    const show = (r: number | null) => lpad(r === null ? '-' : r, 3);
    for (const o of outcomes) {
      const flag = o.rank.hybrid === 1 ? ' ' : o.rank.hybrid === null ? '✗' : '~';
      console.log(
        `${flag} ${o.query.id} ${show(o.rank.keyword)} ${show(o.rank.semantic)} ${show(o.rank.hybrid)}  ` +
          `${pad(JSON.stringify(o.query.query), 62)} → ${o.query.relevant.join(', ')}` +
          (o.rank.hybrid === 1 ? '' : `  (hybrid top: ${o.top.hybrid ?? 'none'})`),
      );
    }
  }
  console.log('');
  console.log(report.pass ? 'PASS: hybrid beats keyword and semantic on hit@5 and MRR@10' : `FAIL: ${report.failures.join('; ')}`);
  console.log(`total ${(report.totalMs / 1000).toFixed(1)} s`);
  console.log(JSON.stringify(report));
}

async function main() {
  const verbose = process.argv.includes('--verbose') || process.argv.includes('-v');
  try {
    const result = await runQualityBench();
    printReport(result, verbose);
    process.exitCode = result.report.pass ? 0 : 1;
  } catch (err) {
    console.error(`quality bench could not run: ${(err as Error).stack ?? err}`);
    process.exitCode = 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
