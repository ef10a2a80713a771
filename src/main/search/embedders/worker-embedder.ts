import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../../jobs/spawn-worker';
import type { Embedder, EmbedderConfig } from './types';

/** Embedders whose work is CPU-bound in this process and therefore runs on a worker thread. */
export type LocalEmbedderConfig = Extract<EmbedderConfig, { provider: 'static' | 'onnx' }>;

export interface EmbedWorkerData {
  config: LocalEmbedderConfig;
  /** Overrides where the static model is looked for. */
  staticModelDir?: string;
}

export type EmbedRequest = { requestId: number; texts: string[] };
export type EmbedWorkerMessage =
  | { type: 'ready'; id: string; dimensions: number }
  | { type: 'failed'; message: string }
  | { type: 'result'; requestId: number; vectors: Float32Array[] }
  | { type: 'error'; requestId: number; message: string };

/** Sibling entry with this module's own extension: .ts from source, .js once built. */
const ENTRY = new URL(`./embed-worker${import.meta.url.slice(import.meta.url.lastIndexOf('.'))}`, import.meta.url);

interface Pending {
  resolve: (vectors: Float32Array[]) => void;
  reject: (error: Error) => void;
}

/**
 * Runs a static or ONNX embedder on its own thread so embedding never blocks the event loop. The
 * worker holds the process open only while requests are pending. A crashed worker fails its pending
 * and later requests; create a new embedder to recover.
 */
export class WorkerEmbedder implements Embedder {
  private readonly pending = new Map<number, Pending>();
  private nextRequestId = 0;
  private failure: Error | undefined;

  private constructor(
    private readonly worker: Worker,
    readonly id: string,
    readonly dimensions: number,
  ) {
    worker.on('message', (message: EmbedWorkerMessage) => this.settle(message));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`The embedding worker exited (code ${code})`)));
    worker.unref();
  }

  /** Resolves once the worker has loaded its model; rejects with the worker's load error. */
  static async start(data: EmbedWorkerData): Promise<WorkerEmbedder> {
    const worker = spawnWorker(ENTRY, data);
    try {
      const ready = await firstMessage(worker);
      if (ready.type !== 'ready') throw new Error(ready.type === 'failed' ? ready.message : `unexpected ${ready.type}`);
      return new WorkerEmbedder(worker, ready.id, ready.dimensions);
    } catch (error) {
      await worker.terminate();
      throw error;
    }
  }

  embed(texts: string[]): Promise<Float32Array[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (texts.length === 0) return Promise.resolve([]);
    const requestId = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ requestId, texts } satisfies EmbedRequest);
    });
  }

  async close(): Promise<void> {
    this.fail(new Error(`The embedder ${this.id} is closed`));
    await this.worker.terminate();
  }

  private settle(message: EmbedWorkerMessage): void {
    if (message.type !== 'result' && message.type !== 'error') return;
    const request = this.pending.get(message.requestId);
    if (!request) return;
    this.pending.delete(message.requestId);
    if (this.pending.size === 0) this.worker.unref();
    if (message.type === 'result') request.resolve(message.vectors);
    else request.reject(new Error(message.message));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const request of this.pending.values()) request.reject(this.failure);
    this.pending.clear();
    this.worker.unref();
  }
}

function firstMessage(worker: Worker): Promise<EmbedWorkerMessage> {
  return new Promise((resolve, reject) => {
    const done = () => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    };
    const onMessage = (message: EmbedWorkerMessage) => (done(), resolve(message));
    const onError = (error: Error) => (done(), reject(error));
    const onExit = (code: number) => (done(), reject(new Error(`The embedding worker exited (code ${code}) while starting`)));
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}
