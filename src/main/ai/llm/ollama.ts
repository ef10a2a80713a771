import { Ollama, type ChatResponse } from 'ollama';
import { z } from 'zod';
import { clip } from '../http-errors';
import { anySignal, checkMessages, estimateUsage, httpFailure, httpProvider, networkFailure, pickModel, testFailure } from './common';
import { LlmError } from './errors';
import type { ChatMessage, ChatOptions, ChatResult, LlmModelInfo, LlmProvider, LlmTestResult, OllamaConfig } from './types';

/** `/api/tags`, checked: the SDK returns whatever JSON it gets, and port 11434 may belong to something else. */
export const OllamaTags = z.object({
  models: z.array(z.object({ name: z.string(), size: z.number().nonnegative().optional() })),
});

export const ollamaLabel = (baseUrl: string) => `Ollama at ${baseUrl.replace(/\/+$/, '')}`;

/**
 * A client whose every request honours `signal` and whose HTTP errors are `LlmError`s. Needed because the SDK
 * passes no signal at all to non-streaming calls (`list`), and console.logs while reading non-JSON error bodies.
 */
export function ollamaClient(baseUrl: string, label: string, ...signals: (AbortSignal | undefined)[]): Ollama {
  const guarded: typeof fetch = async (input, init) => {
    const response = await fetch(input, { ...init, signal: anySignal(init?.signal, ...signals) ?? null });
    if (!response.ok) {
      const body = await response.text().catch(() => '');
      throw httpFailure(label, response.status, body, {
        statusText: response.statusText,
        retryAfter: response.headers.get('retry-after'),
      });
    }
    // Something else on the port (a web app): the SDK would skip every line as invalid JSON, warning each time.
    if (/text\/html/i.test(response.headers.get('content-type') ?? '')) {
      await response.body?.cancel().catch(() => {});
      throw new LlmError('bad_response', `${label} answered with a web page; is it Ollama?`);
    }
    return response;
  };
  return new Ollama({ host: baseUrl.replace(/\/+$/, ''), fetch: guarded });
}

/** Ollama's `/api/chat`, streamed as NDJSON, through the official `ollama` client. */
export function createOllamaProvider(config: OllamaConfig): LlmProvider {
  const baseUrl = config.baseUrl.replace(/\/+$/, '');
  const label = ollamaLabel(baseUrl);
  const closing = new AbortController();

  /** Any failure as an `LlmError`; the caller's abort reason as is; a throwing `onToken` as is. */
  function explain(error: unknown, signal: AbortSignal | undefined): unknown {
    if (signal?.aborted) return signal.reason;
    if (closing.signal.aborted) return new LlmError('unavailable', `${label}: the provider was closed`);
    if (error instanceof LlmError) return error;
    const network = networkFailure(label, error);
    if (network) return network;
    if (error instanceof Error && error.constructor === Error) {
      // The SDK's own two plain Errors: a stream cut short, or an {"error": …} line (the model runner failed).
      if (/did not receive done/i.test(error.message)) {
        return new LlmError('unavailable', `${label} ended the stream before the answer was complete`);
      }
      return new LlmError('unavailable', `${label} reported an error: ${clip(error.message)}`);
    }
    if (error instanceof SyntaxError) return new LlmError('bad_response', `${label} sent a reply that is not JSON: ${error.message}`);
    return error;
  }

  async function chat(messages: ChatMessage[], opts: ChatOptions): Promise<ChatResult> {
    checkMessages(messages, label);
    opts.signal?.throwIfAborted();
    const model = pickModel(config, messages);
    // Dropped once the call returns: an early exit (a throwing onToken) must not leave the stream running.
    const done = new AbortController();
    let text = '';
    let final: ChatResponse | undefined;
    let callbackError: unknown;
    try {
      const stream = await ollamaClient(baseUrl, label, opts.signal, closing.signal, done.signal).chat({
        model,
        stream: true,
        // Buffers go in as bytes: the SDK base64-encodes them, whereas strings it may read as file paths.
        messages: messages.map(({ role, content, images }) => ({ role, content, ...(images?.length ? { images } : {}) })),
        options: {
          ...(opts.maxTokens !== undefined ? { num_predict: opts.maxTokens } : {}),
          ...(opts.temperature !== undefined ? { temperature: opts.temperature } : {}),
        },
      });
      for await (const part of stream) {
        opts.onChunk?.();
        const piece = part.message?.content ?? '';
        if (piece) {
          text += piece;
          try {
            opts.onToken?.(piece);
          } catch (error) {
            callbackError = error;
            throw error;
          }
        }
        if (part.done) final = part;
      }
    } catch (error) {
      throw error === callbackError ? error : explain(error, opts.signal);
    } finally {
      done.abort();
    }
    if (!final) throw new LlmError('unavailable', `${label} ended the stream before the answer was complete`);

    // Counts are missing when the server skipped them (e.g. a fully cached prompt): estimate only those.
    const estimate = estimateUsage(messages, text);
    const input = final.prompt_eval_count;
    const output = final.eval_count;
    const counted = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
    return {
      text,
      usage: {
        inputTokens: counted(input) ? input : estimate.inputTokens,
        outputTokens: counted(output) ? output : estimate.outputTokens,
        estimated: !counted(input) || !counted(output),
      },
      ...(final.done_reason ? { finishReason: final.done_reason } : {}),
      model,
    };
  }

  async function listModels(opts: { signal?: AbortSignal } = {}): Promise<LlmModelInfo[]> {
    let reply: unknown;
    try {
      reply = await ollamaClient(baseUrl, label, opts.signal, closing.signal).list();
    } catch (error) {
      throw explain(error, opts.signal);
    }
    const parsed = OllamaTags.safeParse(reply);
    if (!parsed.success) throw new LlmError('bad_response', `${label} sent a model list of an unexpected shape; is it Ollama?`);
    return parsed.data.models.map((m) => ({ id: m.name, ...(m.size !== undefined ? { sizeBytes: m.size } : {}) }));
  }

  async function test(opts: { signal?: AbortSignal } = {}): Promise<LlmTestResult> {
    try {
      const models = await listModels(opts);
      // Unlike OpenAI-compatible servers, Ollama only runs what was pulled: a missing model fails every chat.
      const missing = [config.model, config.visionModel].filter((m): m is string => !!m && !models.some((x) => sameModel(x.id, m)));
      if (missing.length) {
        return { ok: false, message: `${label} answers, but has no model "${missing[0]}"; run \`ollama pull ${missing[0]}\`` };
      }
      return { ok: true, models: models.length };
    } catch (error) {
      return testFailure(error);
    }
  }

  return httpProvider('ollama', config.model, baseUrl, closing, { chat, listModels, test });
}

/** Ollama names a model without a tag as `:latest`. */
const sameModel = (listed: string, wanted: string) => {
  const tag = (name: string) => (name.includes(':') ? name : `${name}:latest`);
  return tag(listed) === tag(wanted);
};
