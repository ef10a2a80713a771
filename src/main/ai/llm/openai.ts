import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { z } from 'zod';
import { clip, redactSecrets, statusReason } from '../http-errors';
import {
  anySignal,
  checkMessages,
  estimateUsage,
  formatMs,
  httpProvider,
  imageMime,
  networkFailure,
  pickModel,
  retryAfterMs,
  testFailure,
} from './common';
import { LlmError } from './errors';
import type { ChatMessage, ChatOptions, ChatResult, LlmModelInfo, LlmProvider, LlmTestResult, OpenAIConfig } from './types';

export interface OpenAIProviderOptions {
  /**
   * The SDK's own timeout, which only covers the wait for response headers. Default 10 min: the resilience
   * layer's first-token and total timeouts are the ones that matter.
   */
  timeoutMs?: number;
  /** Replaces the global fetch, e.g. to route through a proxy. */
  fetch?: typeof fetch;
}

const isOpenAI = (baseUrl: string) => new URL(baseUrl).hostname === 'api.openai.com';

export const openaiLabel = (baseUrl: string) =>
  `${isOpenAI(baseUrl) ? 'OpenAI' : 'OpenAI-compatible server'} at ${baseUrl.replace(/\/+$/, '')}`;

/** A non-streamed completion: what a server that ignores `stream: true` sends instead. */
const Completion = z.object({
  choices: z
    .array(z.object({ message: z.object({ content: z.string().nullish() }), finish_reason: z.string().nullish() }))
    .min(1),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number() }).nullish(),
});

type Part = OpenAI.ChatCompletionContentPart;

function toWire(m: ChatMessage): OpenAI.ChatCompletionMessageParam {
  if (m.role !== 'user' || !m.images?.length) return { role: m.role, content: m.content };
  const images: Part[] = m.images.map((image) => {
    const bytes = Buffer.from(image.buffer, image.byteOffset, image.byteLength);
    return { type: 'image_url', image_url: { url: `data:${imageMime(bytes)};base64,${bytes.toString('base64')}` } };
  });
  return { role: 'user', content: [...(m.content ? [{ type: 'text' as const, text: m.content }] : []), ...images] };
}

/**
 * Anything speaking `/v1/chat/completions` (OpenAI, LM Studio, llama.cpp server, vLLM, Ollama's /v1), streamed
 * as SSE through the official `openai` SDK. Optional parameters a server refuses with a 400 are dropped (or
 * renamed) and the request sent again, once each, and remembered: older servers reject `stream_options`, and
 * OpenAI's reasoning models reject `max_tokens` and any `temperature`.
 */
