/**
 * Reading the metadata tags ffprobe reports for a container or stream: capture time, GPS position, camera.
 * Phones write these under their own keys (Apple's com.apple.quicktime.*, Android's com.android.*), plain
 * muxers under short ones; the first usable value wins, in the order listed.
 */

export type Tags = ReadonlyMap<string, string>;

/** ffprobe's tags with lower-case keys: Matroska writes them in capitals, MP4 in lower case. */
export function tagMap(...sources: (Record<string, unknown> | undefined)[]): Tags {
  const tags = new Map<string, string>();
  for (const source of sources) {
    for (const [key, value] of Object.entries(source ?? {})) {
      const name = key.toLowerCase();
      if (typeof value === 'string' && value.trim() !== '' && !tags.has(name)) tags.set(name, value.trim());
    }
  }
  return tags;
}

/** A tag's value; MP4 user data can carry a language suffix ("location-eng"), which is accepted too. */
export function tag(tags: Tags, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const exact = tags.get(key);
    if (exact !== undefined) return exact;
    for (const [name, value] of tags) if (/^-[a-z]{3}$/.test(name.slice(key.length)) && name.startsWith(key)) return value;
  }
  return undefined;
}

export interface CreationTime {
  /** The instant, ISO 8601 in UTC. */
  utc: string;
  /** Minutes east of UTC where the recording was made, when the file says. */
  offsetMinutes?: number;
}

/**
 * When the recording was made. Apple's creationdate is preferred: it carries the local offset and survives
 * edits and exports, which reset creation_time. creation_time is UTC by the QuickTime and Matroska specs
 * (many cameras write local time there anyway; deciding that is the event-time step's job).
 */
export function readCreationTime(tags: Tags): CreationTime | undefined {
  const apple = parseTimestamp(tag(tags, 'com.apple.quicktime.creationdate'), { zoneRequired: true });
  return apple ?? parseTimestamp(tag(tags, 'creation_time', 'date_recorded'), { zoneRequired: false });
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

function parseTimestamp(value: string | undefined, { zoneRequired }: { zoneRequired: boolean }): CreationTime | undefined {
  const match = value ? TIMESTAMP.exec(value) : null;
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', zone] = match;
  if (!zone && zoneRequired) return undefined;
  const offsetMinutes = !zone || zone.toUpperCase() === 'Z' ? 0 : zoneMinutes(zone);
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  const wall = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), millis);
  const date = new Date(wall - offsetMinutes * 60_000);
  // Date.UTC rolls over out-of-range fields (month 13); 1904 and 1970 are the epochs of an unset clock.
  if (Number.isNaN(date.getTime()) || new Date(wall).getUTCDate() !== Number(day) || Number(year) < 1971) return undefined;
  return { utc: date.toISOString(), ...(zone && zone.toUpperCase() !== 'Z' ? { offsetMinutes } : {}) };
}

function zoneMinutes(zone: string): number {
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return zone.startsWith('-') ? -minutes : minutes;
}

export interface GpsFix {
  lat: number;
  lon: number;
  /** Metres above the reference ellipsoid or sea level, as the device recorded it. */
  altitude?: number;
}

export function readGps(tags: Tags): GpsFix | undefined {
  return parseIso6709(tag(tags, 'com.apple.quicktime.location.iso6709', 'location'));
}

// Sign and number for latitude, longitude and the optional altitude, then an optional CRS name and the "/".
const ISO6709 = /^([+-])(\d+)(\.\d*)?([+-])(\d+)(\.\d*)?(?:([+-]\d+(?:\.\d*)?))?(?:CRS[A-Za-z0-9_]*)?\/?$/;

/**
 * An ISO 6709 point such as "+48.8577+002.2950+035.000/". The integer digits say the notation: degrees
 * (±DD, ±DDD), degrees and minutes (±DDMM, ±DDDMM) or degrees, minutes and seconds (±DDMMSS, ±DDDMMSS).
 * Phones record 0,0 when they have no fix, so that point counts as none.
 */
export function parseIso6709(value: string | undefined): GpsFix | undefined {
  const match = value ? ISO6709.exec(value.trim()) : null;
  if (!match) return undefined;
  const [, latSign, latInt, latFrac = '', lonSign, lonInt, lonFrac = '', altitude] = match;
  const lat = angle(latInt!, latFrac, 2);
  const lon = angle(lonInt!, lonFrac, 3);
  if (lat === undefined || lon === undefined || lat > 90 || lon > 180 || (lat === 0 && lon === 0)) return undefined;
  return {
    lat: latSign === '-' ? -lat : lat,
    lon: lonSign === '-' ? -lon : lon,
    ...(altitude !== undefined ? { altitude: Number(altitude) } : {}),
  };
}

function angle(integer: string, fraction: string, degreeDigits: number): number | undefined {
  const extra = integer.length - degreeDigits;
  // Some Android phones drop leading zeros ("+1.29+103.85"), so short degrees are accepted.
  if (extra <= 0) return Number(integer + fraction);
  const degrees = Number(integer.slice(0, degreeDigits));
  if (extra === 2) {
    const minutes = Number(integer.slice(degreeDigits) + fraction);
    return minutes < 60 ? degrees + minutes / 60 : undefined;
  }
  if (extra === 4) {
    const minutes = Number(integer.slice(degreeDigits, degreeDigits + 2));
    const seconds = Number(integer.slice(degreeDigits + 2) + fraction);
    return minutes < 60 && seconds < 60 ? degrees + minutes / 60 + seconds / 3600 : undefined;
  }
  return undefined;
}

/** Camera maker and model; "Apple" / "iPhone 12 Pro" on iPhones. */
export function readCamera(tags: Tags): { make?: string; model?: string } {
  const make = tag(tags, 'com.apple.quicktime.make', 'com.android.manufacturer', 'make');
  const model = tag(tags, 'com.apple.quicktime.model', 'com.android.model', 'model');
  return { ...(make ? { make } : {}), ...(model ? { model } : {}) };
}
