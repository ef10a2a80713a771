import { createHttpSpeechProvider, type SpeechHttpOptions } from './http';
import type { SpeechConfig, SpeechProvider } from './types';
import { endpointUrl, hostOf } from './url';

type OpenAIConfig = Extract<SpeechConfig, { provider: 'openai' }>;

/**
 * Any OpenAI-compatible POST {baseUrl}/audio/transcriptions (OpenAI, faster-whisper-server, LocalAI, Groq…).
 * Asks for verbose_json to get segment timestamps; models that only speak `json` (gpt-4o-transcribe) answer
 * 400 about the response_format, after which this provider asks for `json` and times each chunk as a whole.
 */
export function createOpenAISpeechProvider(config: OpenAIConfig, http: SpeechHttpOptions = {}): SpeechProvider {
  const url = endpointUrl(config.baseUrl, '/audio/transcriptions');
  return createHttpSpeechProvider(
    {
      id: `openai:${config.model}@${hostOf(url)}`,
      service: 'OpenAI',
      url,
      headers: config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {},
      secret: config.apiKey,
      formatFallback: true,
      fields: (format, language) => {
        const lang = language ?? config.language;
        return {
          model: config.model,
          response_format: format,
          temperature: '0',
          // The API auto-detects when no language is sent; it has no "auto" value.
          ...(lang && lang !== 'auto' ? { language: lang } : {}),
        };
      },
    },
    http,
  );
}