export function createOpenAIProvider(config: OpenAIConfig, opts: OpenAIProviderOptions = {}): LlmProvider {
  const baseUrl = config.baseUrl.replace(/\/+$/, '');
  const label = openaiLabel(baseUrl);
  const timeoutMs = opts.timeoutMs ?? 10 * 60_000;
  const closing = new AbortController();
  const client = new OpenAI({
    baseURL: baseUrl,
    apiKey: config.apiKey ?? 'not-needed',
    // Explicit nulls: the SDK would otherwise read OPENAI_ORG_ID / OPENAI_PROJECT_ID / OPENAI_ADMIN_KEY from the
    // environment and send them along, to whatever server this is.
    organization: null,
    project: null,
    adminAPIKey: null,
    maxRetries: 0, // resilience.ts retries, and never after text has streamed
    timeout: timeoutMs,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  const tuning = {
    streamOptions: true,
    temperature: true,
    tokenParam: (isOpenAI(baseUrl) ? 'max_completion_tokens' : 'max_tokens') as 'max_tokens' | 'max_completion_tokens',
    tokenParamSwitched: false,
  };
  const redact = (text: string) => redactSecrets(text, config.apiKey);

  function explain(error: unknown, signal: AbortSignal | undefined): unknown {
    if (signal?.aborted) return signal.reason;
    if (closing.signal.aborted) return new LlmError('unavailable', `${label}: the provider was closed`);
    if (error instanceof LlmError) return error;
    if (error instanceof APIConnectionTimeoutError) return new LlmError('timeout', `${label} sent no reply within ${formatMs(timeoutMs)}`);
    if (error instanceof APIConnectionError) {
      return networkFailure(label, error.cause) ?? new LlmError('unavailable', `${label} is not reachable (${error.message})`);
    }
    if (error instanceof APIError) {
      const body = error.error as { message?: unknown } | undefined;
      const message = clip(typeof body?.message === 'string' ? body.message : error.message.replace(/^\d{3}\s+/, ''));
      if (error.status === undefined) {
        // An `{"error": …}` event in the middle of the stream.
        return new LlmError('unavailable', redact(`${label} reported an error mid-answer: ${message}`));
      }
      const wait = retryAfterMs(error.headers?.get('retry-after'));
      return new LlmError(statusReason(error.status), redact(`${label} answered HTTP ${error.status}: ${message}`), {
        httpStatus: error.status,
        ...(wait !== undefined ? { retryAfterMs: wait } : {}),
      });
    }
    if (error instanceof SyntaxError) return new LlmError('bad_response', `${label} streamed an event that is not JSON`);
    return networkFailure(label, error) ?? error;
  }

  /** Adjusts `tuning` after a 400 about an optional parameter; false when there is nothing left to try. */
  function adapt(error: unknown, chatOpts: ChatOptions): boolean {
    if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422)) return false;
    const message = error.message;
    if (tuning.streamOptions && /stream_options|include_usage/i.test(message)) return !(tuning.streamOptions = false);
    if (chatOpts.temperature !== undefined && tuning.temperature && /temperature/i.test(message)) return !(tuning.temperature = false);
    if (chatOpts.maxTokens !== undefined && !tuning.tokenParamSwitched && /max_tokens|max_completion_tokens/i.test(message)) {
      tuning.tokenParam = tuning.tokenParam === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens';
      return (tuning.tokenParamSwitched = true);
    }
    return false;
  }

  async function attempt(messages: ChatMessage[], model: string, chatOpts: ChatOptions, signal: AbortSignal): Promise<ChatResult> {
    const params: OpenAI.ChatCompletionCreateParamsStreaming = {
      model,
      stream: true,
      messages: messages.map(toWire),
      ...(tuning.streamOptions ? { stream_options: { include_usage: true } } : {}),
      ...(chatOpts.temperature !== undefined && tuning.temperature ? { temperature: chatOpts.temperature } : {}),
      ...(chatOpts.maxTokens !== undefined ? { [tuning.tokenParam]: chatOpts.maxTokens } : {}),
    };
    const { data: stream, response } = await client.chat.completions.create(params, { signal }).withResponse();

    const type = response.headers.get('content-type') ?? '';
    if (!/text\/event-stream/i.test(type)) {
      // The SDK would parse a JSON body as an SSE stream with no events, i.e. an empty answer.
      if (!/json/i.test(type)) throw new LlmError('bad_response', `${label} answered with ${type || 'no content-type'}, not a completion`);
      const parsed = Completion.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success) throw new LlmError('bad_response', `${label} answered with JSON that is not a chat completion`);
      const [choice] = parsed.data.choices;
      const text = choice?.message.content ?? '';
      chatOpts.onChunk?.();
      if (text) chatOpts.onToken?.(text);
      const usage = parsed.data.usage;
      return {
        text,
        usage: usage ? { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens, estimated: false } : estimateUsage(messages, text),
        ...(choice?.finish_reason ? { finishReason: choice.finish_reason } : {}),
        model,
      };
    }

    let text = '';
    let chunks = 0;
    let finishReason: string | undefined;
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      chunks++;
      chatOpts.onChunk?.();
      // The usage chunk has `choices: []`; some servers omit `choices` on it altogether.
      const choice = chunk.choices?.[0];
      const piece = choice?.delta?.content;
      if (piece) {
        text += piece;
        chatOpts.onToken?.(piece);
      }
      if (choice?.finish_reason) finishReason = choice.finish_reason;
      if (chunk.usage) usage = chunk.usage;
    }
    // The SDK ends an aborted stream quietly, as if the answer were complete.
    signal.throwIfAborted();
    if (!chunks) throw new LlmError('bad_response', `${label} sent an event stream without any completion chunk`);
    return {
      text,
      usage:
        usage && typeof usage.prompt_tokens === 'number' && typeof usage.completion_tokens === 'number'
          ? { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens, estimated: false }
          : estimateUsage(messages, text),
      ...(finishReason ? { finishReason } : {}),
      model,
    };
  }

  async function chat(messages: ChatMessage[], chatOpts: ChatOptions): Promise<ChatResult> {
    checkMessages(messages, label);
    chatOpts.signal?.throwIfAborted();
    const model = pickModel(config, messages);
    // Aborted once the call returns: an early exit (a throwing onToken) must not leave the stream running.
    const done = new AbortController();
    const signal = anySignal(chatOpts.signal, closing.signal, done.signal)!;
    let streamed = false;
    let callbackError: unknown;
    const watched: ChatOptions = {
      ...chatOpts,
      onToken(piece) {
        streamed = true;
        try {
          chatOpts.onToken?.(piece);
        } catch (error) {
          callbackError = error;
          throw error;
        }
      },
    };
    try {
      for (;;) {
        try {
          return await attempt(messages, model, watched, signal);
        } catch (error) {
          if (streamed || signal.aborted || !adapt(error, chatOpts)) throw error;
        }
      }
    } catch (error) {
      throw error === callbackError ? error : explain(error, chatOpts.signal);
    } finally {
      done.abort();
    }
  }

  async function listModels(listOpts: { signal?: AbortSignal } = {}): Promise<LlmModelInfo[]> {
    try {
      const { data: page, response } = await client.models.list({ signal: anySignal(listOpts.signal, closing.signal) ?? null }).withResponse();
      // The SDK turns any 200 (a web page, too) into an empty list.
      const type = response.headers.get('content-type') ?? '';
      if (!/json/i.test(type)) throw new LlmError('bad_response', `${label} answered with ${type || 'no content-type'}, not a model list`);
      return page.data.map((m) => ({ id: m.id }));
    } catch (error) {
      throw explain(error, listOpts.signal);
    }
  }

  async function test(testOpts: { signal?: AbortSignal } = {}): Promise<LlmTestResult> {
    try {
      // No check that `model` is listed: llama.cpp lists file names, LM Studio loads models on demand.
      return { ok: true, models: (await listModels(testOpts)).length };
    } catch (error) {
      return testFailure(error);
    }
  }

  return httpProvider('openai', config.model, baseUrl, closing, { chat, listModels, test });
}
