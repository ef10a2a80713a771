/**
 * The durable job queue the media pipeline runs on: one SQLite table, shared by every process that opens
 * the library. A job is identified by (item, step, input fingerprint, step version), so enqueueing the same
 * work twice is a no-op. Workers take jobs with a lease; a lease that runs out (its process crashed or was
 * killed) makes the job claimable again. Every state change after a claim is fenced by the lease
 * (owner + attempt number), so a worker that lost its lease can neither complete nor fail the job.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/connection';
import { EngramError, notFound } from '../../shared/errors';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface Job {
  id: number;
  kind: string;
  nodeId: string | null;
  step: string;
  fingerprint: string;
  version: number;
  payload: unknown;
  status: JobStatus;
  /** Claims since enqueue or the last user retry, including the running one (a claim whose worker died counts too). */
  attempts: number;
  /** Epoch ms from which a queued job may be claimed. */
  nextRunAt: number;
  /** The holder's claim token, `<owner>/<nonce>`, while running. */
  leaseOwner: string | null;
  leaseExpiresAt: number | null;
  /** 0..1 as last reported by the running handler. */
  progress: number | null;
  /** The last failure, in words a person can read. Kept while a retry is scheduled. */
  error: string | null;
  result: unknown;
  createdAt: string;
  updatedAt: string;
}

/**
 * What proves a worker still holds a job: the claim's token (`<owner>/<nonce>`, unique to one claim call)
 * and attempt number. Nothing else can pass for it, not even a later claim of the same job by the same owner.
 */
export interface Lease {
  id: number;
  owner: string;
  attempt: number;
}

/** A job as handed out by `claim`: it carries its own lease. */
export interface ClaimedJob extends Job, Lease {}

export interface EnqueueInput {
  kind: string;
  nodeId?: string | null;
  step: string;
  /** Hash of everything the step reads (content sha256, settings that change the output…). */
  fingerprint: string;
  version: number;
  payload?: unknown;
  /** Epoch ms before which the job must not run (default: now). */
  runAt?: number;
}

export interface JobQueueOptions {
  /** Epoch ms; tests inject a fake clock. */
  now?: () => number;
  /** First retry delay; each further one doubles, up to `backoffCapMs`. */
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Claims after which a failing (or crashing) job stops being retried and shows as failed. */
  maxAttempts?: number;
}

export interface ClaimOptions {
  leaseMs?: number;
  /** Only jobs of these (step, version) pairs; all jobs when omitted. */
  steps?: readonly { step: string; version: number }[];
}

export interface StatusCounts {
  queued: number;
  running: number;
  done: number;
  failed: number;
}

export interface StepState {
  jobId: number;
  step: string;
  version: number;
  status: JobStatus;
  attempts: number;
  progress: number | null;
  error: string | null;
  nextRunAt: number;
  updatedAt: string;
}

export type FailOutcome = 'retrying' | 'failed' | 'lost';

export const DEFAULT_LEASE_MS = 30_000;

interface JobRow {
  id: number;
  kind: string;
  node_id: string | null;
  step: string;
  fingerprint: string;
  step_version: number;
  payload: string;
  status: JobStatus;
  attempts: number;
  next_run_at: number;
  lease_owner: string | null;
  lease_expires_at: number | null;
  progress: number | null;
  error: string | null;
  result: string | null;
  created_at: string;
  updated_at: string;
}

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

