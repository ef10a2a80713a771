import { z } from 'zod';

/**
 * Only http(s) base URLs (`z.httpUrl()` would also reject IP literals and `localhost`), without `user:pass@`,
 * which fetch refuses to send.
 */
const BaseUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .refine((url) => !/^[a-z]+:\/\/[^/?#]*@/i.test(url), 'must not contain a user name or password');
/** An ISO 639-1/3 code such as `en` or `de`; `auto` asks the model to detect it (the default anyway). */
const Language = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(auto|[a-z]{2,3})$/, 'must be a language code such as "en", or "auto"');

/** The speech-to-text choice as it arrives from Settings or the API. */
export const SpeechConfig = z.discriminatedUnion('provider', [
  /** Nothing configured: transcription jobs stay queued until a provider is set up. */
  z.object({ provider: z.literal('none') }),
  /** Any OpenAI-compatible POST {baseUrl}/audio/transcriptions: OpenAI, faster-whisper-server, LocalAI, Groq… */
  z.object({
    provider: z.literal('openai'),
    baseUrl: BaseUrl.default('https://api.openai.com/v1'),
    apiKey: z.string().trim().min(1).optional(),
    model: z.string().trim().min(1).default('whisper-1'),
    language: Language.optional(),
  }),
  /** whisper.cpp's `examples/server` (whisper-server), POST {baseUrl}/inference. The model is chosen server-side. */
  z.object({
    provider: z.literal('whisper-cpp'),
    baseUrl: BaseUrl,
    language: Language.optional(),
  }),
]);
/** A validated config, defaults applied. */
export type SpeechConfig = z.output<typeof SpeechConfig>;
/** What a caller may pass: defaults may be left out. */
export type SpeechConfigInput = z.input<typeof SpeechConfig>;

export interface TranscriptSegment {
  /** Seconds from the start of the whole recording (of the chunk, when returned by a provider). */
  startSec: number;
  endSec: number;
  text: string;
}

export interface Transcript {
  text: string;
  /** As the model reports it, e.g. `english` (whisper reports full names) or `en`. */
  language?: string;
  segments: TranscriptSegment[];
}

export interface TranscribeOptions {
  /** Aborting rejects with the signal's reason, unwrapped, and drops the HTTP request. */
  signal?: AbortSignal;
  /** Overrides the configured language for this call. */
  language?: string;
}

export interface SpeechProvider {
  /** Identity of engine + model, e.g. `openai:whisper-1@api.openai.com` or `whisper-cpp@127.0.0.1:8080`. */
  readonly id: string;
  /** True when audio leaves this machine (the host is not loopback). */
  readonly isRemote: boolean;
  /** Transcribes one WAV; segment times are relative to the start of this WAV. */
  transcribe(wav: Buffer, opts?: TranscribeOptions): Promise<Transcript>;
  /** Aborts requests in flight; later calls fail with a retryable `unavailable` error. */
  close?(): Promise<void>;
}

/** A piece of a longer recording: a 16 kHz mono 16-bit PCM WAV starting `startSec` into it. */
export interface SpeechChunk {
  startSec: number;
  wav: Buffer;
}
