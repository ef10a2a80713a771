/**
 * The journal: one entry per local day, created on first open, and the entries of past days grouped by day.
 * An entry is a node of kind `journal` whose `metadata.journalDate` names its day; other journal nodes (imports,
 * notes turned into journal entries) are placed on the day of their event time, else their creation time.
 */
import type { Db } from '../db/connection';
import type { Engine } from '../engine/engine';
import {
  journalTitle, localDateOf, localNoon,
  type JournalDayDTO, type JournalEntryDTO, type JournalPageDTO,
} from '../../shared/journal';
import type { NodeDTO, NodeKind } from '../../shared/schemas';
import { excerpt } from './excerpt';

export interface TodayInput {
  date?: string;
  timezoneOffsetMinutes: number;
  /** When false, a missing entry is reported as null instead of made. */
  create?: boolean;
}

export interface ListInput {
  from?: string;
  to?: string;
  limit: number;
  offset: number;
  timezoneOffsetMinutes: number;
}

const FIND_ENTRY = `
  SELECT id FROM nodes
  WHERE kind = 'journal' AND deleted_at IS NULL AND json_extract(metadata, '$.journalDate') = ?
  ORDER BY created_at, id LIMIT 1`;

/**
 * The entry of that day, created when missing. Find-or-create runs in one IMMEDIATE transaction: it takes the
 * write lock before looking, so a second caller (another request, or another process on the same library, such
 * as the CLI beside the desktop app) waits and then finds the entry the first one made.
 */
export function journalEntryFor(engine: Engine, input: TodayInput): NodeDTO | null {
  const offset = input.timezoneOffsetMinutes;
  const date = input.date ?? localDateOf(new Date(), offset);
  const findOrCreate = engine.db.transaction(() => {
    const existing = engine.db.prepare(FIND_ENTRY).pluck().get(date) as string | undefined;
    if (existing) return engine.nodes.get(existing);
    if (input.create === false) return null;
    return engine.nodes.create({
      kind: 'journal',
      title: journalTitle(date),
      eventTime: { at: localNoon(date, offset).toISOString(), offsetMinutes: offset, source: 'journal', confidence: 1 },
      metadata: { journalDate: date },
    });
  });
  return findOrCreate.immediate();
}

/**
 * The day a journal node belongs to, in SQL: its journalDate, else the local day of its event (or creation)
 * time in its own offset, else in the caller's.
 */
const DAY = `coalesce(
  json_extract(n.metadata, '$.journalDate'),
  date(coalesce(n.event_time, n.created_at), printf('%+d minutes', coalesce(n.event_offset_min, @tz))))`;

interface EntryRow {
  id: string;
  kind: NodeKind;
  title: string;
  head: string;
  journal_date: string | null;
  tags: string;
  created_at: string;
  updated_at: string;
  day: string;
}

/** A page of days with journal entries, newest day first; inside a day, the day's own entry first, then by time. */
export function listJournal(db: Db, input: ListInput): JournalPageDTO {
  const params = { tz: input.timezoneOffsetMinutes, from: input.from ?? null, to: input.to ?? null };
  const days = `
    WITH j AS (SELECT n.id, ${DAY} AS day FROM nodes n WHERE n.kind = 'journal' AND n.deleted_at IS NULL)
    SELECT day, id FROM j WHERE (@from IS NULL OR day >= @from) AND (@to IS NULL OR day <= @to)`;
  const total = db.prepare(`SELECT count(DISTINCT day) FROM (${days})`).pluck().get(params) as number;
  const page = db
    .prepare(`SELECT DISTINCT day FROM (${days}) ORDER BY day DESC LIMIT @limit OFFSET @offset`)
    .pluck()
    .all({ ...params, limit: input.limit, offset: input.offset }) as string[];
  const byDay = new Map<string, JournalEntryDTO[]>(page.map((d) => [d, []]));
  if (page.length > 0) {
    // Only the head of the body is read: an excerpt never needs more, and bodies may be megabytes.
    const rows = db
      .prepare(
        `SELECT n.id, n.kind, n.title, substr(n.body, 1, 1000) AS head,
           json_extract(n.metadata, '$.journalDate') AS journal_date, n.created_at, n.updated_at, ${DAY} AS day,
           (SELECT json_group_array(tag) FROM (SELECT DISTINCT tag FROM node_tags t WHERE t.node_id = n.id ORDER BY tag)) AS tags
         FROM nodes n
         WHERE n.kind = 'journal' AND n.deleted_at IS NULL AND ${DAY} BETWEEN @oldest AND @newest
         ORDER BY json_extract(n.metadata, '$.journalDate') IS NULL, coalesce(n.event_time, n.created_at), n.id`,
      )
      .all({ tz: params.tz, oldest: page.at(-1), newest: page[0] }) as EntryRow[];
    for (const r of rows) byDay.get(r.day)?.push(toEntry(r));
  }
  const out: JournalDayDTO[] = page.map((date) => ({ date, entries: byDay.get(date)! }));
  return { days: out, total, limit: input.limit, offset: input.offset };
}

function toEntry(r: EntryRow): JournalEntryDTO {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    journalDate: r.journal_date,
    excerpt: excerpt(r.head),
    tags: JSON.parse(r.tags) as string[],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
