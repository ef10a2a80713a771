import { createHttpSpeechProvider, type SpeechHttpOptions } from './http';
import type { SpeechConfig, SpeechProvider } from './types';
import { endpointUrl, hostOf } from './url';

type WhisperCppConfig = Extract<SpeechConfig, { provider: 'whisper-cpp' }>;

/**
 * whisper.cpp's `examples/server` (whisper-server): POST {baseUrl}/inference, multipart `file`,
 * `response_format`, `temperature`, `language`. The model is whatever the server was started with. Without a
 * language the server's own `-l` default applies (`en` unless set), so multilingual libraries should configure
 * `auto` here or on the server.
 */
export function createWhisperCppSpeechProvider(config: WhisperCppConfig, http: SpeechHttpOptions = {}): SpeechProvider {
  const url = endpointUrl(config.baseUrl, '/inference');
  return createHttpSpeechProvider(
    {
      id: `whisper-cpp@${hostOf(url)}`,
      service: 'whisper.cpp',
      url,
      fields: (format, language) => {
        const lang = language ?? config.language;
        return { response_format: format, temperature: '0.0', ...(lang ? { language: lang } : {}) };
      },
    },
    http,
  );
}
