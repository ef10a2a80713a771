/** A provider config as clients see it (speech, models): whether a key is saved, never the key itself. */
export function withoutKey<T extends { provider: string }>(config: T): Omit<T, 'apiKey'> & { apiKeySaved: boolean } {
  const { apiKey, ...rest } = config as T & { apiKey?: string };
  return { ...rest, apiKeySaved: Boolean(apiKey) };
}
