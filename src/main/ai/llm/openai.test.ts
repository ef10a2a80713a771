import { afterEach, describe, expect, it } from 'vitest';
import { createLlmProvider, type ChatMessage, type CreateLlmOptions, type LlmProvider } from './index';
import {
  closeAllServers,
  closedPort,
  failure,
  fakeClock,
  JPEG,
  openaiChat,
  openaiFailure,
  openaiModels,
  PNG,
  route,
  serve,
  silent,
} from './test-support';

afterEach(closeAllServers);

const ask: ChatMessage[] = [
  { role: 'system', content: 'Answer from the sources.' },
  { role: 'user', content: 'When is the dentist?' },
];
const KEY = 'sk-test-0123456789abcdefSECRET';

function openai(baseUrl: string, extra: Record<string, unknown> = {}, opts: CreateLlmOptions = {}): LlmProvider {
  return createLlmProvider(
    { provider: 'openai', baseUrl: `${baseUrl}/v1`, model: 'qwen2.5-7b-instruct', ...extra },
    { breakers: new Map(), clock: fakeClock().clock, ...opts },
  )!;
}

describe('OpenAI-compatible provider', () => {
  it('streams tokens in order and takes usage from the usage chunk', async () => {
    const server = await serve(openaiChat({ tokens: ['On', ' Tuesday', ' at', ' 9', '.'], usage: { prompt_tokens: 42, completion_tokens: 6 }, gapMs: 15, apiKey: KEY }));
    const provider = openai(server.baseUrl, { apiKey: KEY });
    expect(provider.id).toBe(`openai:qwen2.5-7b-instruct@${new URL(server.baseUrl).host}`);
    expect(provider.isRemote).toBe(false);

    const tokens: { text: string; at: number }[] = [];
    const result = await provider.chat(ask, { feature: 'ask', maxTokens: 300, temperature: 0, onToken: (text) => tokens.push({ text, at: Date.now() }) });
    const finished = Date.now();

    expect(tokens.map((t) => t.text)).toEqual(['On', ' Tuesday', ' at', ' 9', '.']);
    expect(tokens[0]!.at).toBeLessThan(finished - 20);
    expect(result).toEqual({
      text: 'On Tuesday at 9.',
      usage: { inputTokens: 42, outputTokens: 6, estimated: false },
      finishReason: 'stop',
      model: 'qwen2.5-7b-instruct',
    });
    const [request] = server.requests;
    expect(request!.url).toBe('/v1/chat/completions');
    expect(request!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request!.headers['openai-organization']).toBeUndefined();
    expect(request!.body).toEqual({
      model: 'qwen2.5-7b-instruct',
      stream: true,
      stream_options: { include_usage: true },
      messages: ask,
      temperature: 0,
      max_tokens: 300,
    });
  });

  it('estimates usage when the server sends none, and sends a placeholder key when none is set', async () => {
    const server = await serve(openaiChat({ tokens: ['Yes'], usage: null }));
    const result = await openai(server.baseUrl).chat([{ role: 'user', content: '12345678' }], { feature: 'ask' });
    expect(result.usage).toEqual({ inputTokens: 2, outputTokens: 1, estimated: true });
    expect(server.requests[0]!.headers.authorization).toBe('Bearer not-needed');
  });

  it('takes a JSON completion from a server that ignores stream: true', async () => {
    const server = await serve(openaiChat({ tokens: ['Plain', ' JSON.'], ignoreStream: true, usage: { prompt_tokens: 12, completion_tokens: 3 }, finishReason: 'length' }));
    const tokens: string[] = [];
    const result = await openai(server.baseUrl).chat(ask, { feature: 'ask', onToken: (t) => tokens.push(t) });
    expect(result).toEqual({ text: 'Plain JSON.', usage: { inputTokens: 12, outputTokens: 3, estimated: false }, finishReason: 'length', model: 'qwen2.5-7b-instruct' });
    expect(tokens).toEqual(['Plain JSON.']);
  });

  it('sends images as data URLs to the vision model', async () => {
    const server = await serve(openaiChat({ tokens: ['Two pictures.'] }));
    const provider = openai(server.baseUrl, { visionModel: 'gpt-4o-mini' });
    const result = await provider.chat([{ role: 'user', content: 'What are these?', images: [PNG, JPEG] }], { feature: 'describe-image' });
    expect(result.model).toBe('gpt-4o-mini');
    const body = server.requests[0]!.body;
    expect(body.model).toBe('gpt-4o-mini');
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What are these?' },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG.toString('base64')}` } },
          { type: 'image_url', image_url: { url: `data:image/jpeg;base64,${JPEG.toString('base64')}` } },
        ],
      },
    ]);
  });

  it('reports a refused key as unauthorized, once, without the key', async () => {
    const server = await serve(openaiChat({ tokens: ['x'], apiKey: 'sk-the-right-one' }));
    const provider = openai(server.baseUrl, { apiKey: KEY });
    const error = await failure(provider.chat(ask, { feature: 'ask' }));
    expect(error.reason).toBe('unauthorized');
    expect(error.retryable).toBe(false);
    expect(error.httpStatus).toBe(401);
    expect(error.message).toMatch(/^OpenAI-compatible server at http:\/\/127\.0\.0\.1:\d+\/v1 answered HTTP 401: Incorrect API key provided: \*\*\*\. You can find/);
    for (const text of [error.message, JSON.stringify(error.toBody()), String(error.stack)]) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain('0123456789abcdef');
    }
    expect(server.requests).toHaveLength(1);

    const tested = await provider.test();
    expect(tested.ok).toBe(false);
    expect(!tested.ok && tested.message).toMatch(/answered HTTP 401: Incorrect API key provided: \*\*\*\./);
    expect(JSON.stringify(tested)).not.toContain(KEY);
  });

  it('retries a 500 and a 429, honouring Retry-After, then streams', async () => {
    const time = fakeClock();
    const server = await serve(
      openaiFailure(500, 'The server had an error while processing your request.'),
      openaiFailure(429, 'Rate limit reached for requests', 'requests', 'rate_limit_exceeded', { 'retry-after': '2' }),
      openaiChat({ tokens: ['Done', '.'] }),
    );
    const result = await openai(server.baseUrl, {}, { clock: time.clock, random: () => 0 }).chat(ask, { feature: 'ask' });
    expect(result.text).toBe('Done.');
    expect(server.requests).toHaveLength(3);
    expect(time.sleeps).toEqual([125, 2000]);
  });

  it('does not wait out a long Retry-After', async () => {
    const time = fakeClock();
    const server = await serve(openaiFailure(429, 'You exceeded your current quota', 'insufficient_quota', 'insufficient_quota', { 'retry-after': '3600' }));
    const error = await failure(openai(server.baseUrl, {}, { clock: time.clock }).chat(ask, { feature: 'ask' }));
    expect(error.reason).toBe('unavailable');
    expect(error.retryAfterMs).toBe(3_600_000);
    expect(error.message).toMatch(/answered HTTP 429: You exceeded your current quota$/);
    expect(server.requests).toHaveLength(1);
  });

  it('drops stream_options for a server that rejects it, and remembers', async () => {
    const server = await serve(openaiChat({ tokens: ['Ok'], rejectFields: ['stream_options'] }));
    const provider = openai(server.baseUrl);
    const first = await provider.chat(ask, { feature: 'ask' });
    expect(first).toMatchObject({ text: 'Ok', usage: { estimated: true } });
    await provider.chat(ask, { feature: 'ask' });
    expect(server.requests.map((r) => 'stream_options' in r.body)).toEqual([true, false, false]);
  });

  it('renames max_tokens and drops temperature for a server that refuses them', async () => {
    const server = await serve(openaiChat({ tokens: ['Ok'], rejectFields: ['max_tokens', 'temperature'] }));
    const provider = openai(server.baseUrl);
    await provider.chat(ask, { feature: 'ask', maxTokens: 50, temperature: 0.3 });
    await provider.chat(ask, { feature: 'ask', maxTokens: 50, temperature: 0.3 });
    const sent = server.requests.map(({ body }) => Object.keys(body).filter((k) => /tokens|temperature/.test(k)).sort());
    expect(sent).toEqual([
      ['max_tokens', 'temperature'],
      ['max_completion_tokens', 'temperature'],
      ['max_completion_tokens'],
      ['max_completion_tokens'],
    ]);
  });

  it('does not retry once text has streamed, and says the answer is partial', async () => {
    const time = fakeClock();
    const server = await serve(openaiChat({ tokens: ['The', ' dentist', ' is'], cutAfter: 2 }));
    const tokens: string[] = [];
    const error = await failure(openai(server.baseUrl, {}, { clock: time.clock }).chat(ask, { feature: 'ask', onToken: (t) => tokens.push(t) }));
    expect(tokens).toEqual(['The', ' dentist']);
    expect(error.reason).toBe('unavailable');
    expect(error.message).toMatch(/closed the connection mid-answer .*; the answer broke off after 11 characters had streamed \(partial answer, not retried\)/);
    expect(error.partialText).toBe('The dentist');
    expect(server.requests).toHaveLength(1);
    expect(time.sleeps).toEqual([]);

    const errored = await serve(openaiChat({ tokens: ['A', 'B'], errorAfter: 1 }));
    const midway = await failure(openai(errored.baseUrl, {}, { clock: time.clock }).chat(ask, { feature: 'ask' }));
    expect(midway.message).toMatch(/reported an error mid-answer: The server had an error while processing your request\.; .*partial answer/);
    expect(errored.requests).toHaveLength(1);
  });

  it('times out when no first token comes', async () => {
    const server = await serve(silent);
    const error = await failure(openai(server.baseUrl, {}, { firstTokenTimeoutMs: 300 }).chat(ask, { feature: 'ask' }));
    expect(error.reason).toBe('timeout');
    expect(error.message).toBe(`OpenAI-compatible server at ${server.baseUrl}/v1 sent no answer within 300 ms`);
    expect(server.requests).toHaveLength(1);
    expect((await server.requests[0]!.closed).finished).toBe(false);
  });

  it('aborts mid-stream: rejects with the caller’s reason (the SDK alone would end quietly) and hangs up', async () => {
    const server = await serve(openaiChat({ tokens: Array.from({ length: 200 }, (_, i) => ` w${i}`), gapMs: 20 }));
    const controller = new AbortController();
    const reason = new Error('the user pressed stop');
    const tokens: string[] = [];
    const call = openai(server.baseUrl).chat(ask, {
      feature: 'ask',
      signal: controller.signal,
      onToken: (t) => {
        tokens.push(t);
        if (tokens.length === 3) controller.abort(reason);
      },
    });
    await expect(call).rejects.toBe(reason);
    expect(await server.requests[0]!.closed).toEqual({ finished: false });
    expect(tokens).toHaveLength(3);
  });

  it('lists models and tests the connection', async () => {
    const server = await serve(route({ 'GET /v1/models': openaiModels(['qwen2.5-7b-instruct', 'text-embedding-nomic-embed-text-v1.5']) }));
    const provider = openai(server.baseUrl);
    expect(await provider.listModels()).toEqual([{ id: 'qwen2.5-7b-instruct' }, { id: 'text-embedding-nomic-embed-text-v1.5' }]);
    expect(await provider.test()).toEqual({ ok: true, models: 2 });

    const closed = await closedPort();
    expect(await openai(closed).test()).toEqual({ ok: false, message: `OpenAI-compatible server at ${closed}/v1 is not reachable (ECONNREFUSED)` });
    const web = await serve((_e, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Grafana</html>'));
    expect(await openai(web.baseUrl).test()).toEqual({ ok: false, message: `OpenAI-compatible server at ${web.baseUrl}/v1 answered with text/html, not a model list` });
    const notFound = await serve(route({}));
    const missing = await openai(notFound.baseUrl).test();
    expect(missing).toEqual({ ok: false, message: `OpenAI-compatible server at ${notFound.baseUrl}/v1 answered HTTP 404: 404 page not found` });
  });

  it('calls OpenAI itself remote', () => {
    const provider = createLlmProvider({ provider: 'openai', apiKey: KEY, model: 'gpt-4o-mini' }, { breakers: new Map() })!;
    expect(provider.isRemote).toBe(true);
    expect(provider.id).toBe('openai:gpt-4o-mini@api.openai.com');
  });
});
