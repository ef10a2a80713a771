/**
 * The timeline: every live item with a time (media and notes alike) by day, as a heatmap, as one day's
 * episodes, and as an endless newest-first list. Days are counted in the viewer's UTC offset.
 */
import type { Engine } from '../engine/engine';
import type { DayDTO, HeatmapDTO, TimelineBoundsDTO, TimelineItemDTO, TimelinePageDTO } from '../../shared/media-schemas';
import { invalidInput } from '../../shared/errors';
import { groupEpisodes } from './episodes';

// Folders are structure, not moments; episodes are derived views that would double-count their items.
const HIDDEN_KINDS = `('folder','episode')`;
const AT = `coalesce(n.event_time, n.created_at)`;

interface ItemRow {
  id: string;
  kind: TimelineItemDTO['kind'];
  title: string;
  body: string;
  at: string;
  event_offset_min: number | null;
  thumb: string | null;
  duration_sec: number | null;
  is_media: number;
  gps_lat: number | null;
  gps_lon: number | null;
  tags: string | null;
}

const ITEM_SELECT = `
  SELECT n.id, n.kind, n.title, substr(n.body, 1, 400) AS body, ${AT} AS at, n.event_offset_min,
    (SELECT sha256 FROM node_blobs b WHERE b.node_id = n.id AND b.role = 'thumbnail') AS thumb,
    m.duration_sec, m.node_id IS NOT NULL AS is_media, m.gps_lat, m.gps_lon,
    (SELECT group_concat(DISTINCT tag) FROM node_tags t WHERE t.node_id = n.id) AS tags
  FROM nodes n LEFT JOIN media_items m ON m.node_id = n.id`;

const offsetModifier = (minutes: number) => `${minutes >= 0 ? '+' : '-'}${Math.abs(minutes)} minutes`;

export function heatmap(engine: Engine, input: { from: string; to: string; offsetMinutes: number }): HeatmapDTO {
  if (input.from > input.to) throw invalidInput('`from` must not be after `to`');
  const rows = engine.db
    .prepare(
      `SELECT date(${AT}, @mod) AS day, count(*) AS count FROM nodes n
       WHERE n.deleted_at IS NULL AND n.kind NOT IN ${HIDDEN_KINDS} AND date(${AT}, @mod) BETWEEN @from AND @to
       GROUP BY day ORDER BY day`,
    )
    .all({ mod: offsetModifier(input.offsetMinutes), from: input.from, to: input.to }) as { day: string; count: number }[];
  return { days: rows, max: rows.reduce((m, r) => Math.max(m, r.count), 0) };
}

export function day(engine: Engine, input: { day: string; offsetMinutes: number }): DayDTO {
  // The day's bounds in UTC, so the event-time index does the work.
  const start = new Date(Date.parse(`${input.day}T00:00:00Z`) - input.offsetMinutes * 60_000);
  const end = new Date(start.getTime() + 86_400_000);
  const rows = engine.db
    .prepare(
      `${ITEM_SELECT} WHERE n.deleted_at IS NULL AND n.kind NOT IN ${HIDDEN_KINDS} AND ${AT} >= @from AND ${AT} < @to
       ORDER BY ${AT}, n.id`,
    )
    .all({ from: start.toISOString(), to: end.toISOString() }) as ItemRow[];
  const items = rows.map((r) => ({ row: r, dto: toItem(engine, r) }));
  return { day: input.day, episodes: groupEpisodes(items), total: rows.length };
}

export function bounds(engine: Engine, input: { offsetMinutes: number }): TimelineBoundsDTO {
  return engine.db
    .prepare(
      `SELECT date(min(${AT}), @mod) AS first, date(max(${AT}), @mod) AS last FROM nodes n
       WHERE n.deleted_at IS NULL AND n.kind NOT IN ${HIDDEN_KINDS}`,
    )
    .get({ mod: offsetModifier(input.offsetMinutes) }) as TimelineBoundsDTO;
}

export function items(engine: Engine, input: { cursor?: string; limit: number; kinds?: string[]; failedOnly: boolean }): TimelinePageDTO {
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  const rows = engine.db
    .prepare(
      `${ITEM_SELECT} WHERE n.deleted_at IS NULL AND n.kind NOT IN ${HIDDEN_KINDS}
         ${input.kinds?.length ? `AND n.kind IN (SELECT value FROM json_each(@kinds))` : ''}
         ${input.failedOnly ? `AND EXISTS (SELECT 1 FROM jobs j WHERE j.node_id = n.id AND j.status = 'failed')` : ''}
         ${cursor ? `AND (${AT} < @at OR (${AT} = @at AND n.id < @id))` : ''}
       ORDER BY ${AT} DESC, n.id DESC LIMIT @limit`,
    )
    .all({
      limit: input.limit + 1,
      ...(input.kinds?.length ? { kinds: JSON.stringify(input.kinds) } : {}),
      ...(cursor ?? {}),
    }) as ItemRow[];
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toItem(engine, r)),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.at, last.id) : null,
  };
}

/** The newest items, for the dashboard. */
export function recentItems(engine: Engine, limit: number): TimelineItemDTO[] {
  const rows = engine.db
    .prepare(`${ITEM_SELECT} WHERE n.deleted_at IS NULL AND n.kind NOT IN ${HIDDEN_KINDS} ORDER BY n.created_at DESC LIMIT ?`)
    .all(limit) as ItemRow[];
  return rows.map((r) => toItem(engine, r));
}

function toItem(engine: Engine, r: ItemRow): TimelineItemDTO {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    at: r.at,
    offsetMinutes: r.event_offset_min,
    excerpt: r.body.replace(/[#*_>`[\]]/g, '').replace(/\s+/g, ' ').trim().slice(0, 200),
    thumbnail: r.thumb ? engine.blobUrls.url(r.thumb) : null,
    durationSec: r.duration_sec,
    state: r.is_media ? engine.media.stateOf(engine.media.stepsOf(r.id)) : null,
  };
}

const encodeCursor = (at: string, id: string) => Buffer.from(JSON.stringify([at, id])).toString('base64url');

function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (typeof at === 'string' && typeof id === 'string') return { at, id };
  } catch {
    // Falls through to the error below.
  }
  throw invalidInput('The cursor is not one this server gave out; start again without it');
}

export type { ItemRow };
