import { describe, expect, it } from 'vitest';
import { formFromChoice, providerText, remoteAiHost, sameEndpoint, sameForm, toChoice } from './ai-form';

describe('AI model form', () => {
  it('round-trips each kind of choice', () => {
    expect(toChoice(formFromChoice('auto'), 'auto')).toEqual({ choice: 'auto' });
    expect(toChoice(formFromChoice({ provider: 'none' }), 'auto')).toEqual({ choice: { provider: 'none' } });
    const ollama = { provider: 'ollama' as const, baseUrl: 'http://127.0.0.1:11434', model: 'llama3.2', visionModel: 'llava' };
    expect(toChoice(formFromChoice(ollama), ollama)).toEqual({ choice: { provider: 'ollama', baseUrl: 'http://127.0.0.1:11434', model: 'llama3.2', visionModel: 'llava' } });
    const openai = { provider: 'openai' as const, baseUrl: 'http://127.0.0.1:8080/v1', model: 'qwen', pricing: { inputPerMTok: 0.1, outputPerMTok: 0.4 }, apiKeySaved: true };
    expect(toChoice(formFromChoice(openai), openai)).toEqual({
      choice: { provider: 'openai', baseUrl: 'http://127.0.0.1:8080/v1', model: 'qwen', pricing: { inputPerMTok: 0.1, outputPerMTok: 0.4 } },
    });
  });

  it('never fills the key field, sends a typed key, and keeps a saved one', () => {
    const saved = { provider: 'openai' as const, baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini', apiKeySaved: true };
    const form = formFromChoice(saved);
    expect(form.openaiKey).toBe('');
    expect(toChoice(form, saved)).toEqual({ choice: { provider: 'openai', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini' } });
    expect(toChoice({ ...form, openaiKey: ' sk-new ' }, saved)).toMatchObject({ choice: { apiKey: 'sk-new' } });
    expect(toChoice(form, 'auto')).toEqual({ errors: { openaiKey: expect.stringMatching(/needs an API key/) } });
  });

  it('says what is missing or wrong', () => {
    const form = { ...formFromChoice('auto'), kind: 'ollama' as const, ollamaUrl: 'ftp://x', ollamaModel: ' ' };
    const r = toChoice(form, 'auto');
    expect(r).toEqual({ errors: { ollamaUrl: expect.any(String), ollamaModel: expect.any(String) } });
    const priced = { ...formFromChoice('auto'), kind: 'openai' as const, openaiUrl: 'http://localhost:1234/v1', openaiModel: 'm', priceIn: '0.1' };
    expect(toChoice(priced, 'auto')).toEqual({ errors: { priceOut: 'Give both prices, or neither' } });
    expect(toChoice({ ...priced, priceOut: 'x' }, 'auto')).toEqual({ errors: { priceOut: expect.stringMatching(/dollars/) } });
  });

  it('warns when text would leave the machine', () => {
    const base = formFromChoice('auto');
    expect(remoteAiHost({ ...base, kind: 'ollama' })).toBeNull();
    expect(remoteAiHost({ ...base, kind: 'openai' })).toBe('api.openai.com');
    expect(remoteAiHost({ ...base, kind: 'openai', openaiUrl: 'http://localhost:1234/v1' })).toBeNull();
    expect(remoteAiHost({ ...base, kind: 'ollama', ollamaUrl: 'http://gpu-box.lan:11434' })).toBe('gpu-box.lan:11434');
    expect(remoteAiHost({ ...base, kind: 'none' })).toBeNull();
  });

  it('describes the provider in use and knows when its model list applies', () => {
    expect(providerText({ provider: 'none' })).toBe('No model');
    expect(providerText({ provider: 'ollama', baseUrl: 'http://127.0.0.1:11434', model: 'llama3.2' })).toBe('Ollama · llama3.2 at 127.0.0.1:11434');
    const form = { ...formFromChoice('auto'), kind: 'ollama' as const };
    expect(sameEndpoint(form, { provider: 'ollama', baseUrl: 'http://127.0.0.1:11434/', model: 'x' })).toBe(true);
    expect(sameEndpoint(form, { provider: 'none' })).toBe(false);
    expect(sameEndpoint({ ...form, kind: 'auto' }, { provider: 'ollama', baseUrl: 'http://127.0.0.1:11434', model: 'x' })).toBe(false);
  });

  it('tells unsaved changes apart', () => {
    const a = formFromChoice({ provider: 'ollama', baseUrl: 'http://127.0.0.1:11434', model: 'a' });
    expect(sameForm(a, { ...a })).toBe(true);
    expect(sameForm(a, { ...a, ollamaModel: 'b' })).toBe(false);
    expect(sameForm(a, { ...a, openaiModel: 'ignored' })).toBe(true);
    expect(sameForm(a, { ...a, kind: 'none' })).toBe(false);
    const o = { ...a, kind: 'openai' as const };
    expect(sameForm(o, { ...o, openaiKey: 'sk' })).toBe(false);
  });
});
