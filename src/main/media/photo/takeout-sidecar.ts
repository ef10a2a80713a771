/**
 * Google Photos Takeout sidecars: `<media>.json`, or since 2024 `<media>.supplemental-metadata.json`. Takeout
 * clips a sidecar's name to 46 characters before `.json` (cutting into the suffix, or the media name when
 * that is long) and moves a duplicate counter "(1)" behind the clipped part. The JSON's photoTakenTime is
 * a UTC instant, which is what makes it worth reading.
 */
import { z } from 'zod';
import { invalidInput } from '../../../shared/errors';
import type { GpsPosition } from './metadata';

export interface TakeoutSidecar {
  /** The media file's original name, as Google Photos knew it. */
  title?: string;
  description?: string;
  /** ISO UTC instant the photo was taken. */
  takenAt?: string;
  gps?: GpsPosition;
}

const Timestamp = z.object({ timestamp: z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]) });
const Geo = z.object({ latitude: z.number(), longitude: z.number(), altitude: z.number().optional() });
const TakeoutJson = z.object({
  title: z.string().optional(),
  description: z.string().optional(),
  photoTakenTime: Timestamp.optional(),
  geoData: Geo.optional(),
  geoDataExif: Geo.optional(),
});

export function parseTakeoutSidecar(text: string): TakeoutSidecar {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalidInput(`the Takeout sidecar is not JSON: ${(error as Error).message}`);
  }
  const parsed = TakeoutJson.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidInput(`the Takeout sidecar is malformed at ${issue?.path.join('.') || 'the top level'}: ${issue?.message}`);
  }
  const { title, description, photoTakenTime, geoData, geoDataExif } = parsed.data;
  const seconds = Number(photoTakenTime?.timestamp ?? 0);
  const sidecar: TakeoutSidecar = {
    title: title || undefined,
    description: description || undefined,
    // 0 is how Takeout says "unknown".
    takenAt: seconds > 0 ? new Date(seconds * 1000).toISOString() : undefined,
    // geoData holds a place set in Google Photos; geoDataExif only repeats the file's own GPS.
    gps: position(geoData) ?? position(geoDataExif),
  };
  return Object.fromEntries(Object.entries(sidecar).filter(([, v]) => v !== undefined)) as TakeoutSidecar;
}

function position(geo: z.infer<typeof Geo> | undefined): GpsPosition | undefined {
  if (!geo || (geo.latitude === 0 && geo.longitude === 0)) return undefined;
  if (Math.abs(geo.latitude) > 90 || Math.abs(geo.longitude) > 180) return undefined;
  return geo.altitude === undefined ? { latitude: geo.latitude, longitude: geo.longitude } : { ...geo };
}

const SUFFIX = 'supplemental-metadata';
const CLIP = 46;
// "-edited" is localised in Takeout; an edited copy shares its original's sidecar.
const EDITED = /-(edited|bearbeitet|modifié|editado|modificato|bewerkt|redigerad|muokattu|edytowane)$/i;

/** The sidecar among `siblings` (names in the media file's folder) that describes `mediaName`. */
export function findTakeoutSidecar(mediaName: string, siblings: Iterable<string>): string | undefined {
  const wanted = expectedSidecarNames(mediaName);
  let best: { name: string; rank: number } | undefined;
  for (const name of siblings) {
    const rank = wanted.indexOf(name);
    if (rank >= 0 && (!best || rank < best.rank)) best = { name, rank };
  }
  return best?.name;
}

/** Every name Takeout uses for the sidecar of `mediaName`, most specific first. */
function expectedSidecarNames(mediaName: string): string[] {
  const { stem, counter, ext } = splitName(mediaName);
  const bases = [stem, stem.replace(EDITED, '')].filter((b, i, all) => all.indexOf(b) === i);
  const names: string[] = [];
  for (const base of bases) {
    const full = `${base}${ext}`;
    names.push(
      `${clip(`${full}.${SUFFIX}`)}${counter}.json`,
      `${clip(full)}${counter}.json`,
      `${full}${counter}.json`,
      `${base}${counter}${ext}.json`,
      `${base}${counter}.json`,
    );
    // Clipping that fell inside the suffix leaves any of its prefixes: ".s", ".su", … ".supplemental-metad".
    for (let cut = SUFFIX.length - 1; cut >= 1; cut--) names.push(`${full}.${SUFFIX.slice(0, cut)}${counter}.json`);
  }
  return names.filter((n, i, all) => all.indexOf(n) === i);
}

function splitName(name: string): { stem: string; counter: string; ext: string } {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot) : '';
  const withoutExt = dot > 0 ? name.slice(0, dot) : name;
  const match = /^(.*?)(\(\d+\))$/.exec(withoutExt);
  return match ? { stem: match[1]!, counter: match[2]!, ext } : { stem: withoutExt, counter: '', ext };
}

function clip(name: string): string {
  return Array.from(name).slice(0, CLIP).join('');
}
