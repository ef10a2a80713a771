/**
 * Runs queued jobs: claims due jobs of the steps it has handlers for, up to a concurrency limit, renews their
 * leases while the handlers run, and records each outcome through the lease-fenced JobQueue calls.
 *
 * Delivery is at-least-once for handlers and exactly-once for outcomes. If the process dies mid-handler the
 * lease runs out and another runner runs the handler again, so HANDLERS MUST BE IDEMPOTENT (write files
 * under content-addressed names, upsert rows, never append blindly). Writes to the library that must happen
 * exactly once belong in the step's `apply`, which runs inside the transaction that marks the job done and
 * only while the lease still holds: a runner that lost its lease (paused past expiry, job taken over) has
 * its completion refused and its `apply` never runs.
 *
 * Results are cached per (step, version, input fingerprint): the handler is skipped on a hit, and `apply`
 * still runs with the cached result for the job's own item. So a handler is a pure computation of the
 * input and its result must be JSON.
 */
import os from 'node:os';
import { DEFAULT_LEASE_MS, type ClaimedJob, type JobQueue } from './job-queue';

export interface JobContext {
  job: ClaimedJob;
  /** Aborted when the lease is lost or the runner abandons the job on stop: stop work early. */
  signal: AbortSignal;
  /** Reports progress (0..1, with an optional note) to listeners and the job row. */
  progress(fraction: number, message?: string): void;
}

export type JobHandler<P = any, R = unknown> = (payload: P, ctx: JobContext) => Promise<R>;

export interface StepOptions<P = any, R = unknown> {
  /** Look results up in and write them to the step cache (default true). */
  cache?: boolean;
  /**
   * Writes the result into the library (synchronously, on the queue's connection). Runs inside the completion
   * transaction, exactly once per job, for fresh and cached results alike.
   */
  apply?: (result: R, payload: P, job: ClaimedJob) => void;
}

/** Throw from a handler for a failure that another attempt cannot fix (a malformed file, say). */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}

export type JobEvent =
  | { type: 'started'; job: ClaimedJob }
  | { type: 'progress'; job: ClaimedJob; fraction: number; message?: string }
  | { type: 'done'; job: ClaimedJob; cached: boolean }
  | { type: 'retrying'; job: ClaimedJob; error: string }
  | { type: 'failed'; job: ClaimedJob; error: string }
  /** The lease was lost: another runner has or will run the job; this outcome was discarded. */
  | { type: 'lost'; job: ClaimedJob }
  /** Recording the outcome itself failed (database busy or closed); the lease will run out and the job rerun. */
  | { type: 'error'; job: ClaimedJob; error: string };

export interface JobRunnerOptions {
  /** Identifies this runner in leases (default host:pid:random). */
  owner?: string;
  concurrency?: number;
  leaseMs?: number;
  /** How often running jobs' leases are renewed (default a third of the lease). */
  renewEveryMs?: number;
  /** Longest sleep between looks at the queue when nothing is due (default 1 s). */
  pollMs?: number;
  onEvent?: (event: JobEvent) => void;
}

interface Registered {
  version: number;
  handler: JobHandler;
  opts: StepOptions;
}

