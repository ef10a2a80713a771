/**
 * Child process for the crash test in job-runner.test.ts: opens the library database given as argv[2] and
 * runs a JobRunner whose handler logs a `job_starts` row, then finishes quickly or, for `{ hang: true }`
 * payloads, never. The test kills this process with SIGKILL while the hanging handlers are mid-run.
 */
import { openDatabase } from '../../db/connection';
import { JobQueue } from '../job-queue';
import { JobRunner } from '../job-runner';

const file = process.argv[2];
if (!file) throw new Error('usage: crash-runner.ts DB_FILE');
const db = openDatabase(file, { skipCheck: true });
const queue = new JobQueue(db);
const runner = new JobRunner(queue, { owner: `child:${process.pid}`, concurrency: 2, leaseMs: 60_000, pollMs: 20 });
const logStart = db.prepare('INSERT INTO job_starts (job_id, pid) VALUES (?, ?)');
const addEffect = db.prepare('INSERT INTO job_effects (job_id, value) VALUES (?, ?)');

runner.register<{ n: number; hang?: boolean }, { doubled: number }>(
  'work',
  1,
  async (payload, ctx) => {
    logStart.run(ctx.job.id, process.pid);
    if (payload.hang) await new Promise(() => {});
    await new Promise((r) => setTimeout(r, 5));
    return { doubled: payload.n * 2 };
  },
  { cache: false, apply: (result, _payload, job) => addEffect.run(job.id, result.doubled) },
);
runner.start();
process.stdout.write('ready\n');
