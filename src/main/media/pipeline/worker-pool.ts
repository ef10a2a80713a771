import os from 'node:os';
import { Piscina } from 'piscina';
import { tsxExecArgv } from '../../jobs/spawn-worker';
import { PermanentJobError } from '../../jobs/job-runner';
import type { WorkerOutcome, WorkerTask } from './media-worker';

/** Sibling entry with this module's own extension: .ts from source, .js once built. */
const ENTRY = new URL(`./media-worker${import.meta.url.slice(import.meta.url.lastIndexOf('.'))}`, import.meta.url);

/**
 * The threads the pipeline's CPU-bound steps run on. Idle threads exit after a while, so an idle library
 * costs no memory for them.
 */
export class MediaWorkerPool {
  private readonly pool: Piscina;

  constructor(threads = Math.max(1, Math.min(2, os.availableParallelism() - 1))) {
    this.pool = new Piscina({
      filename: ENTRY.href,
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: 30_000,
      execArgv: tsxExecArgv(ENTRY),
    });
  }

  /** Runs a task; a step's verdict on its input (unreadable file…) becomes a failure that is not retried. */
  async run<T>(task: WorkerTask, signal?: AbortSignal): Promise<T> {
    const outcome = (await this.pool.run(task, { signal })) as WorkerOutcome<T>;
    if (!outcome.ok) throw new PermanentJobError(outcome.message);
    return outcome.value;
  }

  async close(): Promise<void> {
    await this.pool.close({ force: true });
  }
}
