import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { Embedder } from './types';

/** Shared HTTP plumbing of the Ollama and OpenAI-compatible embedders. */

export interface HttpOptions {
  /** Per attempt. Default 60 s: a cold Ollama model can take a while to load. */
  timeoutMs?: number;
  /** Extra attempts after a network error, timeout, 429 or 5xx. Default 2. */
  retries?: number;
  /** First backoff delay, doubled on each retry. Default 500 ms. */
  retryDelayMs?: number;
  /** Texts per request. Default 64. */
  batchSize?: number;
}

interface PostOptions extends HttpOptions {
  /** Names the service in error messages, e.g. "Ollama". */
  service: string;
  headers?: Record<string, string>;
  /** Aborts the request without retrying, e.g. when the embedder is closed. */
  signal?: AbortSignal;
}

/** POSTs JSON and validates the reply; retries only failures that a later attempt can fix. */
export async function postJson<T>(url: string, body: unknown, schema: z.ZodType<T>, options: PostOptions): Promise<T> {
  const { service, timeoutMs = 60_000, retries = 2, retryDelayMs = 500 } = options;
  const prefix = `${service} embedding request to ${url} failed`;
  for (let attempt = 0; ; attempt++) {
    let failure: string;
    try {
      const signals = [AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])];
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        body: JSON.stringify(body),
        signal: AbortSignal.any(signals),
      });
      if (response.ok) return parseReply(await response.text(), schema, `${service} reply from ${url}`);
      const detail = (await response.text().catch(() => '')).trim().slice(0, 300);
      failure = `${prefix}: HTTP ${response.status} ${response.statusText}${detail ? `: ${detail}` : ''}`;
      if (response.status < 500 && response.status !== 429) throw new Error(failure);
    } catch (error) {
      if (options.signal?.aborted) throw new Error(`${prefix}: the embedder was closed`);
      if (!(error instanceof TypeError || (error instanceof DOMException && error.name === 'TimeoutError'))) throw error;
      failure = `${prefix}: ${describeFetchError(error, timeoutMs)}`;
    }
    if (attempt >= retries) throw new Error(`${failure} (${attempt + 1} attempt${attempt ? 's' : ''})`);
    await sleep(retryDelayMs * 2 ** attempt, undefined, { signal: options.signal }).catch(() => {});
  }
}

function parseReply<T>(text: string, schema: z.ZodType<T>, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${what} is not JSON: ${text.slice(0, 200)}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`${what} has an unexpected shape:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** fetch reports network failures as TypeError("fetch failed") with the socket error as its cause. */
function describeFetchError(error: Error, timeoutMs: number): string {
  if (error.name === 'TimeoutError') return `no reply within ${timeoutMs} ms`;
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? error.message;
}

/** Batches texts, checks the provider's counts and lengths, and L2-normalises what it returns. */
export class RemoteEmbedder implements Embedder {
  private readonly closing = new AbortController();

  constructor(
    readonly id: string,
    readonly dimensions: number,
    private readonly request: (texts: string[], signal: AbortSignal) => Promise<number[][]>,
    private readonly service: string,
    private readonly batchSize = 64,
  ) {}

  async embed(texts: string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.batchSize) {
      const batch = texts.slice(start, start + this.batchSize);
      const vectors = await this.request(batch, this.closing.signal);
      if (vectors.length !== batch.length) {
        throw new Error(`${this.service} returned ${vectors.length} embeddings for ${batch.length} texts`);
      }
      for (const v of vectors) {
        if (v.length !== this.dimensions) {
          throw new Error(`${this.service} returned a ${v.length}-d embedding, expected ${this.dimensions}-d (${this.id})`);
        }
        out.push(unitVector(v));
      }
    }
    return out;
  }

  async close(): Promise<void> {
    this.closing.abort();
  }
}

function unitVector(values: number[]): Float32Array {
  const norm = Math.hypot(...values) || 1;
  return Float32Array.from(values, (x) => x / norm);
}
