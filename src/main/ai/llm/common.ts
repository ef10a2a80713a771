import { fetchErrorDetail, redactSecrets, serverMessage, statusReason } from '../http-errors';
import { LlmError } from './errors';
import { isLoopback } from '../../../shared/loopback';
import type { ChatMessage, LlmProvider, LlmTestResult, LlmUsage } from './types';

/** Plumbing shared by the Ollama and OpenAI-compatible providers. */

/** The usual rule of thumb for English text with BPE tokenisers; only used when the server reports nothing. */
export const estimateTokens = (text: string) => Math.ceil(text.length / 4);

/** Images are not counted: their token cost depends on the model and is unknowable here. */
export function estimateUsage(messages: ChatMessage[], answer: string): LlmUsage {
  return {
    inputTokens: messages.reduce((sum, m) => sum + estimateTokens(m.content), 0),
    outputTokens: estimateTokens(answer),
    estimated: true,
  };
}

export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp';

/** The image type from its magic bytes; servers need it for data URLs and reject what they cannot decode. */
export function imageMime(bytes: Uint8Array): ImageMime | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

/**
 * Refuses, before anything is sent, what every server would refuse: no messages, images on a non-user message
 * (OpenAI rejects them) or in a format other than JPEG, PNG or WebP.
 */
export function checkMessages(messages: ChatMessage[], label: string): void {
  if (!messages.length) throw new LlmError('rejected', `Nothing to send to ${label}: no messages`);
  messages.forEach((m, i) => {
    m.images?.forEach((image, j) => {
      if (m.role !== 'user') {
        throw new LlmError('rejected', `Message ${i + 1} (${m.role}) has images; only user messages may carry images`);
      }
      if (!imageMime(image)) throw new LlmError('rejected', `Image ${j + 1} of message ${i + 1} is not JPEG, PNG or WebP`);
    });
  });
}

/** `visionModel` when a message carries images and one is configured, else `model`. */
export function pickModel(config: { model: string; visionModel?: string | undefined }, messages: ChatMessage[]): string {
  const vision = messages.some((m) => m.images?.length);
  return vision && config.visionModel ? config.visionModel : config.model;
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date. */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** An HTTP error reply as an `LlmError`, the server's own words included (with secrets redacted). */
export function httpFailure(
  label: string,
  status: number,
  body: string,
  opts: { statusText?: string; retryAfter?: string | null; secret?: string | undefined } = {},
): LlmError {
  const message = serverMessage(body);
  const text = `${label} answered HTTP ${status}${opts.statusText ? ` ${opts.statusText}` : ''}${message ? `: ${message}` : ''}`;
  const wait = retryAfterMs(opts.retryAfter);
  return new LlmError(statusReason(status), redactSecrets(text, opts.secret), {
    httpStatus: status,
    ...(wait !== undefined ? { retryAfterMs: wait } : {}),
  });
}

/**
 * Node's fetch (undici) reports network failures as TypeError("fetch failed") with the socket error as its
 * cause, and a connection dropped while the body streams as TypeError("terminated").
 */
export function networkFailure(label: string, error: unknown): LlmError | undefined {
  if (!(error instanceof TypeError)) return undefined;
  const detail = fetchErrorDetail(error);
  if (error.message === 'terminated') return new LlmError('unavailable', `${label} closed the connection mid-answer (${detail})`);
  return new LlmError('unavailable', `${label} is not reachable (${detail})`);
}

export function formatMs(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

/** What "Test connection" says when the server could not be used: the error's message (`test` never rejects). */
export function testFailure(error: unknown): LlmTestResult {
  return { ok: false, message: error instanceof Error ? error.message : String(error) };
}

/**
 * The provider object of the Ollama and OpenAI-compatible providers: `engine:model@host`, remote unless the host
 * is loopback, and a `close` that aborts `closing`, which every call listens to.
 */
export function httpProvider(
  engine: 'ollama' | 'openai',
  model: string,
  baseUrl: string,
  closing: AbortController,
  calls: Pick<LlmProvider, 'chat' | 'listModels' | 'test'>,
): LlmProvider {
  return {
    id: `${engine}:${model}@${new URL(baseUrl).host}`,
    isRemote: !isLoopback(baseUrl),
    model,
    ...calls,
    async close() {
      closing.abort();
    },
  };
}

/** Combines optional signals; `AbortSignal.any` keeps the reason of the first one to abort. */
export function anySignal(...signals: (AbortSignal | null | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => !!s);
  return present.length <= 1 ? present[0] : AbortSignal.any(present);
}
