import { describe, expect, it } from 'vitest';
import { embedderAdvice, formFromChoice, toChoice } from './embedder-form';
import { embedderLabel } from './embedder-label';

const base = formFromChoice({ provider: 'static' });

describe('embedder form', () => {
  it('round-trips every provider through the form', () => {
    for (const c of [
      { provider: 'static' },
      { provider: 'onnx', modelDir: '/models/minilm' },
      { provider: 'ollama', model: 'nomic-embed-text' },
      { provider: 'ollama', baseUrl: 'http://gpu-box:11434', model: 'mxbai-embed-large' },
      { provider: 'openai', baseUrl: 'https://api.example.org/v1', apiKey: 'sk-1', model: 'e5', dimensions: 256 },
    ] as const) {
      expect(toChoice(formFromChoice(c))).toEqual({ choice: c });
    }
  });

  it('offers sensible models before anything is chosen', () => {
    expect(base).toMatchObject({ provider: 'static', ollamaModel: 'nomic-embed-text', openaiModel: 'text-embedding-3-small' });
  });

  it('names the fields that need fixing', () => {
    expect(toChoice({ ...base, provider: 'onnx', modelDir: '  ' })).toEqual({ errors: { modelDir: expect.any(String) } });
    const bad = toChoice({ ...base, provider: 'openai', openaiUrl: 'api.openai.com', openaiModel: '', openaiDimensions: '3.5' });
    expect(Object.keys((bad as { errors: object }).errors).sort()).toEqual(['openaiDimensions', 'openaiModel', 'openaiUrl']);
  });

  it('leaves empty optional fields out and trims the rest', () => {
    expect(toChoice({ ...base, provider: 'openai', openaiKey: ' ', openaiModel: ' m ', openaiUrl: '' })).toEqual({
      choice: { provider: 'openai', model: 'm' },
    });
  });

  it('says what to do about common provider failures', () => {
    const ollama = { ...base, provider: 'ollama' as const };
    expect(embedderAdvice(ollama, 'Ollama embedding request to http://127.0.0.1:11434/api/embed failed: ECONNREFUSED')).toMatch(/ollama serve/);
    expect(embedderAdvice(ollama, 'failed: HTTP 404 Not Found: model "x" not found')).toMatch(/ollama pull nomic-embed-text/);
    expect(embedderAdvice({ ...base, provider: 'openai' }, 'failed: HTTP 401 Unauthorized')).toMatch(/API key/);
    expect(embedderAdvice({ ...base, provider: 'onnx' }, 'folder does not exist')).toMatch(/transformers.js export/);
    // A generic message (the transport hid the details) still gets the provider's usual checks.
    expect(embedderAdvice(ollama, 'Something went wrong inside Engram')).toMatch(/ollama serve.*ollama pull nomic-embed-text/);
    expect(embedderAdvice({ ...base, provider: 'openai' }, 'Something went wrong')).toMatch(/address, the API key and the model/);
  });
});

describe('embedderLabel', () => {
  it('names embedders by what they are', () => {
    expect(embedderLabel('static:wink-sg-100d-int8@1')).toBe('built-in word vectors');
    expect(embedderLabel('ollama:nomic-embed-text')).toBe('Ollama nomic-embed-text');
    expect(embedderLabel('openai:text-embedding-3-small@1536')).toBe('text-embedding-3-small (OpenAI-compatible)');
    expect(embedderLabel('onnx:all-MiniLM-L6-v2:q8')).toBe('local ONNX model all-MiniLM-L6-v2');
    expect(embedderLabel('custom')).toBe('custom');
  });
});
