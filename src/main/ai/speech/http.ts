import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { clip, fetchErrorDetail, redactSecret, serverMessage, statusReason } from '../http-errors';
import { SpeechError, type SpeechFailure } from './errors';
import type { SpeechProvider, TranscribeOptions, Transcript, TranscriptSegment } from './types';
import { isLoopback } from '../../../shared/loopback';
import { wavDurationSec } from './wav';

/** Shared multipart plumbing of the OpenAI-compatible and whisper.cpp providers. */

export interface SpeechHttpOptions {
  /** Per chunk and attempt. Default 5 min: a CPU-only server can take a while on a long chunk. */
  timeoutMs?: number;
  /** Extra attempts after a connection failure, 429 or 5xx (not after a timeout). Default 2. */
  retries?: number;
  /** First backoff delay, doubled on each retry. Default 1 s. */
  retryDelayMs?: number;
}

export type ResponseFormat = 'verbose_json' | 'json';

export interface HttpSpeechSpec {
  id: string;
  /** Names the service in messages, e.g. "OpenAI". */
  service: string;
  /** The full endpoint URL. */
  url: string;
  headers?: Record<string, string>;
  /** Redacted from error messages should a server echo it. */
  secret?: string;
  /** Multipart text fields besides `file`. */
  fields(format: ResponseFormat, language: string | undefined): Record<string, string>;
  /** Whether a 400 about `response_format` means "this model cannot do verbose_json": retry with `json`. */
  formatFallback?: boolean;
}

/** The subset of a verbose_json reply used here; `json` replies have only `text`. Unknown keys are dropped. */
const Reply = z.object({
  text: z.string(),
  language: z.string().nullish(),
  duration: z.number().nonnegative().nullish(),
  segments: z
    .array(z.object({ start: z.number().nonnegative().nullish(), end: z.number().nonnegative().nullish(), text: z.string() }))
    .nullish(),
});

type Attempt =
  | { ok: true; body: string; contentType: string }
  | { ok: false; reason: SpeechFailure; status?: number; detail: string };

