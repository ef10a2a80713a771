/**
 * The speech-to-text form: none, an OpenAI-compatible endpoint, or a whisper.cpp server, turned into the
 * `speech.set` input. A saved API key is never shown; leaving the field empty keeps it.
 */
import { remoteHostOf } from '../../../../shared/loopback';
import { providerUrlError } from './url-check';

/** As `speech.get` answers (src/main/ai/without-key.ts): whether a key is saved, never the key. */
export type SpeechConfigDTO =
  | { provider: 'none' }
  | { provider: 'openai'; baseUrl: string; apiKey?: string; apiKeySaved?: boolean; model: string; language?: string }
  | { provider: 'whisper-cpp'; baseUrl: string; language?: string };

export type SpeechProvider = SpeechConfigDTO['provider'];

export interface SpeechForm {
  provider: SpeechProvider;
  openaiUrl: string;
  openaiKey: string;
  openaiModel: string;
  whisperUrl: string;
  language: string;
}

export type SpeechFormErrors = Partial<Record<keyof SpeechForm, string>>;

export const OPENAI_DEFAULT_URL = 'https://api.openai.com/v1';

export const SPEECH_PROVIDERS: { value: SpeechProvider; label: string; explain: string }[] = [
  { value: 'none', label: 'None', explain: 'Recordings are kept and playable; their transcripts wait until you choose a provider here.' },
  { value: 'openai', label: 'OpenAI-compatible', explain: 'OpenAI, or any server with the same /audio/transcriptions API (faster-whisper-server, LocalAI, Groq…).' },
  { value: 'whisper-cpp', label: 'whisper.cpp server', explain: 'whisper.cpp’s own server (whisper-server), usually on this machine; the model is chosen when it starts.' },
];

export function formFromConfig(c: SpeechConfigDTO): SpeechForm {
  return {
    provider: c.provider,
    openaiUrl: c.provider === 'openai' ? c.baseUrl : OPENAI_DEFAULT_URL,
    openaiKey: '',
    openaiModel: c.provider === 'openai' ? c.model : 'whisper-1',
    whisperUrl: c.provider === 'whisper-cpp' ? c.baseUrl : 'http://127.0.0.1:8080',
    language: c.provider === 'none' ? '' : (c.language ?? ''),
  };
}

/** The host audio would go to when it leaves this machine, else null. */
export function remoteHost(f: SpeechForm): string | null {
  const url = f.provider === 'openai' ? f.openaiUrl.trim() || OPENAI_DEFAULT_URL : f.provider === 'whisper-cpp' ? f.whisperUrl.trim() : '';
  return remoteHostOf(url);
}

/** The `speech.set` input; `saved` is the config in use, whose API key is kept when the field is left empty. */
export function toSpeechConfig(f: SpeechForm, saved: SpeechConfigDTO): { config: SpeechConfigDTO } | { errors: SpeechFormErrors } {
  const errors: SpeechFormErrors = {};
  const language = f.language.trim().toLowerCase();
  if (language && !/^(auto|[a-z]{2,3})$/.test(language)) errors.language = 'Write a language code such as “en” or “de”, or leave it empty';
  const url = (field: 'openaiUrl' | 'whisperUrl', fallback?: string) => {
    const v = f[field].trim() || fallback || '';
    const problem = v ? providerUrlError(v) : 'Write the server’s address, e.g. http://127.0.0.1:8080';
    if (problem) errors[field] = problem;
    return v;
  };
  let config: SpeechConfigDTO;
  if (f.provider === 'none') config = { provider: 'none' };
  else if (f.provider === 'openai') {
    // An empty field sends no key, and the engine keeps the one it has saved.
    const apiKey = f.openaiKey.trim();
    const keySaved = saved.provider === 'openai' && saved.apiKeySaved === true;
    config = { provider: 'openai', baseUrl: url('openaiUrl', OPENAI_DEFAULT_URL), model: f.openaiModel.trim() || 'whisper-1' };
    if (!apiKey && !keySaved && /^https:\/\/api\.openai\.com(\/|$)/i.test(config.baseUrl)) errors.openaiKey = 'OpenAI needs an API key (from platform.openai.com)';
    if (apiKey) config.apiKey = apiKey;
    if (language) config.language = language;
  } else {
    config = { provider: 'whisper-cpp', baseUrl: url('whisperUrl') };
    if (language) config.language = language;
  }
  return Object.keys(errors).length ? { errors } : { config };
}
