/**
 * What a photo file says about itself: camera, lens, upright size, orientation, GPS and the capture time
 * exactly as recorded (wall clock plus offset when the file has one). Deciding the canonical event time is
 * event-time.ts's job; this module never guesses a zone.
 *
 * Damaged metadata is normal in real libraries, so anything unreadable becomes a warning and the rest is
 * still returned. Only bytes that are not an image at all throw (PhotoError), so the pipeline can fail the
 * step with that reason.
 */
import exifr from 'exifr';
import sharp from 'sharp';
import { PhotoError, firstLine } from './errors';
import {
  type LocalDateTime,
  cleanText,
  firstNumber,
  parseDateTime,
  parseGpsTime,
  parseOffset,
  withSubSeconds,
} from './exif-values';
import { type ImageFormat, describeNonImage, sniffImageFormat } from './sniff';

export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export type CaptureTimeTag = 'DateTimeOriginal' | 'CreateDate' | 'XMP:DateTimeOriginal' | 'XMP:CreateDate';

export interface CaptureTime {
  /** Wall clock as recorded by the camera, `YYYY-MM-DDTHH:mm:ss[.SSS]`. */
  local: LocalDateTime;
  /** Minutes east of UTC, only when the file records it. */
  offsetMinutes?: number;
  /** True when the file gives no offset: `local` is then a time in an unknown zone. */
  naive: boolean;
  tag: CaptureTimeTag;
}

export interface GpsPosition {
  latitude: number;
  longitude: number;
  /** Metres; negative below sea level. */
  altitude?: number;
}

export interface PhotoMetadata {
  format: ImageFormat;
  /** Size as displayed, i.e. after EXIF orientation (and, for HEIF, the container's rotation). */
  width?: number;
  height?: number;
  /**
   * The EXIF Orientation tag. For HEIF it is informational only: decoders apply the container's own
   * rotation instead, and `width`/`height` already reflect that.
   */
  orientation?: Orientation;
  make?: string;
  model?: string;
  lens?: string;
  captureTime?: CaptureTime;
  gps?: GpsPosition;
  /** GPSDateStamp + GPSTimeStamp: a UTC instant, which lets a naive capture time find its offset. */
  gpsTime?: string;
  warnings: string[];
}

type Tags = Record<string, unknown>;
type Blocks = Record<string, Tags | undefined>;

const COMMON = { icc: false, iptc: false, jfif: false, ihdr: false, translateValues: false, reviveValues: false, mergeOutput: false };
// Two passes: exifr files XMP's `exif:` namespace under the same key as the EXIF IFD, which would mix them.
// `sanitize: false` keeps the sub-IFD pointers, so a broken pointer can be reported instead of going unnoticed.
const EXIF_PASS = { ...COMMON, tiff: true, ifd1: false, interop: false, makerNote: false, userComment: false, xmp: false, sanitize: false };
const XMP_PASS = { ...COMMON, tiff: false, xmp: true, multiSegment: true };
// exifr reads no metadata from these containers and would only report "Unknown file format".
const WITHOUT_EXIF: ReadonlySet<ImageFormat> = new Set(['gif', 'webp']);

export async function readPhotoMetadata(bytes: Buffer): Promise<PhotoMetadata> {
  const format = sniffImageFormat(bytes);
  if (!format) throw new PhotoError(bytes.length === 0 ? 'empty' : 'unsupported_format', describeNonImage(bytes));
  const warnings: string[] = [];
  // One reader after another, so warnings come in the same order every time.
  const withExif = !WITHOUT_EXIF.has(format);
  const tiff = withExif ? await readBlocks(bytes, EXIF_PASS, 'EXIF', warnings) : {};
  const xmp = withExif ? await readBlocks(bytes, XMP_PASS, 'XMP', warnings) : {};
  const { orientation: containerOrientation, ...size } = await readSize(bytes, warnings);
  const ifd0 = tiff.ifd0 ?? {};
  const exif = tiff.exif ?? {};
  warnings.push(...brokenPointers(ifd0));
  const result: PhotoMetadata = {
    format,
    ...size,
    orientation: orientationOf(ifd0.Orientation ?? containerOrientation, warnings),
    make: cleanText(ifd0.Make),
    model: cleanText(ifd0.Model),
    lens: cleanText(exif.LensModel) ?? cleanText(xmp.exifEX?.LensModel) ?? cleanText(xmp.aux?.Lens),
    captureTime: captureTimeOf(ifd0, exif, xmp, warnings),
    gps: gpsOf(tiff.gps, warnings),
    gpsTime: parseGpsTime(tiff.gps?.GPSDateStamp, tiff.gps?.GPSTimeStamp),
    warnings,
  };
  return dropUndefined(result);
}

async function readBlocks(bytes: Buffer, options: object, what: string, warnings: string[]): Promise<Blocks> {
  try {
    const output = ((await exifr.parse(bytes, options)) ?? {}) as Blocks & { errors?: unknown[] };
    for (const error of output.errors ?? []) warnings.push(`${what}: ${firstLine(error)}`);
    return output;
  } catch (error) {
    warnings.push(`${what} could not be read: ${firstLine(error)}`);
    return {};
  }
}

