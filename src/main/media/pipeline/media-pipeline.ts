/**
 * The media pipeline of one library: the durable job queue, the runner that works it, the steps, and the
 * lazily started engines some steps need (OCR, vision, speech). Created by the Engine; `start` runs jobs in
 * the background, `drain` runs them to the end (the CLI's one-shot ingest, tests).
 */
import os from 'node:os';
import type { Db } from '../../db/connection';
import type { Settings } from '../../db/settings';
import type { NodeStore } from '../../library/nodes';
import type { EventBus } from '../../engine/event-bus';
import { JobQueue, type StepState } from '../../jobs/job-queue';
import { JobRunner, type JobEvent } from '../../jobs/job-runner';
import { MediaSettings, type ItemState, type MediaKind, type StepStateDTO } from '../../../shared/media-schemas';
import { createSpeechProvider, SpeechConfig, type SpeechProvider } from '../../ai/speech';
import { OcrEngine } from '../ocr';
import type { BlobStore } from '../blob-store';
import { MediaItems } from './media-items';
import { MediaWorkerPool } from './worker-pool';
import { STEPS, stepNamed, stepsFor } from './steps';
import type { IngestPayload, StepDef, StepEnv } from './step-types';

export interface MediaPipelineOptions {
  db: Db;
  settings: Settings;
  nodes: NodeStore;
  blobs: BlobStore;
  events: EventBus;
  /** Runner concurrency (default: cores - 1, at most 4). */
  concurrency?: number;
  /** Tests shorten leases to see crash recovery quickly. */
  leaseMs?: number;
}

export class MediaPipeline implements StepEnv {
  readonly db: Db;
  readonly nodes: NodeStore;
  readonly blobs: BlobStore;
  readonly items: MediaItems;
  readonly queue: JobQueue;
  readonly runner: JobRunner;
  readonly pool = new MediaWorkerPool();
  private ocrEngine: Promise<OcrEngine> | null = null;
  private speechProvider: SpeechProvider | null | undefined;
  private readonly registered = new Set<string>();

  constructor(private readonly opts: MediaPipelineOptions) {
    this.db = opts.db;
    this.nodes = opts.nodes;
    this.blobs = opts.blobs;
    this.items = new MediaItems(opts.db);
    this.queue = new JobQueue(opts.db);
    this.runner = new JobRunner(this.queue, {
      // Steps mostly wait on other threads or processes (piscina, tesseract, ffmpeg, a speech server), so even a
      // two-core machine keeps two in flight.
      concurrency: opts.concurrency ?? Math.min(4, Math.max(2, os.availableParallelism())),
      leaseMs: opts.leaseMs,
      onEvent: (e) => this.onJobEvent(e),
    });
    this.registerRunnableSteps();
  }

  settings(): MediaSettings {
    return MediaSettings.parse(this.opts.settings.get('media') ?? {});
  }

  updateSettings(patch: Partial<MediaSettings>): MediaSettings {
    const next = MediaSettings.parse({ ...this.settings(), ...patch });
    this.opts.settings.set('media', next);
    return next;
  }

  speechConfig(): SpeechConfig {
    return SpeechConfig.parse(this.opts.settings.get('speech') ?? { provider: 'none' });
  }

  /** Chooses the speech provider; waiting transcriptions start when one is set. */
  async setSpeech(config: SpeechConfig): Promise<void> {
    const parsed = SpeechConfig.parse(config);
    await this.speechProvider?.close?.();
    this.opts.settings.set('speech', parsed);
    this.speechProvider = undefined;
    this.registerRunnableSteps();
    this.runner.kick();
  }

  speech(): SpeechProvider | null {
    if (this.speechProvider === undefined) this.speechProvider = createSpeechProvider(this.speechConfig());
    return this.speechProvider;
  }

  ocr(): Promise<OcrEngine> {
    this.ocrEngine ??= OcrEngine.create().catch((error: unknown) => {
      this.ocrEngine = null;
      throw error;
    });
    return this.ocrEngine;
  }

  blobPath(sha256: string): string {
    const blob = this.blobs.get(sha256);
    if (!blob) throw new Error(`The original ${sha256} is not in the blob store`);
    return this.blobs.absolute(blob);
  }

  /** Queues the first steps of an item's kind; called inside the ingest transaction. */
  enqueueSteps(nodeId: string, kind: MediaKind, payload: IngestPayload): void {
    this.enqueueWhere((s) => !s.after, nodeId, kind, payload);
  }

