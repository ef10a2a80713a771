import { z } from 'zod';

/**
 * Only http(s) base URLs (`z.httpUrl()` would also reject IP literals and `localhost`), without `user:pass@`:
 * fetch refuses to send them, and credentials in a URL end up in error messages and logs.
 */
const BaseUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .refine((url) => !/^[a-z]+:\/\/[^/?#]*@/i.test(url), 'must not contain a user name or password');
const Model = z.string().trim().min(1);

/** USD per million tokens, as the provider bills them. */
export const LlmPricing = z.object({
  inputPerMTok: z.number().nonnegative(),
  outputPerMTok: z.number().nonnegative(),
});
export type LlmPricing = z.output<typeof LlmPricing>;

/** The language-model choice as it arrives from Settings or the API. */
export const LlmConfig = z.discriminatedUnion('provider', [
  /** Nothing configured: callers answer extractively. */
  z.object({ provider: z.literal('none') }),
  /** An Ollama server (`/api/chat`, `/api/tags`). `visionModel` is used for messages with images. */
  z.object({
    provider: z.literal('ollama'),
    baseUrl: BaseUrl.default('http://127.0.0.1:11434'),
    model: Model,
    visionModel: Model.optional(),
  }),
  /** Anything speaking OpenAI's `/v1/chat/completions`: OpenAI, LM Studio, llama.cpp server, vLLM… */
  z.object({
    provider: z.literal('openai'),
    baseUrl: BaseUrl.default('https://api.openai.com/v1'),
    apiKey: z.string().trim().min(1).optional(),
    model: Model,
    visionModel: Model.optional(),
    /** Overrides the built-in price table (see cost.ts), e.g. for a hosted open-weights model. */
    pricing: LlmPricing.optional(),
  }),
]);
/** A validated config, defaults applied. */
export type LlmConfig = z.output<typeof LlmConfig>;
/** What a caller may pass: defaults may be left out. */
export type LlmConfigInput = z.input<typeof LlmConfig>;
export type OllamaConfig = Extract<LlmConfig, { provider: 'ollama' }>;
export type OpenAIConfig = Extract<LlmConfig, { provider: 'openai' }>;

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
  /** JPEG, PNG or WebP bytes, for vision; only on `user` messages. */
  images?: Buffer[];
}

export interface ChatOptions {
  /** Aborting rejects with the signal's reason, unwrapped, and closes the HTTP connection. */
  signal?: AbortSignal;
  /** Upper bound on generated tokens. */
  maxTokens?: number;
  temperature?: number;
  /** Called with each piece of the answer as it streams, in order; the pieces concatenate to `text`. */
  onToken?(text: string): void;
  /**
   * Called on every streamed chunk, answer text or not (a reasoning model's "thinking", the usage chunk): proof
   * of life for the first-token and idle timeouts. Mostly for the resilience layer.
   */
  onChunk?(): void;
  /** What the call is for, e.g. `ask`, `summary`, `describe-image`: for logs and usage accounting, never sent. */
  feature: string;
}

export interface LlmUsage {
  inputTokens: number;
  outputTokens: number;
  /** True when the server did not report counts and they were estimated from the text (chars / 4). */
  estimated: boolean;
}

export interface ChatResult {
  text: string;
  usage: LlmUsage;
  /** As the server reports it: `stop`, `length` (hit `maxTokens`), `content_filter`… */
  finishReason?: string;
  /** The model that answered: `visionModel` for messages with images when one is configured. */
  model: string;
}

export interface LlmModelInfo {
  id: string;
  sizeBytes?: number;
}

export type LlmTestResult = { ok: true; models: number } | { ok: false; message: string };

export interface LlmProvider {
  /** Engine, model and host, e.g. `ollama:llama3.2@127.0.0.1:11434`; also the circuit breaker's key. */
  readonly id: string;
  /** True when text sent to it leaves this machine (the host is not loopback). */
  readonly isRemote: boolean;
  readonly model: string;
  /** Streams an answer; rejects with an `LlmError` (or the caller's abort reason). */
  chat(messages: ChatMessage[], opts: ChatOptions): Promise<ChatResult>;
  listModels(opts?: { signal?: AbortSignal }): Promise<LlmModelInfo[]>;
  /** For Settings' "Test connection": never rejects. */
  test(opts?: { signal?: AbortSignal }): Promise<LlmTestResult>;
  /** Aborts calls in flight; later calls fail with a retryable `unavailable` error. */
  close(): Promise<void>;
}
