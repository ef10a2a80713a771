/** The media settings handlers as clients call them: the speech key never travels back out. */
import { expect, it } from 'vitest';
import { useTempLibrary } from '../../../tests/helpers/temp-library';
import type { Engine } from '../engine/engine';
import { invoke } from '../engine/handlers';
import { registry } from '../engine/registry';

let engine: Engine;
useTempLibrary((e) => (engine = e));
const call = (name: string, input: unknown = {}) => invoke(registry, engine, name, input);

it('never returns the speech API key, and keeps it when a change leaves it out', async () => {
  const answer = await call('speech.set', { provider: 'openai', baseUrl: 'https://api.example.com/v1', apiKey: 'sk-secret', model: 'whisper-1' });
  expect(answer).toEqual({ provider: 'openai', baseUrl: 'https://api.example.com/v1', model: 'whisper-1', apiKeySaved: true });
  expect(JSON.stringify(await call('speech.get'))).not.toContain('sk-secret');
  await call('speech.set', { provider: 'openai', baseUrl: 'https://api.example.com/v1', model: 'whisper-large' });
  expect(engine.media.speechConfig()).toMatchObject({ model: 'whisper-large', apiKey: 'sk-secret' });
  await call('speech.set', { provider: 'none' });
  expect(await call('speech.get')).toEqual({ provider: 'none', apiKeySaved: false });
});

it('refuses invalid media settings with the field named, and keeps the old ones', async () => {
  await expect(call('media.settings.set', { maxFileMb: -3 })).rejects.toThrow(/maxFileMb/);
  expect(await call('media.settings.get')).toMatchObject({ maxFileMb: 4096 });
  expect(await call('storage.get')).toMatchObject({ budgetBytes: null, warning: null });
});
