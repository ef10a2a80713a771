/**
 * Times, lengths and places as the timeline and the detail drawer say them: wall-clock times in a given UTC
 * offset, durations, where an item's time came from in plain words, and the values the "Move to day" form
 * sends. Pure, so every case is tested without a browser; nothing here depends on the machine's time zone.
 */
import type { MediaFacts } from '../../../../shared/media-schemas';
import type { EventTime } from '../../../../shared/schemas';
import { MONTHS_SHORT } from './heatmap-grid';

/** "22 Oct 2008": short and the same on every machine, for tiles that span many days. */
export function shortDay(day: string): string {
  return `${Number(day.slice(8, 10))} ${MONTHS_SHORT[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;
}

/** A tile's time in a list of many days: "3 Nov, 14:05" this year, "22 Oct 2008" before it. */
export function tileWhen(day: string, time: string, thisYear: string): string {
  const [date, year] = [shortDay(day).slice(0, -5), day.slice(0, 4)];
  return year === thisYear ? `${date}, ${time}` : `${date} ${year}`;
}

/** "0:07", "3:05", "1:02:03"; '' when unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** The calendar day and 24-hour clock time an instant shows on a clock `offsetMinutes` east of UTC. */
export function wallClock(iso: string, offsetMinutes: number): { day: string; time: string } {
  const shifted = new Date(Date.parse(iso) + offsetMinutes * 60_000).toISOString();
  return { day: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

/** "16:28–17:00", or one time when the episode is a single moment (to the minute). */
export function timeRange(startIso: string, endIso: string, offsetMinutes: number): string {
  const a = wallClock(startIso, offsetMinutes).time;
  const b = wallClock(endIso, offsetMinutes).time;
  return a === b ? a : `${a}–${b}`;
}

/** "UTC", "UTC+2", "UTC−5:30". */
export function offsetLabel(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const abs = Math.abs(offsetMinutes);
  const hm = abs % 60 ? `${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}` : String(abs / 60);
  return `UTC${offsetMinutes > 0 ? '+' : '−'}${hm}`;
}

/** The evidence the engine keeps for an event time: the node's fields plus, from the media facts, `offsetFrom`. */
export type TimeEvidence = Pick<EventTime, 'at' | 'source' | 'confidence'> & { offsetMinutes?: number; offsetFrom?: string };

const OFFSET_FROM: Record<string, string> = {
  gps: 'offset from GPS',
  sidecar: 'time zone from the Google Photos file beside it',
  client: 'time zone of the computer it was uploaded from',
  library: "time zone guessed from the library's setting",
};

/**
 * Where an item's time came from, as a phrase: "from the camera's clock, offset from GPS". `offsetFrom` is in
 * the media facts only (the node's event time drops it), so pass the facts' evidence when it is the same time.
 */
export function timeSourceText(t: TimeEvidence): string {
  switch (t.source) {
    case 'user':
      return 'set by you';
    case 'exif':
    case 'exif-naive':
      if (t.offsetFrom) return `from the camera's clock, ${OFFSET_FROM[t.offsetFrom] ?? `offset from ${t.offsetFrom}`}`;
      // A capture time with its own offset; a bare EXIF time without one is the GPS receiver's UTC stamp.
      return t.offsetMinutes !== undefined ? "from the camera's clock and its time zone" : "from the GPS receiver's clock";
    case 'container':
      return "from the recording's own time stamp";
    case 'sidecar':
      return 'from the Google Photos file beside it';
    case 'upload':
      return 'given when it was uploaded';
    case 'file':
      return "from the file's last-modified date";
    case 'created':
    case '':
      return 'when it was added to the library';
    default:
      return `from ${t.source}`;
  }
}

/** How far to trust a time, in words. */
export function confidenceText(confidence: number): string {
  if (confidence >= 0.9) return 'very likely right';
  if (confidence >= 0.7) return 'probably right';
  if (confidence >= 0.45) return 'a fair guess';
  return 'a rough guess';
}

/** The item's event time with the facts' details (offsetFrom, rejected evidence) when they describe the same time. */
export function timeEvidence(
  eventTime: EventTime | null,
  facts: (MediaFacts['eventTime'] & { offsetFrom?: string }) | undefined,
): (TimeEvidence & { rejected?: string[] }) | null {
  if (!eventTime) return null;
  const same = facts && facts.at === eventTime.at && facts.source === eventTime.source;
  return same ? { ...eventTime, offsetFrom: facts.offsetFrom, rejected: facts.rejected } : eventTime;
}

/**
 * What the "Move to day" form sends: an ISO time with the offset written out (`2024-05-01T14:30:00+02:00`), so
 * the engine stores the instant and the clock it was read on. `time` is `HH:MM` or `HH:MM:SS`.
 */
export function localInputToIso(day: string, time: string, offsetMinutes: number): string {
  const hms = time.length === 5 ? `${time}:00` : time;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${day}T${hms}${off}`;
}

/** "43.46745° N, 11.88513° E". */
export function formatCoordinates(latitude: number, longitude: number): string {
  const part = (v: number, pos: string, neg: string) => `${Math.abs(v).toFixed(5)}° ${v < 0 ? neg : pos}`;
  return `${part(latitude, 'N', 'S')}, ${part(longitude, 'E', 'W')}`;
}

/** A plain link to the place on openstreetmap.org (opened outside the app; no map tiles load here). */
export function mapLink(latitude: number, longitude: number): string {
  const lat = latitude.toFixed(5);
  const lon = longitude.toFixed(5);
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=16/${lat}/${lon}`;
}

/** "3 items", "1 item". */
export const countText = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** "NIKON COOLPIX P6000", without the make twice when the model repeats it ("Canon Canon EOS 5D"). */
export function cameraName(make?: string, model?: string): string {
  if (make && model?.toLowerCase().startsWith(make.toLowerCase())) return model;
  return [make, model].filter(Boolean).join(' ');
}

/** The first words of a note without its markdown marks. */
export function plainExcerpt(body: string, max = 700): string {
  const text = body.replace(/[#*_>`[\]]/g, '').replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
