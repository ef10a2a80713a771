/**
 * The canonical moment a photo shows, from the evidence available, best first:
 *   1. the file's capture time with its own offset (source 'exif');
 *   2. a naive capture time, its offset taken from a UTC instant that agrees with it (the file's GPS time,
 *      then the sidecar's), else the uploading client's offset, else the library's time zone;
 *   3. the file's GPS time alone, when no capture time exists;
 *   4. a sidecar's UTC time (Google Photos Takeout);
 *   5. a time given at upload;
 *   6. the file's modification time.
 * Confidence says how far to trust the result; the detail view shows it with the source.
 */
import { parseDateTime } from './exif-values';
import type { CaptureTime } from './metadata';

export type EventTimeSource = 'exif' | 'exif-naive' | 'sidecar' | 'upload' | 'file';

/** Where a naive capture time's offset came from. */
export type OffsetOrigin = 'gps' | 'sidecar' | 'client' | 'library';

export interface EventTime {
  /** ISO UTC instant. */
  at: string;
  /** The local offset at the event, minutes east of UTC; absent when nothing says (show in the viewer's zone). */
  offsetMinutes?: number;
  source: EventTimeSource;
  offsetFrom?: OffsetOrigin;
  confidence: number;
  /** Evidence that was present but not believed, and why. */
  rejected?: string[];
}

export interface EventTimeCandidates {
  /** PhotoMetadata.captureTime. */
  capture?: CaptureTime;
  /** PhotoMetadata.gpsTime (UTC). */
  gpsTime?: string;
  /** TakeoutSidecar.takenAt (UTC). */
  sidecarTime?: string;
  /** Minutes east of UTC reported by the uploading client. */
  clientOffsetMinutes?: number;
  /** IANA zone of the library (Settings), e.g. "Europe/Berlin". Default: the process's zone. */
  libraryTimeZone?: string;
  /** A time given with the upload: ISO 8601, with or without an offset. */
  uploadTime?: string;
  fileModifiedAt?: Date | string | number;
}

/** Base confidence by how the time was found; each piece of contradicting evidence takes off REJECTED_PENALTY. */
export const CONFIDENCE = {
  exif: 0.95,
  exifWithGpsOffset: 0.9,
  exifWithSidecarOffset: 0.85,
  gpsOnly: 0.8,
  exifWithClientOffset: 0.7,
  // Google sets photoTakenTime from the upload time for files without a capture time, so alone it is weak.
  sidecar: 0.6,
  exifWithLibraryZone: 0.5,
  upload: 0.4,
  file: 0.2,
} as const;
export const REJECTED_PENALTY = 0.1;

// A UTC instant explains a naive wall clock when the difference is a real zone offset, to within the few
// minutes a GPS fix or a server clock may lag the shutter.
const MAX_LAG_MS = 5 * 60_000;
// Clocks run ahead and zones differ; anything later than this past "now" is a wrong clock, not an event.
const FUTURE_GRACE_MS = 36 * 3_600_000;

