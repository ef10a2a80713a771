/**
 * The journal's contract: one entry per local calendar day, found by `metadata.journalDate`. Days are plain
 * `YYYY-MM-DD` strings in the writer's own clock, so the engine and the renderer agree on "today" whatever
 * time zone the engine runs in.
 */
import { z } from 'zod';
import type { NodeKind } from './schemas';

/** A calendar day, `YYYY-MM-DD`, that really exists (no 31 February). */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'a day is written YYYY-MM-DD', abort: true })
  .refine((s) => toLocalDate(parseLocalDate(s)) === s, 'no such day');

/** Minutes east of UTC, as in SearchInput (the opposite sign of `Date#getTimezoneOffset`). */
const OffsetMinutes = z.number().int().min(-900).max(900);

export const JournalToday = z.object({
  /** The day wanted; today in the caller's clock when omitted. */
  date: LocalDate.optional(),
  timezoneOffsetMinutes: OffsetMinutes,
  /** False only looks: a day the user merely glanced at should not gain an empty entry. */
  create: z.boolean().default(true),
});
export type JournalToday = z.input<typeof JournalToday>;

export const JournalList = z.object({
  from: LocalDate.optional(),
  to: LocalDate.optional(),
  /** Paging counts days, not entries, so a page never splits a day. */
  limit: z.number().int().min(1).max(366).default(30),
  offset: z.number().int().min(0).default(0),
  /** Places entries that carry no offset of their own (imports) on the caller's days. */
  timezoneOffsetMinutes: OffsetMinutes.default(0),
});
export type JournalList = z.input<typeof JournalList>;

export interface JournalEntryDTO {
  id: string;
  kind: NodeKind;
  title: string;
  /** The day this entry is the journal page of; null for other journal nodes placed on the day by their time. */
  journalDate: string | null;
  /** The start of the body as plain text. */
  excerpt: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

export interface JournalDayDTO {
  date: string;
  entries: JournalEntryDTO[];
}

export interface JournalPageDTO {
  /** Newest day first. */
  days: JournalDayDTO[];
  /** Days with entries in the range. */
  total: number;
  limit: number;
  offset: number;
}

/** Midnight UTC of a `YYYY-MM-DD` day: a carrier for calendar arithmetic, not an instant anyone lived. */
export function parseLocalDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}

export function toLocalDate(day: Date): string {
  return day.toISOString().slice(0, 10);
}

/** The calendar day an instant falls on in a clock `offsetMinutes` east of UTC. */
export function localDateOf(instant: Date, offsetMinutes: number): string {
  return toLocalDate(new Date(instant.getTime() + offsetMinutes * 60_000));
}

export function addDays(date: string, days: number): string {
  const d = parseLocalDate(date);
  d.setUTCDate(d.getUTCDate() + days);
  return toLocalDate(d);
}

/** Noon of the day in that clock, as a UTC instant: safely inside the day whichever way the offset goes. */
export function localNoon(date: string, offsetMinutes: number): Date {
  return new Date(parseLocalDate(date).getTime() + 12 * 3_600_000 - offsetMinutes * 60_000);
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** "Monday 23 November 2026". Spelled out here, not by Intl, so titles never depend on the machine's locale data. */
export function journalTitle(date: string): string {
  const d = parseLocalDate(date);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** This machine's clock offset in the sign convention of the API. */
export function clockOffsetMinutes(at = new Date()): number {
  return 0 - at.getTimezoneOffset(); // not unary minus: UTC would give -0
}