  enqueueAfter(step: string, nodeId: string, kind: MediaKind, payload: IngestPayload): void {
    this.enqueueWhere((s) => s.after?.step === step, nodeId, kind, payload);
  }

  private enqueueWhere(which: (s: StepDef) => boolean, nodeId: string, kind: MediaKind, payload: IngestPayload): void {
    const enabled = this.settings().steps;
    for (const s of stepsFor(kind).filter(which)) {
      if (s.optional && !enabled[s.optional]) continue;
      this.queue.enqueue({ kind, nodeId, step: s.step, fingerprint: payload.sha256, version: s.version, payload });
    }
  }

  afterIngest(_nodeId: string): void {
    this.runner.kick();
  }

  start(): void {
    this.queue.reclaimFrom(JobRunner.ownerIsDeadLocal);
    this.runner.start();
  }

  /** Runs every due job to the end, including jobs the ones run here cause. */
  async drain(): Promise<void> {
    this.queue.reclaimFrom(JobRunner.ownerIsDeadLocal);
    await this.runner.drain();
  }

  /** Per step of an item: its state, with steps that cannot run yet shown as waiting and why. */
  stepsOf(nodeId: string): StepStateDTO[] {
    return this.queue.statusOf(nodeId).map((s) => this.stepDTO(s));
  }

  stateOf(steps: StepStateDTO[]): ItemState {
    if (steps.some((s) => s.status === 'failed')) return 'failed';
    if (steps.some((s) => s.status === 'queued' || s.status === 'running')) return 'processing';
    if (steps.some((s) => s.status === 'waiting')) return 'waiting';
    return 'done';
  }

  /** Jobs waiting for something the user must set up (a speech model). */
  waitingCount(): number {
    const waiting = STEPS.filter((s) => s.waitingFor?.(this)).map((s) => s.step);
    if (waiting.length === 0) return 0;
    return this.db
      .prepare(`SELECT count(*) FROM jobs WHERE status = 'queued' AND step IN (SELECT value FROM json_each(?))`)
      .pluck()
      .get(JSON.stringify(waiting)) as number;
  }

  retry(jobId: number): void {
    this.queue.retry(jobId);
    this.runner.kick();
  }

  /** Forgets the jobs of items being purged. */
  forget(nodeIds: string[]): void {
    for (const id of nodeIds) this.queue.removeForNode(id);
  }

  async close(): Promise<void> {
    await this.runner.stop();
    await this.pool.close();
    const ocr = await this.ocrEngine?.catch(() => null);
    await ocr?.close();
    await this.speechProvider?.close?.();
  }

  private stepDTO(s: StepState): StepStateDTO {
    const def = stepNamed(s.step);
    const waiting = s.status === 'queued' ? def?.waitingFor?.(this) ?? null : null;
    return {
      jobId: s.jobId,
      step: s.step,
      label: def?.label ?? s.step,
      status: waiting ? 'waiting' : s.status,
      attempts: s.attempts,
      progress: s.progress,
      error: waiting ?? s.error,
      updatedAt: s.updatedAt,
    };
  }

  /** Registers the steps that can run now; a step waiting for setup stays queued, unclaimed. */
  private registerRunnableSteps(): void {
    for (const def of STEPS) {
      const runnable = !def.waitingFor?.(this);
      if (runnable && !this.registered.has(def.step)) {
        this.runner.register<IngestPayload, unknown>(def.step, def.version, (payload, ctx) => def.run(payload, ctx, this), {
          apply: (result, payload, job) => (def as StepDef<unknown>).apply(result, payload, job, this),
        });
        this.registered.add(def.step);
      } else if (!runnable && this.registered.has(def.step)) {
        this.runner.unregister(def.step);
        this.registered.delete(def.step);
      }
    }
  }

  private onJobEvent(e: JobEvent): void {
    const nodeId = e.job.nodeId;
    if (!nodeId) return;
    const emit = (status: 'running' | 'done' | 'failed' | 'retrying', extra: { progress?: number; error?: string } = {}) =>
      this.opts.events.emit('media.step', { nodeId, step: e.job.step, status, ...extra });
    switch (e.type) {
      case 'started':
        return emit('running');
      case 'progress':
        return emit('running', { progress: e.fraction });
      case 'done':
        emit('done');
        // The step's apply wrote inside the job's transaction, where the node store stays quiet.
        return this.opts.events.emit('node.changed', { id: nodeId, change: 'updated' });
      case 'retrying':
        return emit('retrying', { error: e.error });
      case 'failed':
        return emit('failed', { error: e.error });
      default:
        return;
    }
  }
}