export function resolveEventTime(candidates: EventTimeCandidates, now: Date = new Date()): EventTime | undefined {
  const rejected: string[] = [];
  const plausible = (label: string, at: number | undefined): at is number => {
    if (at === undefined || Number.isNaN(at)) return false;
    if (at <= now.getTime() + FUTURE_GRACE_MS) return true;
    rejected.push(`${label} ${new Date(at).toISOString()} is in the future`);
    return false;
  };
  const result = (at: number, fields: Omit<EventTime, 'at' | 'rejected'>): EventTime => ({
    at: new Date(at).toISOString(),
    ...fields,
    confidence: Math.max(0.1, Math.round((fields.confidence - REJECTED_PENALTY * rejected.length) * 100) / 100),
    ...(rejected.length ? { rejected } : {}),
  });
  const zone = candidates.libraryTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const gpsTime = instant(candidates.gpsTime);
  const sidecarTime = instant(candidates.sidecarTime);

  const { capture } = candidates;
  if (capture) {
    const wall = Date.parse(`${capture.local}Z`);
    if (capture.offsetMinutes !== undefined) {
      const at = wall - capture.offsetMinutes * 60_000;
      if (plausible(capture.tag, at)) {
        return result(at, { offsetMinutes: capture.offsetMinutes, source: 'exif', confidence: CONFIDENCE.exif });
      }
    } else {
      const guesses: [OffsetOrigin, number | undefined, number][] = [
        ['gps', offsetExplaining(wall, gpsTime, 'GPS time', rejected), CONFIDENCE.exifWithGpsOffset],
        ['sidecar', offsetExplaining(wall, sidecarTime, 'sidecar time', rejected), CONFIDENCE.exifWithSidecarOffset],
        ['client', validOffset(candidates.clientOffsetMinutes), CONFIDENCE.exifWithClientOffset],
        ['library', zoneOffsetAtWallClock(zone, wall), CONFIDENCE.exifWithLibraryZone],
      ];
      for (const [origin, offsetMinutes, confidence] of guesses) {
        if (offsetMinutes === undefined) continue;
        const at = wall - offsetMinutes * 60_000;
        if (!plausible(capture.tag, at)) break;
        const source = origin === 'gps' ? 'exif' : 'exif-naive';
        return result(at, { offsetMinutes, source, offsetFrom: origin, confidence });
      }
    }
  }
  if (plausible('GPS time', gpsTime)) return result(gpsTime, { source: 'exif', confidence: CONFIDENCE.gpsOnly });
  if (plausible('sidecar time', sidecarTime)) return result(sidecarTime, { source: 'sidecar', confidence: CONFIDENCE.sidecar });

  const upload = parseUploadTime(candidates.uploadTime, candidates.clientOffsetMinutes, zone);
  if (upload && plausible('upload time', upload.at)) {
    return result(upload.at, { offsetMinutes: upload.offsetMinutes, source: 'upload', confidence: CONFIDENCE.upload });
  }
  const file = candidates.fileModifiedAt === undefined ? undefined : new Date(candidates.fileModifiedAt).getTime();
  // Archives without times unpack with mtime 0; that is no evidence at all.
  if (file !== undefined && file > 0 && plausible('file time', file)) {
    return result(file, { source: 'file', confidence: CONFIDENCE.file });
  }
  return undefined;
}

function offsetExplaining(wall: number, utc: number | undefined, label: string, rejected: string[]): number | undefined {
  if (utc === undefined) return undefined;
  const offsetMinutes = Math.round((wall - utc) / (15 * 60_000)) * 15;
  const lag = Math.abs(wall - utc - offsetMinutes * 60_000);
  if (lag <= MAX_LAG_MS && validOffset(offsetMinutes) !== undefined) return offsetMinutes;
  rejected.push(`${label} ${new Date(utc).toISOString()} does not match the capture time by a time-zone offset`);
  return undefined;
}

function validOffset(minutes: number | undefined): number | undefined {
  return minutes !== undefined && Number.isInteger(minutes) && minutes >= -12 * 60 && minutes <= 14 * 60
    ? minutes
    : undefined;
}

function instant(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? undefined : at;
}

/** An ISO time with an offset stands alone; a naive one is read in the client's offset, else the library's zone. */
function parseUploadTime(text: string | undefined, clientOffset: number | undefined, zone: string) {
  const parsed = parseDateTime(text);
  if (!parsed) return undefined;
  const wall = Date.parse(`${parsed.local}Z`);
  const offsetMinutes = parsed.offsetMinutes ?? validOffset(clientOffset) ?? zoneOffsetAtWallClock(zone, wall);
  return { at: wall - offsetMinutes * 60_000, offsetMinutes };
}

/** The offset `zone` had when its clocks showed `wall` (a wall-clock time encoded as if it were UTC). */
function zoneOffsetAtWallClock(zone: string, wall: number): number {
  // The offset at a guessed instant, corrected once: right everywhere except inside a DST gap or overlap.
  const first = zoneOffsetAt(zone, wall);
  return zoneOffsetAt(zone, wall - first * 60_000);
}

function zoneOffsetAt(zone: string, at: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}
