/**
 * The speech-to-text form: none, an OpenAI-compatible endpoint, or a whisper.cpp server, turned into the
 * `speech.set` input. A saved API key is never shown; leaving the field empty keeps it.
 */

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

const isHttpUrl = (s: string) => {
  try {
    return /^https?:$/.test(new URL(s).protocol);
  } catch {
    return false;
  }
};

/**
 * Whether `url` is this machine (localhost, 127.0.0.0/8, ::1): the engine's own test (src/main/ai/speech/url.ts),
 * repeated here because the renderer does not import engine code. Anything else sends audio away.
 */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  if (host.startsWith('[') && host.endsWith(']')) {
    const v6 = host.slice(1, -1);
    if (v6 === '::1') return true;
    const mapped = /^::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(v6);
    return mapped !== null && parseInt(mapped[1]!, 16) >> 8 === 127;
  }
  return false;
}

/** The host audio would go to when it leaves this machine, else null. */
export function remoteHost(f: SpeechForm): string | null {
  const url = f.provider === 'openai' ? f.openaiUrl.trim() || OPENAI_DEFAULT_URL : f.provider === 'whisper-cpp' ? f.whisperUrl.trim() : '';
  if (!url || isLoopbackUrl(url)) return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/** The `speech.set` input; `saved` is the config in use, whose API key is kept when the field is left empty. */
export function toSpeechConfig(f: SpeechForm, saved: SpeechConfigDTO): { config: SpeechConfigDTO } | { errors: SpeechFormErrors } {
  const errors: SpeechFormErrors = {};
  const language = f.language.trim().toLowerCase();
  if (language && !/^(auto|[a-z]{2,3})$/.test(language)) errors.language = 'Write a language code such as “en” or “de”, or leave it empty';
  const url = (field: 'openaiUrl' | 'whisperUrl', fallback?: string) => {
    const v = f[field].trim() || fallback || '';
    if (!v) errors[field] = 'Write the server’s address, e.g. http://127.0.0.1:8080';
    else if (!isHttpUrl(v)) errors[field] = 'Write the full address, starting with http:// or https://';
    else if (/^[a-z]+:\/\/[^/?#]*@/i.test(v)) errors[field] = 'Leave the user name and password out of the address';
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
