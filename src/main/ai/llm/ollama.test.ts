import { afterEach, describe, expect, it } from 'vitest';
import { createLlmProvider, type ChatMessage, type CreateLlmOptions, type LlmProvider } from './index';
import { closeAllServers, closedPort, failure, fakeClock, json, JPEG, ollamaChat, ollamaTags, PNG, route, serve, silent } from './test-support';

afterEach(closeAllServers);

const ask: ChatMessage[] = [
  { role: 'system', content: 'Answer from the sources.' },
  { role: 'user', content: 'What did I plant in April?' },
];

/** Each test gets its own breakers and a fake clock, so backoff costs no time. */
function ollama(baseUrl: string, extra: Record<string, unknown> = {}, opts: CreateLlmOptions = {}): LlmProvider {
  return createLlmProvider(
    { provider: 'ollama', baseUrl, model: 'llama3.2', ...extra },
    { breakers: new Map(), clock: fakeClock().clock, ...opts },
  )!;
}

describe('Ollama provider', () => {
  it('streams tokens in order and reports the server’s token counts', async () => {
    const server = await serve(ollamaChat({ tokens: ['Tomatoes', ' and', ' basil', '.'], promptEvalCount: 31, evalCount: 4, gapMs: 15 }));
    const provider = ollama(server.baseUrl);
    expect(provider.id).toBe(`ollama:llama3.2@${new URL(server.baseUrl).host}`);
    expect(provider.isRemote).toBe(false);

    const tokens: { text: string; at: number }[] = [];
    const result = await provider.chat(ask, { feature: 'ask', maxTokens: 200, temperature: 0.2, onToken: (text) => tokens.push({ text, at: Date.now() }) });
    const finished = Date.now();

    expect(tokens.map((t) => t.text)).toEqual(['Tomatoes', ' and', ' basil', '.']);
    expect(tokens[0]!.at).toBeLessThan(finished - 20); // streamed, not buffered until the end
    expect(result).toEqual({
      text: 'Tomatoes and basil.',
      usage: { inputTokens: 31, outputTokens: 4, estimated: false },
      finishReason: 'stop',
      model: 'llama3.2',
    });
    const [request] = server.requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/api/chat');
    expect(request!.body).toEqual({
      model: 'llama3.2',
      stream: true,
      messages: [
        { role: 'system', content: 'Answer from the sources.' },
        { role: 'user', content: 'What did I plant in April?' },
      ],
      options: { num_predict: 200, temperature: 0.2 },
    });
  });

  it('estimates usage when the server leaves the counts out', async () => {
    const server = await serve(ollamaChat({ tokens: ['Yes', '.'], promptEvalCount: null, evalCount: null, doneReason: 'length' }));
    const result = await ollama(server.baseUrl).chat([{ role: 'user', content: '0123456789abcdef' }], { feature: 'ask' });
    expect(result.usage).toEqual({ inputTokens: 4, outputTokens: 1, estimated: true });
    expect(result.finishReason).toBe('length');
  });

  it('sends images as base64 to the vision model', async () => {
    const server = await serve(ollamaChat({ tokens: ['A red pixel.'] }));
    const provider = ollama(server.baseUrl, { visionModel: 'llava:7b' });
    const result = await provider.chat([{ role: 'user', content: 'Describe this photo.', images: [PNG, JPEG] }], { feature: 'describe-image' });
    expect(result.model).toBe('llava:7b');
    const body = server.requests[0]!.body;
    expect(body.model).toBe('llava:7b');
    expect(body.messages[0].images).toEqual([PNG.toString('base64'), JPEG.toString('base64')]);
    expect(Buffer.from(body.messages[0].images[0], 'base64').equals(PNG)).toBe(true);
  });

  it('refuses images it cannot send without contacting the server', async () => {
    const server = await serve(ollamaChat({ tokens: ['x'] }));
    const provider = ollama(server.baseUrl);
    const notImage = await failure(provider.chat([{ role: 'user', content: 'What is this?', images: [Buffer.from('GIF89a…')] }], { feature: 'ask' }));
    expect(notImage.reason).toBe('rejected');
    expect(notImage.message).toMatch(/not JPEG, PNG or WebP/);
    const onSystem = await failure(provider.chat([{ role: 'system', content: 'x', images: [PNG] }, { role: 'user', content: 'y' }], { feature: 'ask' }));
    expect(onSystem.message).toMatch(/only user messages/);
    expect(server.requests).toHaveLength(0);
  });

  it('reports an unknown model as rejected, without retrying', async () => {
    const server = await serve(ollamaChat({ tokens: ['x'], models: ['qwen3:4b'] }));
    const error = await failure(ollama(server.baseUrl).chat(ask, { feature: 'ask' }));
    expect(error.reason).toBe('rejected');
    expect(error.retryable).toBe(false);
    expect(error.httpStatus).toBe(404);
    expect(error.message).toBe(`Ollama at ${server.baseUrl} answered HTTP 404 Not Found: model "llama3.2" not found, try pulling it first`);
    expect(error.code).toBe('provider_unavailable');
    expect(error.details).toEqual({ reason: 'rejected', status: 404 });
    expect(server.requests).toHaveLength(1);
  });

  it('recognises a web app on the port as not Ollama', async () => {
    const server = await serve((_e, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Jupyter</title>'));
    const error = await failure(ollama(server.baseUrl).chat(ask, { feature: 'ask' }));
    expect(error.reason).toBe('bad_response');
    expect(error.message).toBe(`Ollama at ${server.baseUrl} answered with a web page; is it Ollama?`);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 500 and a 503 with backoff, then streams', async () => {
    const time = fakeClock();
    const server = await serve(
      (_e, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('llama runner process has terminated'),
      (_e, res) => json(res, 503, { error: 'server busy, please try again.  maximum pending requests exceeded' }),
      ollamaChat({ tokens: ['Fine', '.'] }),
    );
    const tokens: string[] = [];
    const provider = ollama(server.baseUrl, {}, { clock: time.clock, random: () => 0.5 });
    const result = await provider.chat(ask, { feature: 'ask', onToken: (t) => tokens.push(t) });
    expect(result.text).toBe('Fine.');
    expect(tokens).toEqual(['Fine', '.']);
    expect(server.requests).toHaveLength(3);
    expect(time.sleeps).toEqual([187.5, 375]); // 250 ms doubled, jittered to 75 %
  });

  it('gives up on a refused connection after the retries, as unavailable', async () => {
    const time = fakeClock();
    const baseUrl = await closedPort();
    const error = await failure(ollama(baseUrl, {}, { clock: time.clock }).chat(ask, { feature: 'ask' }));
    expect(error.reason).toBe('unavailable');
    expect(error.retryable).toBe(true);
    expect(error.message).toBe(`Ollama at ${baseUrl} is not reachable (ECONNREFUSED) (3 attempts)`);
    expect(time.sleeps).toHaveLength(2);
  });

  it('does not retry once text has streamed, and says the answer is partial', async () => {
    const time = fakeClock();
    const server = await serve(ollamaChat({ tokens: ['The', ' garden', ' had'], errorAfter: 2 }));
    const tokens: string[] = [];
    const error = await failure(ollama(server.baseUrl, {}, { clock: time.clock }).chat(ask, { feature: 'ask', onToken: (t) => tokens.push(t) }));
    expect(tokens).toEqual(['The', ' garden']);
    expect(error.reason).toBe('unavailable');
    expect(error.message).toMatch(/reported an error: an error was encountered while running the model: unexpected EOF/);
    expect(error.message).toMatch(/broke off after 10 characters had streamed \(partial answer, not retried\)/);
    expect(error.partialText).toBe('The garden');
    expect(server.requests).toHaveLength(1);
    expect(time.sleeps).toEqual([]);

    const cut = await serve(ollamaChat({ tokens: ['One', ' two'], cutAfter: 1 }));
    const ended = await failure(ollama(cut.baseUrl, {}, { clock: time.clock }).chat(ask, { feature: 'ask' }));
    expect(ended.message).toMatch(/ended the stream before the answer was complete; .*partial answer/);
    expect(cut.requests).toHaveLength(1);
  });

  it('times out when no first token comes, without retrying', async () => {
    const server = await serve(silent);
    const started = Date.now();
    const error = await failure(ollama(server.baseUrl, {}, { firstTokenTimeoutMs: 300 }).chat(ask, { feature: 'ask' }));
    expect(error.reason).toBe('timeout');
    expect(error.message).toBe(`Ollama at ${server.baseUrl} sent no answer within 300 ms`);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(server.requests).toHaveLength(1);
    expect((await server.requests[0]!.closed).finished).toBe(false);
  });

  it('times out a stream that stalls, keeping what streamed', async () => {
    const server = await serve((_e, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.write(`${JSON.stringify({ model: 'llama3.2', created_at: new Date().toISOString(), message: { role: 'assistant', content: 'Hmm' }, done: false })}\n`);
    });
    const error = await failure(ollama(server.baseUrl, {}, { idleTimeoutMs: 200 }).chat(ask, { feature: 'ask' }));
    expect(error.reason).toBe('timeout');
    expect(error.message).toMatch(/stopped sending the answer for 200 ms; the answer broke off after 3 characters/);
    expect(error.partialText).toBe('Hmm');
  });

  it('aborts mid-stream: rejects with the caller’s reason and hangs up', async () => {
    const server = await serve(ollamaChat({ tokens: Array.from({ length: 200 }, (_, i) => ` w${i}`), gapMs: 20 }));
    const controller = new AbortController();
    const reason = new Error('the user pressed stop');
    const tokens: string[] = [];
    const call = ollama(server.baseUrl).chat(ask, {
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
    const server = await serve(route({ 'GET /api/tags': ollamaTags([{ name: 'llama3.2:latest', size: 2_019_393_189 }, { name: 'llava:7b', size: 4_733_363_377 }]) }));
    const provider = ollama(server.baseUrl, { visionModel: 'llava:7b' });
    expect(await provider.listModels()).toEqual([
      { id: 'llama3.2:latest', sizeBytes: 2_019_393_189 },
      { id: 'llava:7b', sizeBytes: 4_733_363_377 },
    ]);
    expect(await provider.test()).toEqual({ ok: true, models: 2 });
    expect(await ollama(server.baseUrl, { model: 'qwen3:8b' }).test()).toEqual({
      ok: false,
      message: `Ollama at ${server.baseUrl} answers, but has no model "qwen3:8b"; run \`ollama pull qwen3:8b\``,
    });

    const closed = await closedPort();
    expect(await ollama(closed).test()).toEqual({ ok: false, message: `Ollama at ${closed} is not reachable (ECONNREFUSED)` });
    const hung = await serve(silent);
    expect(await ollama(hung.baseUrl, {}, { requestTimeoutMs: 200 }).test()).toEqual({
      ok: false,
      message: `Ollama at ${hung.baseUrl} did not answer within 200 ms`,
    });
  });

  it('fails calls after close', async () => {
    const server = await serve(ollamaChat({ tokens: Array.from({ length: 100 }, () => 'x'), gapMs: 20 }));
    const provider = ollama(server.baseUrl);
    const call = provider.chat(ask, { feature: 'ask', onToken: () => void provider.close() });
    const error = await failure(call);
    expect(error.reason).toBe('unavailable');
    expect(error.message).toMatch(/the provider was closed/);
    expect((await failure(provider.chat(ask, { feature: 'ask' }))).message).toMatch(/the provider was closed/);
    expect(server.requests).toHaveLength(1);
  });
});
