/** The speech-to-text choice: the contract Settings, the API and the engine share. */
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
