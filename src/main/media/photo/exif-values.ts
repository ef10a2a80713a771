/**
 * Parsing of the raw values EXIF and XMP store for times and places. Files in the wild carry blanks
 * ("0000:00:00 00:00:00", spaces), odd separators and one-digit offsets, so every parser returns
 * undefined instead of a wrong value.
 */

/** A wall-clock time as recorded: `YYYY-MM-DDTHH:mm:ss` plus `.SSS` when sub-seconds are known. */
export type LocalDateTime = string;

export interface ParsedDateTime {
  local: LocalDateTime;
  /** Minutes east of UTC, when the value itself carries a zone (XMP, or software that appends one). */
  offsetMinutes?: number;
}

// EXIF uses "YYYY:MM:DD HH:MM:SS"; XMP uses ISO 8601. Seconds and the zone are optional in XMP.
const DATE_TIME =
  /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{1,2}:?\d{2})?$/;

export function parseDateTime(raw: unknown): ParsedDateTime | undefined {
  if (typeof raw !== 'string') return undefined;
  const match = DATE_TIME.exec(raw.replace(/\0/g, '').trim());
  if (!match) return undefined;
  const [, y = '', mo = '', d = '', h = '', mi = '', s = '00', fraction, zone] = match;
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (year < 1800 || month < 1 || month > 12 || day < 1 || day > daysInMonth) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  const offsetMinutes = zone === undefined ? undefined : parseOffset(zone);
  if (zone !== undefined && offsetMinutes === undefined) return undefined;
  const local = `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction ? `.${fraction.slice(0, 3).padEnd(3, '0')}` : ''}`;
  return offsetMinutes === undefined ? { local } : { local, offsetMinutes };
}

/** "+02:00", "-0530", "Z" (and the one-digit "+1:00" some software writes) to minutes east of UTC. */
export function parseOffset(raw: unknown): number | undefined {
  if (typeof raw !== 'string') return undefined;
  const text = raw.replace(/\0/g, '').trim();
  if (text === 'Z') return 0;
  const match = /^([+-])(\d{1,2}):?(\d{2})$/.exec(text);
  if (!match) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  if (Number(match[3]) > 59 || minutes > 14 * 60) return undefined;
  return match[1] === '-' ? -minutes : minutes;
}

/** SubSecTime is the digits of a decimal fraction ("054" is 54 ms, "68" is 680 ms). */
export function withSubSeconds(local: LocalDateTime, raw: unknown): LocalDateTime {
  const digits = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
  if (!/^\d+$/.test(digits) || local.includes('.')) return local;
  return `${local}.${digits.slice(0, 3).padEnd(3, '0')}`;
}

/** GPSDateStamp ("YYYY:MM:DD") with GPSTimeStamp ([h, m, s]) as an ISO UTC instant. */
export function parseGpsTime(dateStamp: unknown, timeStamp: unknown): string | undefined {
  if (!Array.isArray(timeStamp) || timeStamp.length !== 3) return undefined;
  const [h, m, s] = timeStamp as unknown[];
  if (![h, m, s].every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0)) return undefined;
  const date = parseDateTime(`${String(dateStamp).trim()} 00:00:00`);
  if (!date || (h as number) >= 24 || (m as number) >= 60 || (s as number) >= 61) return undefined;
  const ms = Date.parse(`${date.local}Z`) + (((h as number) * 60 + (m as number)) * 60 + (s as number)) * 1000;
  return new Date(Math.round(ms)).toISOString();
}

/** EXIF text fields are fixed-size and NUL-padded; some cameras leave garbage after the NUL. */
export function cleanText(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const text = raw.split('\0')[0]!.trim();
  return text === '' ? undefined : text;
}

/** BYTE tags arrive as numbers or one-element arrays depending on the file. */
export function firstNumber(raw: unknown): number | undefined {
  const value = ArrayBuffer.isView(raw) || Array.isArray(raw) ? (raw as ArrayLike<unknown>)[0] : raw;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