export function createHttpSpeechProvider(spec: HttpSpeechSpec, http: SpeechHttpOptions = {}): SpeechProvider {
  const { timeoutMs = 5 * 60_000, retries = 2, retryDelayMs = 1000 } = http;
  const closing = new AbortController();
  let format: ResponseFormat = 'verbose_json';
  const prefix = `${spec.service} transcription request to ${spec.url} failed`;
  const redact = (text: string) => redactSecret(text, spec.secret);

  async function attempt(wav: Buffer, opts: TranscribeOptions): Promise<Attempt> {
    const form = new FormData();
    // A copy: Blob wants an ArrayBuffer-backed view and a Buffer may sit on a shared pool.
    form.append('file', new Blob([new Uint8Array(wav)], { type: 'audio/wav' }), 'audio.wav');
    for (const [name, value] of Object.entries(spec.fields(format, opts.language))) form.append(name, value);

    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = AbortSignal.any([timeout, closing.signal, ...(opts.signal ? [opts.signal] : [])]);
    try {
      const response = await fetch(spec.url, { method: 'POST', headers: spec.headers, body: form, signal });
      const body = await response.text();
      if (response.ok) return { ok: true, body, contentType: response.headers.get('content-type') ?? '' };
      const message = serverMessage(body);
      return {
        ok: false,
        reason: statusReason(response.status),
        status: response.status,
        detail: `HTTP ${response.status} ${response.statusText}${message ? `: ${message}` : ''}`,
      };
    } catch (error) {
      if (opts.signal?.aborted) throw opts.signal.reason;
      if (closing.signal.aborted) return { ok: false, reason: 'unavailable', detail: 'the provider was closed' };
      if (timeout.aborted) return { ok: false, reason: 'timeout', detail: `no reply within ${formatMs(timeoutMs)}` };
      if (error instanceof TypeError) return { ok: false, reason: 'unavailable', detail: fetchErrorDetail(error) };
      throw error;
    }
  }

  async function transcribe(wav: Buffer, opts: TranscribeOptions = {}): Promise<Transcript> {
    opts.signal?.throwIfAborted();
    for (let n = 1; ; n++) {
      const result = await attempt(wav, opts);
      if (result.ok) return parseReply(result.body, result.contentType, wav, `${spec.service} reply from ${spec.url}`);

      if (spec.formatFallback && format === 'verbose_json' && result.status === 400 && /response_format|verbose_json/i.test(result.detail)) {
        format = 'json'; // e.g. gpt-4o-transcribe: "response_format 'verbose_json' is not compatible with model"
        n--;
        continue;
      }
      const retry = result.reason === 'unavailable' && n <= retries && !closing.signal.aborted;
      if (!retry) {
        const tries = n > 1 ? ` (${n} attempts)` : '';
        throw new SpeechError(result.reason, redact(`${prefix}: ${result.detail}${tries}`), result.status);
      }
      try {
        const stop = AbortSignal.any([closing.signal, ...(opts.signal ? [opts.signal] : [])]);
        await sleep(retryDelayMs * 2 ** (n - 1), undefined, { signal: stop });
      } catch {
        if (opts.signal?.aborted) throw opts.signal.reason;
        throw new SpeechError('unavailable', `${prefix}: the provider was closed`);
      }
    }
  }

  return {
    id: spec.id,
    isRemote: !isLoopback(spec.url),
    transcribe,
    async close() {
      closing.abort();
    },
  };
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/**
 * A 2xx reply as a chunk-relative transcript. JSON (verbose_json or json) is validated; a `text/plain` body
 * is the transcript itself. A reply without segments gets one spanning the chunk.
 */
export function parseReply(body: string, contentType: string, wav: Buffer, what: string): Transcript {
  const looksJson = /json/i.test(contentType) || body.trimStart().startsWith('{');
  if (!looksJson && !/^text\/plain/i.test(contentType)) {
    throw new SpeechError('bad_response', `${what} is neither JSON nor text (content-type ${contentType || 'missing'}): ${clip(body)}`);
  }
  let reply: z.output<typeof Reply>;
  if (looksJson) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new SpeechError('bad_response', `${what} is not valid JSON: ${clip(body)}`);
    }
    const parsed = Reply.safeParse(json);
    if (!parsed.success) {
      throw new SpeechError('bad_response', `${what} has an unexpected shape:\n${z.prettifyError(parsed.error)}`);
    }
    reply = parsed.data;
  } else {
    reply = { text: body };
  }

  const duration = reply.duration ?? wavDurationSec(wav);
  const scale = timeScale(reply.segments ?? [], duration);
  const segments: TranscriptSegment[] = [];
  for (const s of reply.segments ?? []) {
    const text = s.text.trim();
    if (!text) continue;
    const startSec = (s.start ?? 0) * scale;
    const endSec = s.end == null ? (duration ?? startSec) : s.end * scale;
    segments.push({ startSec: ms(startSec), endSec: ms(Math.max(startSec, endSec)), text });
  }
  const text = reply.text.trim();
  if (!segments.length && text) segments.push({ startSec: 0, endSec: ms(duration ?? 0), text });
  return { text, ...(reply.language ? { language: reply.language } : {}), segments };
}

/**
 * Seconds per unit of the segment times. Always 1 except for LocalAI, whose Go server serialises segment
 * times as `time.Duration`, i.e. integer nanoseconds: recognised by times far past the audio's end that fit it
 * once read as nanoseconds.
 */
function timeScale(segments: { start?: number | null; end?: number | null }[], duration: number | undefined): number {
  if (duration === undefined) return 1;
  const times = segments.flatMap((s) => [s.start ?? 0, s.end ?? 0]);
  const latest = Math.max(0, ...times);
  const nanoseconds = times.every(Number.isInteger) && latest > duration * 1000 + 1000 && latest / 1e9 <= duration + 1;
  return nanoseconds ? 1e-9 : 1;
}

/** Rounds to milliseconds: whisper.cpp's centisecond ticks times 0.01 leave float noise (1.2000000000000002). */
export const ms = (seconds: number) => Math.round(seconds * 1000) / 1000;
