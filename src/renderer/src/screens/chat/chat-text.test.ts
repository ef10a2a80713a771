import { describe, expect, it } from 'vitest';
import { base64OfDataUrl, extractiveHint, imageProblem, isMediaKind, isSendKey, modeLabel, modelText, nextFeedback, sourcesHeading } from './chat-text';

describe('chat words', () => {
  it('labels answers made without a model, and nothing-found answers', () => {
    expect(modeLabel('extractive')).toBe('Answered from your notes without a model');
    expect(modeLabel('nothing')).toMatch(/^Nothing in your library about this/);
    expect(modeLabel('llm')).toBeNull();
    expect(sourcesHeading('nothing', 3)).toBe('Closest items');
    expect(sourcesHeading('llm', 2)).toBe('Sources (2)');
    expect(sourcesHeading('llm', 1)).toBe('Source');
  });

  it('explains an answer without a model when a model is set up', () => {
    const m = { mode: 'extractive' as const, content: 'No chat model is set up, so…' };
    expect(extractiveHint(m, true)).toMatch(/none of the items that match allows AI use/);
    expect(extractiveHint(m, false)).toBeNull();
    expect(extractiveHint({ ...m, content: '…\n\n_The chat model failed (timeout), so…_' }, true)).toBeNull();
    expect(extractiveHint({ ...m, mode: 'llm' }, true)).toBeNull();
  });

  it('names the model that answered', () => {
    expect(modelText({ provider: 'ollama:llama3.2@127.0.0.1:11434', model: 'llama3.2' })).toBe('llama3.2 via Ollama at 127.0.0.1:11434');
    expect(modelText({ provider: 'openai:gpt-4o-mini@api.openai.com', model: 'gpt-4o-mini' })).toBe('gpt-4o-mini via an OpenAI-compatible server at api.openai.com');
    expect(modelText({ provider: 'odd', model: null })).toBe('odd');
    expect(modelText({ provider: null, model: null })).toBeNull();
  });

  it('takes a vote back when the same thumb is pressed again', () => {
    expect(nextFeedback(null, 1)).toBe(1);
    expect(nextFeedback(1, 1)).toBeNull();
    expect(nextFeedback(1, -1)).toBe(-1);
  });

  it('opens media in the drawer and the rest in the editor', () => {
    expect(isMediaKind('photo')).toBe(true);
    expect(isMediaKind('screenshot')).toBe(true);
    expect(isMediaKind('note')).toBe(false);
    expect(isMediaKind('journal')).toBe(false);
  });

  it('accepts JPEG, PNG and WebP up to 10 MB', () => {
    expect(imageProblem({ type: 'image/png', size: 1000, name: 'a.png' })).toBeNull();
    expect(imageProblem({ type: 'image/gif', size: 1000, name: 'a.gif' })).toMatch(/not a JPEG/);
    expect(imageProblem({ type: 'image/jpeg', size: 11 * 1024 * 1024, name: 'big.jpg' })).toMatch(/larger than 10 MB/);
    expect(base64OfDataUrl('data:image/png;base64,QUJD')).toBe('QUJD');
  });

  it('sends on Enter, not on Shift+Enter or while composing', () => {
    const k = { key: 'Enter', shiftKey: false, altKey: false };
    expect(isSendKey(k)).toBe(true);
    expect(isSendKey({ ...k, shiftKey: true })).toBe(false);
    expect(isSendKey({ ...k, isComposing: true })).toBe(false);
    expect(isSendKey({ ...k, key: 'a' })).toBe(false);
  });
});
