/**
 * A fixed number of tesseract workers, each started on first use and kept. tesseract.js's own scheduler cannot
 * drop a queued job when its caller gives up, nor stop a running one, nor wait for its threads to end on
 * terminate; this small pool does all three.
 */
import type Tesseract from 'tesseract.js';
import { describe, OcrError } from './errors';
import { threadOf } from './tesseract';

export type StartWorker = () => Promise<Tesseract.Worker>;

export const closedError = () => new Error('the OCR engine is closed');

/** One worker slot: the worker is started on first use and started again after it was stopped or died. */
export class Slot {
  private worker?: Promise<Tesseract.Worker>;
  private stopJob?: (reason: unknown) => void;
  private closed = false;

  constructor(private readonly start: StartWorker) {}

  /** Tesseract's words for `image` as TSV (see paragraphsFromTsv). */
  async recognizeTsv(image: Uint8Array, signal?: AbortSignal): Promise<string> {
    if (this.closed) throw closedError();
    const worker = await untilAborted(this.ready(), signal);
    if (this.closed) throw closedError(); // closed while the worker was starting
    return new Promise<string>((resolve, reject) => {
      let settled = false;
      const settle = (finish: () => void) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        this.stopJob = undefined;
        finish();
      };
      // tesseract cannot interrupt a job, so giving up ends the thread; the next job starts a fresh one.
      const stop = (reason: unknown) => {
        void this.discard();
        settle(() => reject(reason));
      };
      const onAbort = () => stop(signal?.reason);
      this.stopJob = stop;
      signal?.addEventListener('abort', onAbort, { once: true });
      // tesseract.js accepts a Uint8Array like a Buffer; its typings only list Buffer.
      worker.recognize(image as Buffer, {}, { text: false, tsv: true }).then(
        (result) => settle(() => resolve(result.data.tsv ?? '')),
        (error: unknown) => settle(() => reject(new OcrError('ocr_failed', `tesseract could not read the image: ${describe(error)}`))),
      );
    });
  }

  /** Fails the running job, if any, and ends the worker thread. */
  async close(): Promise<void> {
    this.closed = true;
    this.stopJob?.(closedError());
    await this.discard();
  }

  private ready(): Promise<Tesseract.Worker> {
    if (this.worker) return this.worker;
    const starting = this.start().then((worker) => {
      const thread = threadOf(worker);
      let crash: unknown;
      // An 'error' event without a listener would be rethrown in the main thread and end the process.
      thread?.on('error', (error) => (crash = error));
      thread?.once('exit', (code) => {
        if (this.worker !== starting) return; // ended on purpose
        this.worker = undefined;
        this.stopJob?.(new OcrError('ocr_failed', `the OCR worker stopped unexpectedly (${crash ? describe(crash) : `exit code ${code}`})`));
      });
      return worker;
    });
    this.worker = starting;
    // A failed start is reported to this job; the next one tries again.
    starting.catch(() => {
      if (this.worker === starting) this.worker = undefined;
    });
    return starting;
  }

  private async discard(): Promise<void> {
    const starting = this.worker;
    this.worker = undefined;
    const worker = await starting?.catch(() => undefined);
    if (!worker) return;
    const thread = threadOf(worker);
    await worker.terminate().catch(() => undefined);
    // tesseract.js's terminate does not wait for the thread; close() should mean no thread is left.
    await thread?.terminate().catch(() => undefined);
  }
}

interface Waiter {
  grant(slot: Slot): void;
  fail(reason: unknown): void;
}

export class WorkerPool {
  private readonly free: Slot[];
  private readonly busy = new Set<Slot>();
  private readonly waiting: Waiter[] = [];
  private closed = false;

  constructor(size: number, start: StartWorker) {
    this.free = Array.from({ length: size }, () => new Slot(start));
  }

  /** Runs `work` with a slot of its own, waiting for one when all are busy. */
  async use<T>(signal: AbortSignal | undefined, work: (slot: Slot) => Promise<T>): Promise<T> {
    const slot = await this.acquire(signal);
    try {
      return await work(slot);
    } finally {
      this.release(slot);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.fail(closedError());
    await Promise.all([...this.free, ...this.busy].map((slot) => slot.close()));
  }

  private acquire(signal?: AbortSignal): Promise<Slot> {
    if (this.closed) return Promise.reject(closedError());
    if (signal?.aborted) return Promise.reject(signal.reason);
    // The most recently released slot first: its worker is warm, and a quiet engine keeps a single thread.
    const slot = this.free.pop();
    if (slot) {
      this.busy.add(slot);
      return Promise.resolve(slot);
    }
    return new Promise<Slot>((resolve, reject) => {
      const onAbort = () => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        grant: (granted) => {
          signal?.removeEventListener('abort', onAbort);
          this.busy.add(granted);
          resolve(granted);
        },
        fail: (reason) => {
          signal?.removeEventListener('abort', onAbort);
          reject(reason);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  private release(slot: Slot): void {
    this.busy.delete(slot);
    if (this.closed) return;
    const next = this.waiting.shift();
    if (next) next.grant(slot);
    else this.free.push(slot);
  }
}

/** `work`, or the signal's reason as soon as it aborts (the work itself carries on). */
export function untilAborted<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
