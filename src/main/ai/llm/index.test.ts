import { describe, expect, it } from 'vitest';
import { EngramError } from '../../../shared/errors';
import { redactSecrets } from '../http-errors';
import { createLlmProvider, estimateCost, isLlmUnavailable, LlmConfig, LlmError, llmLabel, parseLlmConfig } from './index';

describe('LLM config', () => {
  it('applies the defaults', () => {
    expect(parseLlmConfig({ provider: 'ollama', model: ' llama3.2 ' })).toEqual({
      provider: 'ollama',
      baseUrl: 'http://127.0.0.1:11434',
      model: 'llama3.2',
    });
    expect(parseLlmConfig({ provider: 'openai', apiKey: 'sk-1', model: 'gpt-4o-mini', pricing: { inputPerMTok: 1, outputPerMTok: 2 } })).toEqual({
      provider: 'openai',
      baseUrl: 'https://api.openai.com/v1',
      apiKey: 'sk-1',
      model: 'gpt-4o-mini',
      pricing: { inputPerMTok: 1, outputPerMTok: 2 },
    });
    expect(createLlmProvider({ provider: 'none' })).toBeNull();
  });

  it.each([
    [{ provider: 'ollama' }, 'model'],
    [{ provider: 'ollama', model: 'x', baseUrl: 'localhost:11434' }, 'baseUrl'],
    [{ provider: 'openai', model: 'x', baseUrl: 'ftp://example.com' }, 'http:// or https://'],
    [{ provider: 'openai', model: 'x', baseUrl: 'https://user:sk-secret@example.com/v1' }, 'user name or password'],
    [{ provider: 'openai', model: 'x', pricing: { inputPerMTok: -1, outputPerMTok: 1 } }, 'pricing'],
    [{ provider: 'anthropic', model: 'x' }, 'provider'],
  ])('rejects %j', (input, mention) => {
    expect(LlmConfig.safeParse(input).success).toBe(false);
    let error: unknown;
    try {
      createLlmProvider(input as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EngramError);
    expect((error as EngramError).code).toBe('invalid_input');
    expect((error as EngramError).message).toMatch(/^Invalid language model settings:/);
    expect((error as EngramError).message).toContain(mention);
  });

  it('labels providers for messages', () => {
    expect(llmLabel(parseLlmConfig({ provider: 'ollama', model: 'x' }))).toBe('Ollama at http://127.0.0.1:11434');
    expect(llmLabel(parseLlmConfig({ provider: 'openai', model: 'x' }))).toBe('OpenAI at https://api.openai.com/v1');
    expect(llmLabel(parseLlmConfig({ provider: 'openai', model: 'x', baseUrl: 'http://localhost:1234/v1/' }))).toBe(
      'OpenAI-compatible server at http://localhost:1234/v1',
    );
  });
});

describe('LlmError', () => {
  it('maps to provider_unavailable with its reason', () => {
    const error = new LlmError('unauthorized', 'no', { httpStatus: 401 });
    expect(error).toBeInstanceOf(EngramError);
    expect(error.status).toBe(503);
    expect(error.toBody().error).toMatchObject({ code: 'provider_unavailable', details: { reason: 'unauthorized', status: 401 } });
    expect(isLlmUnavailable(error)).toBe(false);
    expect(isLlmUnavailable(new LlmError('timeout', 'slow'))).toBe(true);
    expect(isLlmUnavailable(new Error('x'))).toBe(false);
  });

  it('redacts keys from server text', () => {
    expect(redactSecrets('bad key my-own-secret-key here', 'my-own-secret-key')).toBe('bad key *** here');
    expect(redactSecrets('Incorrect API key provided: sk-proj-********************************abcd.')).toBe('Incorrect API key provided: sk-***.');
    expect(redactSecrets('header was Authorization: Bearer abcdefghijkl.mnop')).toBe('header was Authorization: Bearer ***');
  });
});

describe('estimateCost', () => {
  const usage = { inputTokens: 2_000_000, outputTokens: 500_000 };
  const openai = (extra: object) => parseLlmConfig({ provider: 'openai', model: 'gpt-4o-mini', ...extra });

  it('costs nothing locally', () => {
    expect(estimateCost(parseLlmConfig({ provider: 'ollama', model: 'llama3.2' }), usage)).toBe(0);
    expect(estimateCost(parseLlmConfig({ provider: 'ollama', model: 'llama3.2', baseUrl: 'http://192.168.1.5:11434' }), usage)).toBe(0);
    expect(estimateCost(openai({ baseUrl: 'http://127.0.0.1:1234/v1' }), usage)).toBe(0);
    expect(estimateCost({ provider: 'none' }, usage)).toBe(0);
  });

  it('uses configured pricing first, then OpenAI list prices', () => {
    expect(estimateCost(openai({ pricing: { inputPerMTok: 1, outputPerMTok: 4 } }), usage)).toBeCloseTo(4);
    expect(estimateCost(openai({ baseUrl: 'http://127.0.0.1:1234/v1', pricing: { inputPerMTok: 1, outputPerMTok: 4 } }), usage)).toBeCloseTo(4);
    expect(estimateCost(openai({}), usage)).toBeCloseTo(2 * 0.15 + 0.5 * 0.6);
    expect(estimateCost(openai({ model: 'gpt-4o-2024-08-06' }), usage)).toBeCloseTo(2 * 2.5 + 0.5 * 10);
    expect(estimateCost(openai({ model: 'openai/gpt-4.1-mini', baseUrl: 'https://openrouter.ai/api/v1' }), usage)).toBeCloseTo(2 * 0.4 + 0.5 * 1.6);
    expect(estimateCost(openai({ visionModel: 'gpt-4o' }), usage, 'gpt-4o')).toBeCloseTo(10);
  });

  it('does not guess for unknown remote models', () => {
    expect(estimateCost(openai({ model: 'llama-3.1-70b-versatile', baseUrl: 'https://api.groq.com/openai/v1' }), usage)).toBeNull();
  });
});
