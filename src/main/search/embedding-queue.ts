/**
 * Background embedding. Pending work is simply "chunks without a vector from embedder X", so it survives
 * restarts without a separate job table, and a chunk re-chunked away mid-flight is skipped when written.
 * Embedding itself runs in a worker thread (or over HTTP), so requests never wait for it.
 */
import type { EventBus } from '../engine/event-bus';
import { embeddingText } from './chunk-index';
import type { Embedder } from './embedders/types';
import type { VectorStore } from './vector-store';

const BATCH = 128;
/** Progress is counted at most this often: counting a million chunks costs tens of milliseconds. */
const REPORT_EVERY_MS = 500;

export class EmbeddingQueue {
  private readonly targets = new Map<string, Embedder>();
  private running: Promise<void> | null = null;
  private wanted = false;
  private stopped = false;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  /**
   * Per embedder, the highest chunk id known to have its vector. Chunk ids only grow (re-chunking makes new
   * ones), so the next pending chunk is always above it and each batch need not re-scan the embedded ones.
   */
  private readonly cursors = new Map<string, number>();

  constructor(
    private readonly vectors: VectorStore,
    private readonly events: EventBus,
  ) {}

  /** Embedders whose vectors should be kept complete (the active one and, during a switch, the new one). */
  setTargets(embedders: Embedder[]): void {
    // A newly chosen embedder (perhaps one dropped and chosen again) starts from the first chunk.
    for (const id of this.cursors.keys()) if (!embedders.some((e) => e.id === id)) this.cursors.delete(id);
    this.targets.clear();
    for (const e of embedders) this.targets.set(e.id, e);
    this.kick();
  }

  /** New chunks exist: make sure a pass runs. Cheap to call on every write. */
  kick(): void {
    if (this.stopped) return;
    this.wanted = true;
    this.running ??= this.drain().finally(() => {
      this.running = null;
      if (this.wanted && !this.stopped) this.kick();
    });
  }

  /** Resolves once no chunk waits for a vector (or the queue stopped). Used by tests, benches and the CLI. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.idle();
  }

  private async drain(): Promise<void> {
    while (this.wanted && !this.stopped) {
      this.wanted = false;
      for (const embedder of [...this.targets.values()]) {
        try {
          await this.fill(embedder);
          this.failures = 0;
        } catch (err) {
          // Closed by stop() or replaced by a switch: its requests were aborted on purpose, nothing failed.
          if (this.stopped) return;
          if (this.targets.get(embedder.id) !== embedder) continue;
          this.failures++;
          this.events.emit('engine.warning', {
            message: `Embedding with ${embedder.id} failed; keyword search still works and it will be retried.`,
            detail: (err as Error).message,
          });
          // Back off (up to a minute) instead of spinning on a provider that is down.
          const delay = Math.min(60_000, 1000 * 2 ** Math.min(6, this.failures));
          this.retryTimer = setTimeout(() => this.kick(), delay);
          this.retryTimer.unref();
          return;
        }
      }
    }
  }

  private async fill(embedder: Embedder): Promise<void> {
    let worked = false;
    let reported = performance.now();
    for (;;) {
      if (this.stopped || !this.targets.has(embedder.id)) return;
      const batch = this.vectors.pending(embedder.id, BATCH, this.cursors.get(embedder.id) ?? 0);
      if (batch.length === 0) break;
      const vectors = await embedder.embed(batch.map(embeddingText));
      if (this.stopped) return;
      this.vectors.write(embedder.id, batch.map((c, i) => ({ chunkId: c.id, vector: vectors[i]! })));
      this.cursors.set(embedder.id, batch[batch.length - 1]!.id);
      worked = true;
      if (performance.now() - reported > REPORT_EVERY_MS) {
        this.events.emit('index.progress', { embedder: embedder.id, ...this.vectors.counts(embedder.id) });
        reported = performance.now();
      }
    }
    // The closing report, with pending at 0, is what completes a switch and may start the IVF build.
    if (worked) this.events.emit('index.progress', { embedder: embedder.id, ...this.vectors.counts(embedder.id) });
  }
}
