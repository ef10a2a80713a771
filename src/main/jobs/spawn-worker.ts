import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread. A `.ts` entry only exists when running from source (under `node --import tsx`
 * or vitest), and neither gives workers TypeScript support: vitest's transform is not a Node loader, and
 * on Node < 22.22 `--import tsx` deliberately registers its hooks on the main thread only. So such a
 * worker first registers tsx's ESM hooks itself. Built `.js` entries start plainly with inherited flags.
 */
export function spawnWorker(entry: URL, workerData: unknown): Worker {
  return new Worker(entry, { workerData, execArgv: tsxExecArgv(entry) });
}

/** The worker flags for `entry`: tsx's hooks for a `.ts` entry, inherited flags for a built one. */
export function tsxExecArgv(entry: URL): string[] | undefined {
  return entry.pathname.endsWith('.ts') ? ['--import', tsxBootstrap()] : undefined;
}

function tsxBootstrap(): string {
  const api = import.meta.resolve('tsx/esm/api');
  return `data:text/javascript,import{register}from${JSON.stringify(api)};register()`;
}
