/** Real HTTP servers speaking Ollama's and OpenAI's chat wire protocols, for the LLM tests. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { json, rejection, serveWith, type BaseExchange, type BodyReader, type ExchangeHandler } from '../test-server';
import { LlmError } from './errors';

export { closeAllServers, json } from '../test-server';

/** A received request with its JSON body parsed (a body that is not JSON fails the request with a 400). */
export interface Exchange extends BaseExchange {
  /** Parsed JSON, loosely typed: each test checks the fields it cares about. */
  body: any;
}

export type Handler = ExchangeHandler<Exchange>;

const jsonBody: BodyReader<{ body: any }> = {
  parse(raw) {
    const text = raw.toString('utf8');
    return { body: text ? JSON.parse(text) : undefined };
  },
  refuse: (res) => json(res, 400, { error: 'test server: the request body is not JSON' }),
};

/** A real HTTP server on 127.0.0.1; `handlers` answer successive requests, the last one repeats. */
export const serve = (...handlers: Handler[]) => serveWith(jsonBody, handlers);

/** The `LlmError` a call rejects with. */
export const failure = (promise: Promise<unknown>) => rejection(promise, LlmError);

/** A port nothing listens on: bound, noted, released. */
export async function closedPort(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/** Dispatches on `METHOD /path` (query ignored); anything else is a 404 as the real servers send it. */
export function route(routes: Record<string, Handler>): Handler {
  return (exchange, res, req) => {
    const handler = routes[`${exchange.method} ${exchange.url.split('?')[0]}`];
    if (handler) return handler(exchange, res, req);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found');
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes `lines` one by one with `gapMs` between them, stopping if the client hangs up. */
async function trickle(res: http.ServerResponse, lines: string[], gapMs: number): Promise<void> {
  for (const line of lines) {
    if (res.destroyed) return;
    res.write(line);
    if (gapMs) await pause(gapMs);
  }
}

// ---------------------------------------------------------------------------------------------------- Ollama

export interface OllamaChatScript {
  tokens: string[];
  /** `null` leaves the count out of the final line, as Ollama does for a fully cached prompt. */
  promptEvalCount?: number | null;
  evalCount?: number | null;
  doneReason?: string;
  gapMs?: number;
  /** Ends the response after this many tokens, without the `done` line. */
  cutAfter?: number;
  /** Sends `{"error": …}` after this many tokens, as Ollama does when the model runner dies. */
  errorAfter?: number;
  /** Models that exist; others get Ollama's 404. Default: any. */
  models?: string[];
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Ollama's POST /api/chat: validates the request as the server would, then streams NDJSON. */
export function ollamaChat(script: OllamaChatScript): Handler {
  return ({ body }, res) => {
    if (typeof body?.model !== 'string' || !body.model) return json(res, 400, { error: 'model is required' });
    if (script.models && !script.models.includes(body.model)) {
      return json(res, 404, { error: `model "${body.model}" not found, try pulling it first` });
    }
    if (!Array.isArray(body.messages)) return json(res, 400, { error: 'messages must be an array' });
    for (const m of body.messages) {
      if (!['system', 'user', 'assistant', 'tool'].includes(m.role) || typeof m.content !== 'string') {
        return json(res, 400, { error: 'invalid message format' });
      }
      if (m.images !== undefined && !(Array.isArray(m.images) && m.images.every((i: unknown) => typeof i === 'string' && BASE64.test(i)))) {
        return json(res, 400, { error: 'illegal base64 data in images' });
      }
    }
    const created_at = new Date().toISOString();
    const line = (o: object) => `${JSON.stringify({ model: body.model, created_at, ...o })}\n`;
    if (body.stream === false) {
      return json(res, 200, {
        model: body.model,
        created_at,
        message: { role: 'assistant', content: script.tokens.join('') },
        done: true,
        done_reason: script.doneReason ?? 'stop',
        prompt_eval_count: script.promptEvalCount,
        eval_count: script.evalCount,
      });
    }
    const lines = script.tokens.map((content) => line({ message: { role: 'assistant', content }, done: false }));
    if (script.errorAfter !== undefined) {
      lines.splice(script.errorAfter, Infinity, `${JSON.stringify({ error: 'an error was encountered while running the model: unexpected EOF' })}\n`);
    } else if (script.cutAfter !== undefined) {
      lines.splice(script.cutAfter);
    } else {
      lines.push(
        line({
          message: { role: 'assistant', content: '' },
          done: true,
          done_reason: script.doneReason ?? 'stop',
          total_duration: 123456789,
          load_duration: 1234567,
          ...(script.promptEvalCount !== null ? { prompt_eval_count: script.promptEvalCount ?? 26 } : {}),
          prompt_eval_duration: 2345678,
          ...(script.evalCount !== null ? { eval_count: script.evalCount ?? script.tokens.length } : {}),
          eval_duration: 3456789,
        }),
      );
    }
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    void trickle(res, lines, script.gapMs ?? 2).then(() => res.end());
  };
}

/** Ollama's GET /api/tags. */
export function ollamaTags(models: { name: string; size?: number }[]): Handler {
  return (_exchange, res) =>
    json(res, 200, {
      models: models.map((m) => ({
        name: m.name,
        model: m.name,
        modified_at: '2025-05-01T10:00:00.000000000+02:00',
        size: m.size ?? 2_019_393_189,
        digest: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72',
        details: { parent_model: '', format: 'gguf', family: 'llama', families: ['llama'], parameter_size: '3.2B', quantization_level: 'Q4_K_M' },
      })),
    });
}

// ---------------------------------------------------------------------------------------------------- OpenAI

export interface OpenAIChatScript {
  tokens: string[];
  /** Sent in a usage chunk when the client asks with stream_options.include_usage (and in JSON replies). */
  usage?: { prompt_tokens: number; completion_tokens: number } | null;
  finishReason?: string;
  gapMs?: number;
  /** Required `Authorization: Bearer …`; others get OpenAI's 401. */
  apiKey?: string;
  /** Answer JSON even when asked to stream, as some proxies do. */
  ignoreStream?: boolean;
  /** Rejects these request fields with a 400, as older or stricter servers do. */
  rejectFields?: string[];
  /** Ends the response after this many tokens, without `[DONE]`, by destroying the socket. */
  cutAfter?: number;
  /** Sends an `{"error": …}` event after this many tokens. */
  errorAfter?: number;
}

const openaiError = (message: string, type: string, code: string | null, param: string | null = null) => ({
  error: { message, type, param, code },
});

/** OpenAI's POST /v1/chat/completions: SSE when `stream` is true, one JSON completion otherwise. */
export function openaiChat(script: OpenAIChatScript): Handler {
  return ({ body, headers }, res) => {
    if (script.apiKey && headers.authorization !== `Bearer ${script.apiKey}`) {
      const sent = (headers.authorization ?? '').replace(/^Bearer /, '');
      // The real API masks the key; a careless proxy might not: echo it whole to prove the client redacts.
      return json(res, 401, openaiError(`Incorrect API key provided: ${sent}. You can find your API key at https://platform.openai.com/account/api-keys.`, 'invalid_request_error', 'invalid_api_key'));
    }
    for (const field of script.rejectFields ?? []) {
      if (body?.[field] !== undefined) {
        return json(res, 400, openaiError(`Unrecognized request argument supplied: ${field}`, 'invalid_request_error', null, field));
      }
    }
    if (typeof body?.model !== 'string' || !Array.isArray(body.messages) || !body.messages.length) {
      return json(res, 400, openaiError("'messages' is a required property", 'invalid_request_error', null, 'messages'));
    }
    const id = 'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG';
    const created = Math.floor(Date.now() / 1000);
    const text = script.tokens.join('');
    const usage = script.usage === null ? undefined : (script.usage ?? { prompt_tokens: 19, completion_tokens: script.tokens.length });
    if (!body.stream || script.ignoreStream) {
      return json(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: script.finishReason ?? 'stop' }],
        ...(usage ? { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } } : {}),
        system_fingerprint: 'fp_test',
      });
    }
    const chunk = (choices: object[], extra: object = {}) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, system_fingerprint: 'fp_test', choices, ...extra })}\n\n`;
    const events = [
      chunk([{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }]),
      ...script.tokens.map((content) => chunk([{ index: 0, delta: { content }, logprobs: null, finish_reason: null }])),
    ];
    let cut = false;
    if (script.errorAfter !== undefined) {
      events.splice(script.errorAfter + 1, Infinity, `data: ${JSON.stringify(openaiError('The server had an error while processing your request.', 'server_error', null))}\n\n`);
    } else if (script.cutAfter !== undefined) {
      events.splice(script.cutAfter + 1);
      cut = true;
    } else {
      events.push(chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: script.finishReason ?? 'stop' }]));
      if (body.stream_options?.include_usage && usage) {
        events.push(chunk([], { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } }));
      }
      events.push('data: [DONE]\n\n');
    }
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    void trickle(res, events, script.gapMs ?? 2).then(() => (cut ? res.destroy() : res.end()));
  };
}

/** OpenAI's GET /v1/models. */
export function openaiModels(ids: string[]): Handler {
  return (_exchange, res) =>
    json(res, 200, { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 1_686_935_002, owned_by: 'organization-owner' })) });
}

/** An error reply in OpenAI's shape. */
export function openaiFailure(status: number, message: string, type = 'server_error', code: string | null = null, headers: Record<string, string> = {}): Handler {
  return (_exchange, res) =>
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(openaiError(message, type, code)));
}

/** Accepts the request and never answers: for timeouts and aborts. */
export const silent: Handler = () => {};

/** Tiny but real images: the magic bytes are what the providers check. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
export const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);

/** Time for the breaker and the backoff that the test moves by hand; sleeps return at once and are recorded. */
export function fakeClock(start = 1_700_000_000_000) {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    advance(ms: number) {
      now += ms;
    },
    clock: {
      now: () => now,
      async sleep(ms: number, signal?: AbortSignal) {
        signal?.throwIfAborted();
        sleeps.push(ms);
        now += ms;
      },
    },
  };
}