async function readSize(bytes: Buffer, warnings: string[]): Promise<{ width?: number; height?: number; orientation?: number }> {
  try {
    const meta = await sharp(bytes).metadata();
    return { ...(meta.autoOrient ?? { width: meta.width, height: meta.height }), orientation: meta.orientation };
  } catch (error) {
    warnings.push(`image size could not be read: ${firstLine(error)}`);
    return {};
  }
}

/** A sub-IFD pointer of the wrong type means exifr skipped that whole directory without a word. */
function brokenPointers(ifd0: Tags): string[] {
  const pointers = [['ExifIFD', 'EXIF'], ['GpsIFD', 'GPS']] as const;
  return pointers
    .filter(([pointer]) => ifd0[pointer] !== undefined && typeof ifd0[pointer] !== 'number')
    .map(([, what]) => `the ${what} sub-IFD pointer is malformed; its tags are missing`);
}

function orientationOf(raw: unknown, warnings: string[]): Orientation | undefined {
  const value = firstNumber(raw);
  if (value === undefined) return undefined;
  if (Number.isInteger(value) && value >= 1 && value <= 8) return value as Orientation;
  warnings.push(`EXIF Orientation ${value} is not 1-8 and was ignored`);
  return undefined;
}

/**
 * DateTimeOriginal is the moment of capture wherever it is stored, so XMP's copy outranks EXIF CreateDate
 * (digitised), which matters for scans. An EXIF offset tag belongs to its own date; OffsetTime (written for
 * ModifyDate) is borrowed only when ModifyDate equals the capture time, i.e. the file was not edited later,
 * perhaps in another zone.
 */
function captureTimeOf(ifd0: Tags, exif: Tags, xmp: Blocks, warnings: string[]): CaptureTime | undefined {
  const borrowed = (local: LocalDateTime) => (sameSecond(ifd0.ModifyDate, local) ? exif.OffsetTime : undefined);
  const fromExif = (tag: CaptureTimeTag, value: unknown, offset: unknown, subSec: unknown) => {
    const parsed = parseOrWarn(tag, value, warnings);
    if (!parsed) return undefined;
    const rawOffset = offset ?? borrowed(parsed.local);
    const offsetMinutes = parsed.offsetMinutes ?? parseOffset(rawOffset);
    if (offsetMinutes === undefined && cleanText(rawOffset) !== undefined) {
      warnings.push(`${tag} offset ${JSON.stringify(rawOffset)} is not valid and was ignored`);
    }
    return capture(tag, withSubSeconds(parsed.local, subSec), offsetMinutes);
  };
  const fromXmp = (tag: CaptureTimeTag, value: unknown) => {
    const parsed = parseOrWarn(tag, value, warnings);
    return parsed && capture(tag, parsed.local, parsed.offsetMinutes);
  };
  return (
    fromExif('DateTimeOriginal', exif.DateTimeOriginal, exif.OffsetTimeOriginal, exif.SubSecTimeOriginal) ??
    fromXmp('XMP:DateTimeOriginal', xmp.exif?.DateTimeOriginal) ??
    fromExif('CreateDate', exif.CreateDate, exif.OffsetTimeDigitized, exif.SubSecTimeDigitized) ??
    fromXmp('XMP:CreateDate', xmp.xmp?.CreateDate ?? xmp.xap?.CreateDate)
  );
}

function parseOrWarn(tag: CaptureTimeTag, value: unknown, warnings: string[]) {
  const parsed = parseDateTime(value);
  const text = typeof value === 'string' ? value.replace(/\0/g, '').trim() : '';
  // Blank and all-zero dates are how cameras without a set clock say "unknown"; not worth a warning.
  if (!parsed && text !== '' && !/^[0: -]*$/.test(text)) warnings.push(`${tag} ${JSON.stringify(text)} is not a valid date`);
  return parsed;
}

function capture(tag: CaptureTimeTag, local: LocalDateTime, offsetMinutes: number | undefined): CaptureTime {
  return offsetMinutes === undefined ? { local, naive: true, tag } : { local, offsetMinutes, naive: false, tag };
}

function sameSecond(modifyDate: unknown, local: LocalDateTime): boolean {
  const modified = parseDateTime(modifyDate);
  return modified !== undefined && modified.local.slice(0, 19) === local.slice(0, 19);
}

function gpsOf(gps: Tags | undefined, warnings: string[]): GpsPosition | undefined {
  const { latitude, longitude } = gps ?? {};
  if (latitude === undefined && longitude === undefined) return undefined;
  if (typeof latitude !== 'number' || typeof longitude !== 'number' || !Number.isFinite(latitude + longitude) ||
    Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
    warnings.push('GPS position is incomplete or out of range and was ignored');
    return undefined;
  }
  // Receivers without a fix write 0,0; a real photo at exactly that point is far less likely.
  if (latitude === 0 && longitude === 0) {
    warnings.push('GPS position 0,0 (no fix) was ignored');
    return undefined;
  }
  const altitude = firstNumber(gps?.GPSAltitude);
  if (altitude === undefined) return { latitude, longitude };
  return { latitude, longitude, altitude: firstNumber(gps?.GPSAltitudeRef) === 1 ? -altitude : altitude };
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
