import { afterEach, describe, expect, it } from 'vitest';
import { CircuitBreaker, createLlmProvider, isLlmUnavailable, type ChatMessage, type CreateLlmOptions } from './index';
import { closeAllServers, failure, fakeClock, json, ollamaChat, ollamaTags, route, serve, type Handler } from './test-support';

afterEach(closeAllServers);

const ask: ChatMessage[] = [{ role: 'user', content: 'Summarise my week.' }];

/** An Ollama whose chat answers 503 while `state.up` is false. */
async function flakyOllama() {
  const state = { up: false };
  const chat = ollamaChat({ tokens: ['Back', '.'] });
  const tags = ollamaTags([{ name: 'llama3.2:latest' }]);
  const handler: Handler = (exchange, res, req) => {
    if (exchange.url === '/api/tags') return tags(exchange, res, req);
    if (!state.up) return json(res, 503, { error: 'server busy, please try again.' });
    chat(exchange, res, req);
  };
  const server = await serve(handler);
  const chats = () => server.requests.filter((r) => r.url === '/api/chat').length;
  return { ...server, state, chats };
}

describe('circuit breaker', () => {
  it('opens after repeated failures, fails at once while open, and closes after the cool-down', async () => {
    const time = fakeClock();
    const server = await flakyOllama();
    const opts: CreateLlmOptions = { clock: time.clock, breakers: new Map(), retries: 0 };
    const provider = createLlmProvider({ provider: 'ollama', baseUrl: server.baseUrl, model: 'llama3.2' }, opts)!;

    for (let i = 0; i < 3; i++) expect((await failure(provider.chat(ask, { feature: 'summary' }))).reason).toBe('unavailable');
    expect(server.chats()).toBe(3);

    const started = performance.now();
    const open = await failure(provider.chat(ask, { feature: 'summary' }));
    expect(performance.now() - started).toBeLessThan(50);
    expect(open.reason).toBe('circuit_open');
    expect(open.message).toBe(`Ollama at ${server.baseUrl} is not answering; Engram will try again in 30 s`);
    expect(open.retryable).toBe(true);
    expect(isLlmUnavailable(open)).toBe(true);
    expect(server.chats()).toBe(3); // nothing was sent

    // Same id, same breaker: a provider re-created after a settings change is open too.
    const again = createLlmProvider({ provider: 'ollama', baseUrl: server.baseUrl, model: 'llama3.2' }, opts)!;
    time.advance(20_000);
    expect((await failure(again.chat(ask, { feature: 'summary' }))).message).toMatch(/will try again in 10 s$/);

    // Half-open after the cool-down: one more failure re-opens at once.
    time.advance(10_000);
    expect((await failure(provider.chat(ask, { feature: 'summary' }))).reason).toBe('unavailable');
    expect(server.chats()).toBe(4);
    expect((await failure(provider.chat(ask, { feature: 'summary' }))).reason).toBe('circuit_open');

    // A success closes it, and the count starts over.
    time.advance(30_000);
    server.state.up = true;
    expect((await provider.chat(ask, { feature: 'summary' })).text).toBe('Back.');
    server.state.up = false;
    expect((await failure(provider.chat(ask, { feature: 'summary' }))).reason).toBe('unavailable');
    expect((await failure(provider.chat(ask, { feature: 'summary' }))).reason).toBe('unavailable');
    expect(server.chats()).toBe(7);
  });

  it('counts a call with its retries as one failure', async () => {
    const time = fakeClock();
    const server = await flakyOllama();
    const provider = createLlmProvider(
      { provider: 'ollama', baseUrl: server.baseUrl, model: 'llama3.2' },
      { clock: time.clock, breakers: new Map(), retries: 2, failureThreshold: 2, coolDownMs: 5_000 },
    )!;
    const first = await failure(provider.chat(ask, { feature: 'summary' }));
    expect(first.message).toMatch(/HTTP 503 Service Unavailable: server busy, please try again\. \(3 attempts\)$/);
    await failure(provider.chat(ask, { feature: 'summary' }));
    expect(server.chats()).toBe(6);
    expect((await failure(provider.chat(ask, { feature: 'summary' }))).message).toMatch(/will try again in 5 s$/);
  });

  it('is not opened by refusals: the server answered', async () => {
    const server = await serve(ollamaChat({ tokens: ['x'], models: ['qwen3:4b'] }));
    const provider = createLlmProvider({ provider: 'ollama', baseUrl: server.baseUrl, model: 'llama3.2' }, { breakers: new Map(), failureThreshold: 1 })!;
    for (let i = 0; i < 3; i++) expect((await failure(provider.chat(ask, { feature: 'summary' }))).reason).toBe('rejected');
    expect(server.requests).toHaveLength(3);
  });

  it('lets Settings test an open circuit, and a passing test closes it', async () => {
    const time = fakeClock();
    const server = await flakyOllama();
    const provider = createLlmProvider(
      { provider: 'ollama', baseUrl: server.baseUrl, model: 'llama3.2' },
      { clock: time.clock, breakers: new Map(), retries: 0, failureThreshold: 1 },
    )!;
    await failure(provider.chat(ask, { feature: 'summary' }));
    expect((await failure(provider.chat(ask, { feature: 'summary' }))).reason).toBe('circuit_open');
    expect(await provider.test()).toEqual({ ok: true, models: 1 });
    server.state.up = true;
    expect((await provider.chat(ask, { feature: 'summary' })).text).toBe('Back.');
  });

  it('stops the whole call at the total timeout, retries included', async () => {
    let calls = 0;
    const server = await serve(
      route({
        'POST /api/chat': (_e, res) => {
          calls++;
          json(res, 503, { error: 'busy' });
        },
      }),
    );
    // Real clock: the backoff sleeps are what the total timeout cuts short.
    const provider = createLlmProvider(
      { provider: 'ollama', baseUrl: server.baseUrl, model: 'llama3.2' },
      { breakers: new Map(), retries: 5, retryDelayMs: 1_000, totalTimeoutMs: 300 },
    )!;
    const started = Date.now();
    const error = await failure(provider.chat(ask, { feature: 'summary' }));
    expect(error.reason).toBe('timeout');
    expect(error.message).toBe(`Ollama at ${server.baseUrl} did not finish answering within 300 ms`);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(calls).toBe(1);
  });
});

describe('CircuitBreaker', () => {
  it('tracks its state on the injected clock', () => {
    const time = fakeClock();
    const breaker = new CircuitBreaker(2, 1_000, time.clock);
    expect(breaker.state).toBe('closed');
    breaker.failure();
    expect([breaker.state, breaker.waitMs()]).toEqual(['closed', 0]);
    breaker.failure();
    expect([breaker.state, breaker.waitMs()]).toEqual(['open', 1_000]);
    time.advance(999);
    expect(breaker.waitMs()).toBe(1);
    time.advance(1);
    expect(breaker.state).toBe('half-open');
    breaker.success();
    expect(breaker.state).toBe('closed');
  });
});
