/**
 * `npm run bench` prints the engine's figures on this machine; `npm run bench -- quality` runs the
 * retrieval-quality harness; `--large` adds the 1M-chunk search run. BENCHMARKS.md records the results.
 */
import os from 'node:os';
import { ingestBench, searchBench } from './search-bench';

const args = process.argv.slice(2);

async function main() {
  if (args.includes('quality')) {
    await import('./quality/run');
    return;
  }
  console.log(`# Engram bench — ${new Date().toISOString()} — ${os.cpus()[0]?.model} × ${os.cpus().length}, node ${process.version}`);
  const ingest = await ingestBench(Number(process.env.BENCH_NOTES ?? 5000));
  console.log('ingest', JSON.stringify(ingest));
  const sizes = [10_000, 100_000, ...(args.includes('--large') ? [1_000_000] : [])];
  for (const size of sizes) {
    console.log(`search@${size}`, JSON.stringify(await searchBench(size)));
  }
}

await main();