function toJob(r: JobRow): Job {
  return {
    id: r.id,
    kind: r.kind,
    nodeId: r.node_id,
    step: r.step,
    fingerprint: r.fingerprint,
    version: r.step_version,
    payload: parse(r.payload),
    status: r.status,
    attempts: r.attempts,
    nextRunAt: r.next_run_at,
    leaseOwner: r.lease_owner,
    leaseExpiresAt: r.lease_expires_at,
    progress: r.progress,
    error: r.error,
    result: parse(r.result),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const FENCE = `id = @id AND status = 'running' AND lease_owner = @owner AND attempts = @attempt`;

export class JobQueue {
  readonly now: () => number;
  readonly maxAttempts: number;
  private readonly base: number;
  private readonly cap: number;

  constructor(
    readonly db: Db,
    opts: JobQueueOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.base = opts.backoffBaseMs ?? 2_000;
    this.cap = opts.backoffCapMs ?? 10 * 60_000;
    this.maxAttempts = opts.maxAttempts ?? 5;
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  /** Delay before the retry that follows failed attempt number `attempt` (1-based). */
  backoff(attempt: number): number {
    return Math.min(this.cap, this.base * 2 ** Math.max(0, attempt - 1));
  }

  /** Queues a job unless the same (item, step, fingerprint, version) exists, whatever its state. */
  enqueue(input: EnqueueInput): { id: number; created: boolean } {
    const iso = this.iso();
    const info = this.db
      .prepare(
        `INSERT OR IGNORE INTO jobs (kind, node_id, step, fingerprint, step_version, payload, next_run_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.kind,
        input.nodeId ?? null,
        input.step,
        input.fingerprint,
        input.version,
        JSON.stringify(input.payload ?? null),
        input.runAt ?? this.now(),
        iso,
        iso,
      );
    if (info.changes > 0) return { id: Number(info.lastInsertRowid), created: true };
    const row = this.db
      .prepare(`SELECT id FROM jobs WHERE coalesce(node_id, '') = ? AND step = ? AND fingerprint = ? AND step_version = ?`)
      .get(input.nodeId ?? '', input.step, input.fingerprint, input.version) as { id: number };
    return { id: row.id, created: false };
  }

  get(id: number): Job | null {
    const row = this.db.prepare(`SELECT * FROM jobs WHERE id = ?`).get(id) as JobRow | undefined;
    return row ? toJob(row) : null;
  }

  /**
   * Takes up to `n` due jobs for `owner`: queued ones whose time has come, and running ones whose lease ran
   * out. One IMMEDIATE transaction, so two processes never take the same job. A job whose lease ran out on
   * its last allowed attempt is marked failed instead of being handed out again (a step that kills its
   * worker every time must not take the pipeline down forever).
   */
  claim(owner: string, n: number, opts: ClaimOptions = {}): ClaimedJob[] {
    if (n <= 0) return [];
    const now = this.now();
    const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
    const keys = opts.steps ? JSON.stringify(opts.steps.map((s) => `${s.step}@${s.version}`)) : null;
    const stepFilter = keys ? `AND (step || '@' || step_version) IN (SELECT value FROM json_each(@keys))` : '';
    const token = `${owner}/${randomBytes(4).toString('hex')}`;
    const run = this.db.transaction(() => {
      const iso = this.iso();
      this.db
        .prepare(
          `UPDATE jobs SET status = 'failed', lease_owner = NULL, lease_expires_at = NULL, updated_at = @iso,
             error = 'The worker stopped (crashed or was killed) while running this step, ' || attempts ||
                     ' times. Last error: ' || coalesce(error, 'none')
           WHERE status = 'running' AND lease_expires_at <= @now AND attempts >= @max ${stepFilter}`,
        )
        .run({ now, iso, max: this.maxAttempts, ...(keys ? { keys } : {}) });
      const rows = this.db
        .prepare(
          `UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_owner = @owner,
             lease_expires_at = @expires, progress = NULL, updated_at = @iso
           WHERE id IN (
             SELECT id FROM jobs
             WHERE ((status = 'queued' AND next_run_at <= @now) OR (status = 'running' AND lease_expires_at <= @now))
               ${stepFilter}
             ORDER BY next_run_at, id LIMIT @n)
           RETURNING *`,
        )
        .all({ owner: token, expires: now + leaseMs, iso, now, n, ...(keys ? { keys } : {}) }) as JobRow[];
      return rows.sort((a, b) => a.next_run_at - b.next_run_at || a.id - b.id);
    });
    return run.immediate().map((r) => ({ ...toJob(r), owner: token, attempt: r.attempts }));
  }

  /** Extends a lease; false when it was lost (expired and taken, or the job was retried or removed). */
  renew(lease: Lease, leaseMs = DEFAULT_LEASE_MS): boolean {
    return (
      this.db
        .prepare(`UPDATE jobs SET lease_expires_at = @expires WHERE ${FENCE}`)
        .run({ ...lease, expires: this.now() + leaseMs }).changes > 0
    );
  }

  /**
   * Gives a running job back without an outcome (its runner is shutting down): claimable again at once, and
   * the claim still counts as an attempt. False when the lease was already lost.
   */
  release(lease: Lease): boolean {
    return (
      this.db
        .prepare(`UPDATE jobs SET lease_expires_at = @now, updated_at = @iso WHERE ${FENCE}`)
        .run({ ...lease, now: this.now(), iso: this.iso() }).changes > 0
    );
  }

  /** Records progress (0..1) of a running job; false when the lease was lost. */
  progress(lease: Lease, fraction: number): boolean {
    return (
      this.db
        .prepare(`UPDATE jobs SET progress = @p, updated_at = @iso WHERE ${FENCE}`)
        .run({ ...lease, p: Math.max(0, Math.min(1, fraction)), iso: this.iso() }).changes > 0
    );
  }

  /** The cached result of a step for an input, or undefined. */
  cached(step: string, version: number, fingerprint: string): { result: unknown } | undefined {
    const row = this.db
      .prepare(`SELECT result FROM step_cache WHERE step = ? AND step_version = ? AND fingerprint = ?`)
      .get(step, version, fingerprint) as { result: string } | undefined;
    return row ? { result: JSON.parse(row.result) } : undefined;
  }

  /**
   * Marks a job done with its result, only while `lease` still holds. In the same transaction it runs
   * `apply` (the step's writes to the library, so they happen exactly once) and stores the result in the
   * step cache. Returns false, with nothing written, when the lease was lost. If `apply` throws, nothing is
   * written and the error propagates.
   */
  complete(lease: Lease, result: unknown, opts: { cache?: boolean; apply?: () => void } = {}): boolean {
    const text = JSON.stringify(result ?? null);
    return this.db.transaction(() => {
      const iso = this.iso();
      const row = this.db
        .prepare(
          `UPDATE jobs SET status = 'done', result = @text, error = NULL, progress = 1, lease_owner = NULL,
             lease_expires_at = NULL, updated_at = @iso
           WHERE ${FENCE} RETURNING step, step_version, fingerprint`,
        )
        .get({ ...lease, text, iso }) as { step: string; step_version: number; fingerprint: string } | undefined;
      if (!row) return false;
      opts.apply?.();
      if (opts.cache ?? true) {
        this.db
          .prepare(
            `INSERT OR REPLACE INTO step_cache (step, step_version, fingerprint, result, created_at) VALUES (?, ?, ?, ?, ?)`,
          )
          .run(row.step, row.step_version, row.fingerprint, text, iso);
      }
      return true;
    }).immediate();
  }

  /**
   * Records a failed attempt. A retryable failure with attempts left is queued again after an exponential
   * backoff; otherwise the job ends failed with `error` kept for the user. 'lost' when the lease was lost.
   */
  fail(lease: Lease, error: string, opts: { retryable?: boolean } = {}): FailOutcome {
    return this.db.transaction((): FailOutcome => {
      const row = this.db.prepare(`SELECT attempts FROM jobs WHERE ${FENCE}`).get(lease) as { attempts: number } | undefined;
      if (!row) return 'lost';
      const again = (opts.retryable ?? true) && row.attempts < this.maxAttempts;
      this.db
        .prepare(
          `UPDATE jobs SET status = @status, error = @error, next_run_at = @next, lease_owner = NULL,
             lease_expires_at = NULL, updated_at = @iso WHERE id = @id`,
        )
        .run({
          id: lease.id,
          status: again ? 'queued' : 'failed',
          error,
          next: again ? this.now() + this.backoff(row.attempts) : this.now(),
          iso: this.iso(),
        });
      return again ? 'retrying' : 'failed';
    }).immediate();
  }

  /** A user's retry of a failed job: queued now, with a fresh set of attempts. */
  retry(id: number): void {
    const job = this.get(id);
    if (!job) throw notFound('Job', String(id));
    if (job.status !== 'failed') throw new EngramError('conflict', `Job ${id} is ${job.status}; only a failed job can be retried`);
    this.db
      .prepare(
        `UPDATE jobs SET status = 'queued', attempts = 0, next_run_at = @now, error = NULL, progress = NULL,
           updated_at = @iso WHERE id = @id AND status = 'failed'`,
      )
      .run({ id, now: this.now(), iso: this.iso() });
  }

  /** The state of each step of an item: per step, its newest version's job. */
  statusOf(nodeId: string): StepState[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM jobs WHERE node_id = ? AND id IN (
           SELECT id FROM (
             SELECT id, row_number() OVER (PARTITION BY step ORDER BY step_version DESC, id DESC) AS rn
             FROM jobs WHERE node_id = ?) WHERE rn = 1)
         ORDER BY id`,
      )
      .all(nodeId, nodeId) as JobRow[];
    return rows.map((r) => ({
      jobId: r.id,
      step: r.step,
      version: r.step_version,
      status: r.status,
      attempts: r.attempts,
      progress: r.progress,
      error: r.error,
      nextRunAt: r.next_run_at,
      updatedAt: r.updated_at,
    }));
  }

  /** Totals by status, overall and per step, for the dashboard's queue panel. */
  counts(): StatusCounts & { byStep: Record<string, StatusCounts> } {
    const rows = this.db.prepare(`SELECT step, status, count(*) AS n FROM jobs GROUP BY step, status`).all() as {
      step: string;
      status: JobStatus;
      n: number;
    }[];
    const zero = (): StatusCounts => ({ queued: 0, running: 0, done: 0, failed: 0 });
    const total = zero();
    const byStep: Record<string, StatusCounts> = {};
    for (const r of rows) {
      total[r.status] += r.n;
      (byStep[r.step] ??= zero())[r.status] += r.n;
    }
    return { ...total, byStep };
  }

  /** Epoch ms when the next queued job becomes due (for a runner's sleep), or null when none is queued. */
  nextDueAt(): number | null {
    const row = this.db
      .prepare(
        `SELECT min(t) AS t FROM (
           SELECT min(next_run_at) AS t FROM jobs WHERE status = 'queued'
           UNION ALL SELECT min(lease_expires_at) FROM jobs WHERE status = 'running')`,
      )
      .get() as { t: number | null };
    return row.t;
  }

  /**
   * Makes running jobs claimable at once when their holder is known to be dead (`isDead` gets the claim
   * token): after a crash, a restart on the same machine resumes them without waiting out the lease.
   */
  reclaimFrom(isDead: (owner: string) => boolean): number {
    const rows = this.db.prepare(`SELECT id, lease_owner FROM jobs WHERE status = 'running'`).all() as { id: number; lease_owner: string }[];
    const dead = rows.filter((r) => r.lease_owner && isDead(r.lease_owner));
    const release = this.db.prepare(`UPDATE jobs SET lease_expires_at = ? WHERE id = ? AND status = 'running' AND lease_owner = ?`);
    for (const r of dead) release.run(this.now(), r.id, r.lease_owner);
    return dead.length;
  }

  /** Drops an item's jobs (the item was deleted). A running handler's completion is then refused. */
  removeForNode(nodeId: string): number {
    return this.db.prepare(`DELETE FROM jobs WHERE node_id = ?`).run(nodeId).changes;
  }
}
