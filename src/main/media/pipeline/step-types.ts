import type { Db } from '../../db/connection';
import type { NodeStore } from '../../library/nodes';
import type { JobContext } from '../../jobs/job-runner';
import type { ClaimedJob } from '../../jobs/job-queue';
import type { BlobStore } from '../blob-store';
import type { MediaKind, MediaSettings } from '../../../shared/media-schemas';
import type { TakeoutSidecar } from '../photo';
import type { MediaItems } from './media-items';
import type { MediaWorkerPool } from './worker-pool';
import type { OcrEngine } from '../ocr';
import type { SpeechProvider } from '../../ai/speech';

/** What every step's job carries: the item's bytes by hash, and what the uploader said about the file. */
export interface IngestPayload {
  sha256: string;
  mime: string;
  fileName: string;
  hints: {
    clientOffsetMinutes?: number;
    uploadTime?: string;
    fileModifiedAt?: string;
    sidecar?: TakeoutSidecar;
  };
}

/** The parts of the engine a step may use. */
export interface StepEnv {
  db: Db;
  nodes: NodeStore;
  items: MediaItems;
  blobs: BlobStore;
  settings(): MediaSettings;
  pool: MediaWorkerPool;
  ocr(): Promise<OcrEngine>;
  /** The configured speech provider, or null when none is (transcription then waits). */
  speech(): SpeechProvider | null;
  /** Where a blob (an original, or a preview a step made) is on disk. */
  blobPath(sha256: string): string;
  /** Queues the steps that run on `step`'s output, given the payload naming that output. */
  enqueueAfter(step: string, nodeId: string, kind: MediaKind, payload: IngestPayload): void;
}

export interface StepDef<R = unknown> {
  step: string;
  /** Bump when the step's output changes: items are then processed again by the new version. */
  version: number;
  /** Shown in the item's step list. */
  label: string;
  kinds: readonly MediaKind[];
  /** A pure computation of the item's bytes (cached by content hash), run by the job runner. */
  run(payload: IngestPayload, ctx: JobContext, env: StepEnv): Promise<R>;
  /** Writes the result into the library, inside the transaction that marks the job done. */
  apply(result: R, payload: IngestPayload, job: ClaimedJob, env: StepEnv): void;
  /**
   * Runs on another step's output instead of the original: queued when that step completes, with the
   * payload's sha256 naming the blob it made (a photo's 1600 px preview: no second HEIC decode, and OCR
   * and vision never need more pixels than that).
   */
  after?: { step: string };
  /** The media setting that turns this optional step off. */
  optional?: keyof MediaSettings['steps'];
  /** Why the step cannot run now (it stays queued meanwhile), or null when it can. */
  waitingFor?(env: StepEnv): string | null;
}

export const defineStep = <R>(def: StepDef<R>): StepDef<R> => def;
