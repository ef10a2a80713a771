import { describe, expect, it } from 'vitest';
import { SpeechConfig } from '../../../../shared/speech-schemas';
import { isLoopback } from '../../../../shared/loopback';
import { formFromConfig, remoteHost, toSpeechConfig, type SpeechConfigDTO } from './speech-form';

const none: SpeechConfigDTO = { provider: 'none' };

describe('speech form', () => {
  it('builds each provider’s config, which the engine accepts', () => {
    const openai = toSpeechConfig({ ...formFromConfig(none), provider: 'openai', openaiUrl: 'http://127.0.0.1:8000/v1', openaiModel: 'Systran/faster-whisper-small', language: 'EN' }, none);
    expect(openai).toEqual({ config: { provider: 'openai', baseUrl: 'http://127.0.0.1:8000/v1', model: 'Systran/faster-whisper-small', language: 'en' } });
    const whisper = toSpeechConfig({ ...formFromConfig(none), provider: 'whisper-cpp' }, none);
    expect(whisper).toEqual({ config: { provider: 'whisper-cpp', baseUrl: 'http://127.0.0.1:8080' } });
    for (const r of [openai, whisper]) expect(SpeechConfig.safeParse('config' in r && r.config).success).toBe(true);
    expect(toSpeechConfig({ ...formFromConfig(none), provider: 'none' }, none)).toEqual({ config: { provider: 'none' } });
  });

  it('sends no key when the field is left empty and one is saved (the engine keeps it), and a new one when typed', () => {
    const saved: SpeechConfigDTO = { provider: 'openai', baseUrl: 'https://api.openai.com/v1', apiKeySaved: true, model: 'whisper-1' };
    const form = formFromConfig(saved);
    expect(form.openaiKey).toBe('');
    const config = { provider: 'openai', baseUrl: 'https://api.openai.com/v1', model: 'whisper-1' };
    expect(toSpeechConfig(form, saved)).toEqual({ config });
    expect(toSpeechConfig({ ...form, openaiKey: 'sk-new' }, saved)).toEqual({ config: { ...config, apiKey: 'sk-new' } });
  });

  it('asks for what is missing or malformed', () => {
    const base = formFromConfig(none);
    expect(toSpeechConfig({ ...base, provider: 'openai' }, none)).toEqual({ errors: { openaiKey: 'OpenAI needs an API key (from platform.openai.com)' } });
    expect(toSpeechConfig({ ...base, provider: 'whisper-cpp', whisperUrl: 'localhost:8080', language: 'english' }, none)).toEqual({
      errors: { whisperUrl: 'Write the full address, starting with http:// or https://', language: 'Write a language code such as “en” or “de”, or leave it empty' },
    });
    expect(toSpeechConfig({ ...base, provider: 'whisper-cpp', whisperUrl: 'http://u:p@host:1' }, none)).toMatchObject({ errors: { whisperUrl: expect.stringMatching(/user name/) } });
  });

  it('warns when audio would leave the machine, by the same rule as the engine', () => {
    const base = formFromConfig(none);
    expect(remoteHost({ ...base, provider: 'openai', openaiUrl: '' })).toBe('api.openai.com');
    expect(remoteHost({ ...base, provider: 'whisper-cpp', whisperUrl: 'http://192.168.1.20:8080' })).toBe('192.168.1.20:8080');
    expect(remoteHost({ ...base, provider: 'whisper-cpp', whisperUrl: 'http://127.0.0.1:8080' })).toBeNull();
    expect(remoteHost({ ...base, provider: 'none' })).toBeNull();
    for (const url of ['http://localhost:1', 'http://a.localhost', 'http://127.1:2', 'http://[::1]:3', 'http://[::ffff:127.0.0.1]/', 'http://10.0.0.1', 'https://example.com', 'http://localhost.:9']) {
      expect(remoteHost({ ...base, provider: 'whisper-cpp', whisperUrl: url }) === null, url).toBe(isLoopback(url));
    }
  });
});
