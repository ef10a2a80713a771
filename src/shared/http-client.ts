/** The engine client over HTTP, for the web mode of `engram serve`. */
import type { EngramClient, ImportOptions, ImportResult } from './client';
import type { EngineEventName, EngineEvents } from './events';
import { openEventStream } from './sse';
import { UploadCancelled, uploadFiles, type Transport } from './upload-client';

type Listener = (payload: never) => void;

const STREAM_LINGER_MS = 2000;

export class HttpClient implements EngramClient {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly resyncs = new Set<() => void>();
  /** One stream for every listener, open while any listener is. */
  private closeStream: (() => void) | null = null;
  /** A close waiting out a moment without listeners (components re-mounting), so events are not dropped between. */
  private closing: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly apiKey: string,
    private readonly base = '',
    /** How uploads travel; XMLHttpRequest in a browser (for progress), fetch elsewhere. */
    private readonly uploadTransport?: Transport,
  ) {}

  async importFiles(files: File[], options: ImportOptions = {}): Promise<ImportResult> {
    try {
      return await uploadFiles(files, {
        baseUrl: this.base,
        apiKey: this.apiKey,
        onProgress: options.onProgress,
        signal: options.signal,
        meta: options.meta,
        transport: this.uploadTransport,
      });
    } catch (error) {
      if (error instanceof UploadCancelled) return { ...error.partial, cancelled: true };
      throw error;
    }
  }

  async call<T>(handler: string, input: unknown = {}): Promise<T> {
    const res = await fetch(`${this.base}/api/v1/${handler}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.apiKey}` },
      body: JSON.stringify(input),
    });
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    if (!res.ok) {
      const error = body?.error ?? { code: 'internal', message: `The server answered ${res.status}` };
      throw Object.assign(new Error(error.message), error);
    }
    return body as T;
  }

  on<K extends EngineEventName>(event: K, fn: (payload: EngineEvents[K]) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set.add(fn as Listener));
    clearTimeout(this.closing);
    this.closeStream ??= openEventStream({
      url: `${this.base}/api/v1/events`,
      headers: { authorization: `Bearer ${this.apiKey}` },
      onMessage: (m) => this.dispatch(m.event, m.data),
      onReconnect: () => this.resyncs.forEach((fn) => fn()),
    });
    return () => {
      set.delete(fn as Listener);
      if (![...this.listeners.values()].every((s) => s.size === 0)) return;
      clearTimeout(this.closing);
      this.closing = setTimeout(() => {
        this.closeStream?.();
        this.closeStream = null;
      }, STREAM_LINGER_MS);
    };
  }

  onResync(fn: () => void): () => void {
    this.resyncs.add(fn);
    return () => this.resyncs.delete(fn);
  }

  private dispatch(event: string, data: string): void {
    const set = this.listeners.get(event);
    if (!set?.size) return;
    let payload: never;
    try {
      payload = JSON.parse(data) as never;
    } catch {
      return; // Not one of ours; the server only sends JSON.
    }
    for (const fn of set) fn(payload);
  }
}