export class JobRunner {
  readonly owner: string;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly renewEveryMs: number;
  private readonly pollMs: number;
  private readonly steps = new Map<string, Registered>();
  private readonly inflight = new Map<number, { job: ClaimedJob; abort: AbortController; done: Promise<void> }>();
  private running = false;
  private loopDone: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private renewTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly queue: JobQueue,
    private readonly opts: JobRunnerOptions = {},
  ) {
    this.owner = opts.owner ?? `${os.hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
    this.concurrency = Math.max(1, opts.concurrency ?? Math.max(1, Math.min(4, os.availableParallelism() - 1)));
    this.leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
    this.renewEveryMs = opts.renewEveryMs ?? Math.max(50, Math.floor(this.leaseMs / 3));
    this.pollMs = opts.pollMs ?? 1_000;
  }

  /** Registers the handler of a step at its current version; jobs of other versions are left alone. */
  register<P, R>(step: string, version: number, handler: JobHandler<P, R>, opts: StepOptions<P, R> = {}): this {
    this.steps.set(step, { version, handler: handler as JobHandler, opts: opts as StepOptions });
    return this;
  }

  /**
   * Whether a claim token belongs to a runner process on this machine that no longer exists (owners made by
   * default are `<host>:<pid>:<random>`), so its jobs can be taken over without waiting for their leases.
   */
  static ownerIsDeadLocal(token: string): boolean {
    const [host, pid] = token.split(':');
    if (host !== os.hostname() || !pid || !/^\d+$/.test(pid) || Number(pid) === process.pid) return false;
    try {
      process.kill(Number(pid), 0);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }

  /** Stops claiming jobs of a step (it cannot run now); its queued jobs wait until it is registered again. */
  unregister(step: string): this {
    this.steps.delete(step);
    return this;
  }

  get active(): number {
    return this.inflight.size;
  }

  /** Starts polling. Call `kick()` after enqueueing to skip the wait. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.renewTimer = setInterval(() => this.renewAll(), this.renewEveryMs);
    this.loopDone = this.loop();
  }

  /** Looks at the queue now instead of at the end of the current sleep. */
  kick(): void {
    this.wake?.();
  }

  /**
   * Claims and runs jobs until none is due and none is running (tests, the CLI's one-shot ingest). Jobs
   * that a backoff schedules later than now are not waited for.
   */
  async drain(): Promise<void> {
    const renew = this.renewTimer ? null : setInterval(() => this.renewAll(), this.renewEveryMs);
    try {
      for (;;) {
        this.fill();
        if (this.inflight.size === 0) return;
        await Promise.race([...this.inflight.values()].map((f) => f.done));
      }
    } finally {
      if (renew) clearInterval(renew);
    }
  }

  /**
   * Stops claiming and waits for running handlers. After `timeoutMs` the rest are abandoned: their signals
   * abort, their outcomes are discarded, and their leases are released so the next runner (after a restart)
   * takes them over at once. Call it before closing the database.
   * Returns how many were abandoned.
   */
  async stop(timeoutMs = 10_000): Promise<{ abandoned: number }> {
    this.running = false;
    this.wake?.();
    await this.loopDone;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const all = Promise.all([...this.inflight.values()].map((f) => f.done));
    const outcome = await Promise.race([all.then(() => 'done' as const), timedOut]);
    clearTimeout(timer);
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.renewTimer = null;
    if (outcome === 'done') return { abandoned: 0 };
    const left = [...this.inflight.values()];
    for (const f of left) {
      f.abort.abort(new Error('runner stopped'));
      this.inflight.delete(f.job.id);
      try {
        this.queue.release(f.job);
      } catch {
        // The lease then simply runs out.
      }
    }
    return { abandoned: left.length };
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        this.fill();
      } catch {
        // Busy or briefly unavailable database: look again after the poll interval.
      }
      let due: number | null = null;
      try {
        due = this.queue.nextDueAt();
      } catch {
        due = null;
      }
      const wait = due === null ? this.pollMs : Math.max(0, Math.min(this.pollMs, due - this.queue.now()));
      await new Promise<void>((resolve) => {
        const t = setTimeout(done, Math.max(wait, 10));
        function done() {
          clearTimeout(t);
          resolve();
        }
        this.wake = done;
      });
      this.wake = null;
    }
  }

  /** Claims as many jobs as there are free slots and starts them. */
  private fill(): void {
    const free = this.concurrency - this.inflight.size;
    if (free <= 0 || this.steps.size === 0) return;
    const steps = [...this.steps].map(([step, r]) => ({ step, version: r.version }));
    for (const job of this.queue.claim(this.owner, free, { leaseMs: this.leaseMs, steps })) {
      const abort = new AbortController();
      const entry = { job, abort, done: Promise.resolve() };
      entry.done = this.run(job, abort)
        .catch((err: unknown) => this.emit({ type: 'error', job, error: err instanceof Error ? err.message : String(err) }))
        .finally(() => {
        // An abandoned job was already removed; a fresh claim of the same id must not be dropped.
        if (this.inflight.get(job.id) === entry) this.inflight.delete(job.id);
        this.kick();
      });
      this.inflight.set(job.id, entry);
    }
  }

  private renewAll(): void {
    for (const { job, abort } of this.inflight.values()) {
      if (abort.signal.aborted) continue;
      if (!this.queue.renew(job, this.leaseMs)) abort.abort(new Error('lease lost'));
    }
  }

  private emit(event: JobEvent): void {
    try {
      this.opts.onEvent?.(event);
    } catch {
      // A listener's failure must not decide a job's outcome.
    }
  }

  private async run(job: ClaimedJob, abort: AbortController): Promise<void> {
    const reg = this.steps.get(job.step)!;
    const useCache = reg.opts.cache ?? true;
    const apply = reg.opts.apply;
    this.emit({ type: 'started', job });
    let result: unknown;
    let cached = false;
    try {
      const hit = useCache ? this.queue.cached(job.step, job.version, job.fingerprint) : undefined;
      if (hit) {
        result = hit.result;
        cached = true;
      } else {
        const ctx: JobContext = {
          job,
          signal: abort.signal,
          progress: (fraction, message) => {
            if (abort.signal.aborted) return;
            this.queue.progress(job, fraction);
            this.emit({ type: 'progress', job, fraction, message });
          },
        };
        result = await reg.handler(job.payload, ctx);
      }
      if (abort.signal.aborted) return this.emit({ type: 'lost', job });
      const ok = this.queue.complete(job, result, {
        cache: useCache && !cached,
        apply: apply ? () => apply(result, job.payload, job) : undefined,
      });
      this.emit(ok ? { type: 'done', job, cached } : { type: 'lost', job });
    } catch (err) {
      if (abort.signal.aborted) return this.emit({ type: 'lost', job });
      const message = err instanceof Error ? err.message : String(err);
      const outcome = this.queue.fail(job, message, { retryable: !(err instanceof PermanentJobError) });
      this.emit(outcome === 'lost' ? { type: 'lost', job } : { type: outcome, job, error: message });
    }
  }
}
