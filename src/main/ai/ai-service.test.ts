/**
 * The AI service with real local servers: 'auto' uses a local Ollama when one answers, every call is metered,
 * and a spent monthly budget moves a paid remote task to the local model until the budget is raised.
 */
import { afterEach, expect, it } from 'vitest';
import { useTempLibrary } from '../../../tests/helpers/temp-library';
import type { Engine } from '../engine/engine';
import { invoke } from '../engine/handlers';
import { registry } from '../engine/registry';
import { closeAllServers, ollamaChat, openaiChat, serve } from './llm/test-support';
import { AiService } from './ai-service';
import { LlmConfig } from './llm';

let engine: Engine;
useTempLibrary((e) => (engine = e), { detectOllama: async () => null });
afterEach(() => closeAllServers());

const ask = [{ role: 'user' as const, content: 'hello' }];

it("answers 'auto' tasks with a local Ollama when one is found, and with nothing otherwise", async () => {
  const none = new AiService(engine.db, engine.settings, { detectOllama: async () => null });
  expect(await none.complete('chat', 'chat', ask)).toBeNull();
  const ollama = await serve(ollamaChat({ tokens: ['Hi ', 'there'], promptEvalCount: 5, evalCount: 2 }));
  const local = new AiService(engine.db, engine.settings, { detectOllama: async () => LlmConfig.parse({ provider: 'ollama', baseUrl: ollama.baseUrl, model: 'llama3.2' }) });
  expect(await local.complete('chat', 'chat', ask)).toMatchObject({ text: 'Hi there', model: 'llama3.2' });
  expect(local.metering.summary().byFeature[0]).toMatchObject({ provider: expect.stringContaining('ollama'), inputTokens: 5, outputTokens: 2, costUsd: 0 });
  await Promise.all([none.close(), local.close()]);
});

it('switches a paid task to the local model once the monthly budget is spent, and back when it is raised', async () => {
  const paid = await serve(openaiChat({ tokens: ['paid answer'], usage: { prompt_tokens: 1_000_000, completion_tokens: 0 } }));
  const ollama = await serve(ollamaChat({ tokens: ['local answer'] }));
  const ai = new AiService(engine.db, engine.settings, { detectOllama: async () => LlmConfig.parse({ provider: 'ollama', baseUrl: ollama.baseUrl, model: 'llama3.2' }) });
  await ai.setChoice('chat', { provider: 'openai', baseUrl: `${paid.baseUrl}/v1`, apiKey: 'k', model: 'm', pricing: { inputPerMTok: 2, outputPerMTok: 4 } });
  ai.metering.setBudget({ monthlyUsd: 1.5 });
  expect((await ai.complete('chat', 'chat', ask))!.text).toBe('paid answer'); // costs $2.00
  expect(ai.metering.state()).toMatchObject({ spentUsd: 2, exceeded: true, warning: expect.stringMatching(/budget of \$1\.50 is used up/) });
  expect((await ai.complete('chat', 'chat', ask))!.text).toBe('local answer');
  ai.metering.setBudget({ monthlyUsd: 10 });
  expect(ai.metering.state().warning).toBeNull();
  expect((await ai.complete('chat', 'chat', ask))!.text).toBe('paid answer');
  await ai.close();
});

it('keeps provider keys out of what the handlers return, and tests connections', async () => {
  const server = await serve(openaiChat({ tokens: ['x'] }));
  const call = (name: string, input: unknown = {}) => invoke(registry, engine, name, input);
  await call('ai.providers.set', { task: 'chat', choice: { provider: 'openai', baseUrl: `${server.baseUrl}/v1`, apiKey: 'sk-very-secret', model: 'm' } });
  await call('ai.providers.set', { task: 'chat', choice: { provider: 'openai', baseUrl: `${server.baseUrl}/v1`, model: 'm2' } });
  const shown = JSON.stringify(await call('ai.providers.get'));
  expect(shown).not.toContain('sk-very-secret');
  expect(shown).toContain('"apiKeySaved":true');
  expect(engine.ai.choices().chat).toMatchObject({ model: 'm2', apiKey: 'sk-very-secret' });
  expect(await call('ai.test', { task: 'summaries' })).toMatchObject({ ok: false, provider: null });
  await expect(call('ai.providers.set', { task: 'chat', choice: { provider: 'openai', baseUrl: 'ftp://x', model: 'm' } })).rejects.toThrow(/baseUrl|URL|url/);
});
