import type { SpeechConfig } from '../ai/speech';

/** A speech config as clients see it: whether a key is saved, never the key itself. */
export function withoutKey(config: SpeechConfig): Omit<SpeechConfig, 'apiKey'> & { apiKeySaved: boolean } {
  const { apiKey, ...rest } = config as SpeechConfig & { apiKey?: string };
  return { ...rest, apiKeySaved: Boolean(apiKey) };
}
