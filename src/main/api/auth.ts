/** API keys: one per library, generated on first serve and kept in the library's settings. */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Settings } from '../db/settings';

const KEY_SETTING = 'api.key';

export function resolveApiKey(settings: Settings, given?: string): { key: string; generated: boolean } {
  if (given) return { key: given, generated: false };
  const stored = settings.get<string>(KEY_SETTING);
  if (stored) return { key: stored, generated: false };
  const key = `egm_${randomBytes(24).toString('base64url')}`;
  settings.set(KEY_SETTING, key);
  return { key, generated: true };
}

/** The key a request carries, from `Authorization: Bearer K` or `X-API-Key: K`. */
export function presentedKey(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && /^Bearer\s+/i.test(auth)) return auth.replace(/^Bearer\s+/i, '').trim();
  const x = headers['x-api-key'];
  return typeof x === 'string' ? x.trim() : undefined;
}

/** Constant-time comparison so the key cannot be guessed byte by byte from response times. */
export function keyMatches(expected: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
