/**
 * `npm run bench` prints the engine's figures on this machine; `npm run bench -- quality` runs the
 * retrieval-quality harness; `npm run bench -- media` the media pipeline and OCR; `npm run bench -- relay`
 * the sync relay; `--large` adds the 1M-chunk search run. BENCHMARKS.md records the results.
 * Each phase runs in a fresh process so memory figures do not carry over from the one before.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);

function phase(script: string, ...params: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', script, ...params], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

if (args.includes('quality')) {
  process.stdout.write(phase('bench/quality/run.ts', ...args.filter((a) => a !== 'quality')) + '\n');
} else if (args.includes('media')) {
  console.log(`# Engram media bench — ${new Date().toISOString()} — ${os.cpus()[0]?.model} × ${os.cpus().length}, node ${process.version}`);
  console.log('photos', phase('bench/media-bench.ts'));
  console.log('ocr', phase('bench/ocr.ts'));
} else if (args.includes('relay')) {
  console.log(`# Engram relay bench — ${new Date().toISOString()} — ${os.cpus()[0]?.model} × ${os.cpus().length}, node ${process.version}`);
  console.log(phase('bench/relay-bench.ts'));
} else {
  console.log(`# Engram bench — ${new Date().toISOString()} — ${os.cpus()[0]?.model} × ${os.cpus().length}, node ${process.version}`);
  console.log('ingest', phase('bench/search-bench.ts', 'ingest', process.env.BENCH_NOTES ?? '5000'));
  for (const size of [10_000, 100_000, ...(args.includes('--large') ? [1_000_000] : [])]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-bench-'));
    try {
      console.log(`build@${size}`, phase('bench/search-bench.ts', 'build', dir, String(size)));
      console.log(`search@${size}`, phase('bench/search-bench.ts', 'query', dir));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}
