/**
 * A day's items grouped into episodes: a new episode starts at a long pause, unless the items on either side
 * are alike (same place, or shared tags), which bridges a somewhat longer pause (lunch in the same café).
 * Computed when a day is shown, so deleting or adding an item updates its episode at once.
 */
import type { EpisodeDTO, TimelineItemDTO } from '../../shared/media-schemas';
import type { ItemRow } from './timeline';

export const EPISODE_GAP_MIN = 45;
export const SIMILAR_GAP_MIN = 120;
const SAME_PLACE_KM = 1;

interface Entry {
  row: ItemRow;
  dto: TimelineItemDTO;
}

export function groupEpisodes(entries: Entry[]): EpisodeDTO[] {
  const groups: Entry[][] = [];
  for (const e of entries) {
    const current = groups.at(-1);
    const prev = current?.at(-1);
    const gapMin = prev ? (Date.parse(e.row.at) - Date.parse(prev.row.at)) / 60_000 : Infinity;
    if (current && prev && (gapMin <= EPISODE_GAP_MIN || (gapMin <= SIMILAR_GAP_MIN && alike(prev.row, e.row)))) current.push(e);
    else groups.push([e]);
  }
  return groups.map((g) => ({
    start: g[0]!.row.at,
    end: g.at(-1)!.row.at,
    label: label(g),
    items: g.map((e) => e.dto),
  }));
}

function alike(a: ItemRow, b: ItemRow): boolean {
  if (a.gps_lat !== null && a.gps_lon !== null && b.gps_lat !== null && b.gps_lon !== null) {
    return distanceKm(a.gps_lat, a.gps_lon, b.gps_lat, b.gps_lon) <= SAME_PLACE_KM;
  }
  const tags = new Set(splitTags(a.tags));
  return splitTags(b.tags).some((t) => tags.has(t));
}

/** The most common tag, else what the episode holds ("3 photos, a note"). */
function label(group: Entry[]): string {
  const counts = new Map<string, number>();
  for (const e of group) for (const t of splitTags(e.row.tags)) counts.set(t, (counts.get(t) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1])[0];
  if (top && top[1] > 1) return `#${top[0]}`;
  const kinds = new Map<string, number>();
  for (const e of group) kinds.set(e.dto.kind, (kinds.get(e.dto.kind) ?? 0) + 1);
  return [...kinds].map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`).join(', ');
}

const splitTags = (tags: string | null) => (tags ? tags.split(',') : []);

function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 12_742 * Math.asin(Math.sqrt(a));
}
