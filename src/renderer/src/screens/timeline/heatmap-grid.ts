/**
 * The calendar heatmap's layout, worked out from the engine's day counts: which days are in the shown window,
 * how they fall into week columns (Monday on top), where the month names go, and how dark each square is.
 * Days are `YYYY-MM-DD` strings in the viewer's clock; arithmetic goes through UTC midnights, so no time zone or
 * daylight-saving change can shift a square.
 */
import { addDays, parseLocalDate } from '../../../../shared/journal';

export type HeatLevel = 0 | 1 | 2 | 3 | 4;

export interface HeatCell {
  day: string;
  count: number;
  level: HeatLevel;
}

export interface HeatGrid {
  /** Week columns, each Monday to Sunday; null where a slot lies outside the window. */
  weeks: (HeatCell | null)[][];
  /** Month names over the column where the month starts; left out when it would crowd the one before. */
  months: { label: string; week: number }[];
  /** Items and active days inside the window. */
  total: number;
  activeDays: number;
  max: number;
}

/** What the heatmap shows: the last twelve months, or one calendar year. */
export type HeatWindow = 'recent' | number;

export const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// A month name needs about three columns; the window's partial first month is named only with that much room.
const MIN_LABEL_GAP = 3;

const monthShort = (day: string) => MONTHS_SHORT[Number(day.slice(5, 7)) - 1]!;

/** The first and last day of a window. "recent" is the 365 days ending today. */
export function windowRange(window: HeatWindow, today: string): { from: string; to: string } {
  if (window === 'recent') return { from: addDays(today, -364), to: today };
  return { from: `${window}-01-01`, to: `${window}-12-31` };
}

/** The window that shows `day`: the recent one when it is inside it, else the day's year. */
export function windowFor(day: string, today: string): HeatWindow {
  const recent = windowRange('recent', today);
  return day >= recent.from && day <= recent.to ? 'recent' : Number(day.slice(0, 4));
}

/** Monday is 0, Sunday is 6. */
export function weekdayIndex(day: string): number {
  return (parseLocalDate(day).getUTCDay() + 6) % 7;
}

/**
 * How dark a day is: 0 for none, then four steps. A square root scale, so one busy day (a holiday's 300
 * photos) does not leave every ordinary day at the lightest step.
 */
export function heatLevel(count: number, max: number): HeatLevel {
  if (count <= 0 || max <= 0) return 0;
  const share = Math.sqrt(count) / Math.sqrt(max);
  return Math.min(4, Math.max(1, Math.ceil(share * 4))) as HeatLevel;
}

export function heatmapGrid(from: string, to: string, days: readonly { day: string; count: number }[]): HeatGrid {
  const counts = new Map<string, number>();
  for (const d of days) if (d.day >= from && d.day <= to) counts.set(d.day, d.count);
  const max = Math.max(0, ...counts.values());
  const weeks: (HeatCell | null)[][] = [];
  const months: HeatGrid['months'] = [];
  let total = 0;

  let day = addDays(from, -weekdayIndex(from));
  while (day <= to) {
    const week: (HeatCell | null)[] = [];
    for (let i = 0; i < 7; i++, day = addDays(day, 1)) {
      if (day < from || day > to) {
        week.push(null);
        continue;
      }
      const count = counts.get(day) ?? 0;
      total += count;
      week.push({ day, count, level: heatLevel(count, max) });
      if (day.endsWith('-01')) months.push({ label: monthShort(day), week: weeks.length });
    }
    weeks.push(week);
  }
  // A window starting mid-month names that month too, when there is room before the next name.
  if (!from.endsWith('-01') && (months[0]?.week ?? Infinity) >= MIN_LABEL_GAP) months.unshift({ label: monthShort(from), week: 0 });
  return { weeks, months, total, activeDays: counts.size, max };
}

/** The first and last days with items (`timeline.bounds`); both null in an empty library. */
export interface DayBounds {
  first: string | null;
  last: string | null;
}

/** The years from the first day with items to the last, newest first (years between may be empty). */
export function yearsInBounds(bounds: DayBounds | undefined): number[] {
  if (!bounds?.first || !bounds.last) return [];
  const years: number[] = [];
  for (let y = Number(bounds.last.slice(0, 4)); y >= Number(bounds.first.slice(0, 4)); y--) years.push(y);
  return years;
}

/** The closest days with items before and after `day` (days sorted ascending, as the engine sends them). */
export function nearestDays(days: readonly { day: string; count: number }[], day: string): { before: string | null; after: string | null } {
  let before: string | null = null;
  let after: string | null = null;
  for (const d of days) {
    if (d.count <= 0) continue;
    if (d.day < day) before = d.day;
    else if (d.day > day) {
      after = d.day;
      break;
    }
  }
  return { before, after };
}

/** How far either side of a day the search for its nearest days with items looks first, and how it widens. */
export const NEAREST_FIRST_RADIUS = 92;
export const NEAREST_GROWTH = 8;

/**
 * The days to ask the heatmap for when looking `radius` days either side of `day` for days with items, kept
 * inside the bounds (the first and last days have items, so a window reaching them always finds something on
 * that side). Null when the bounds alone answer: an empty library, or a day outside them.
 */
export function nearestWindow(day: string, bounds: DayBounds, radius: number): { from: string; to: string } | null {
  if (!bounds.first || !bounds.last || day < bounds.first || day > bounds.last || bounds.first === bounds.last) return null;
  const from = addDays(day, -radius);
  const to = addDays(day, radius);
  return { from: from < bounds.first ? bounds.first : from, to: to > bounds.last ? bounds.last : to };
}

/**
 * The nearest days with items, from the bounds and the heatmap of `nearestWindow` (`days`; omit when that was
 * null). `complete` is false when a side found nothing but the bounds say there is something further out: look
 * again with a wider window.
 */
export function nearestInBounds(
  day: string,
  bounds: DayBounds,
  days?: readonly { day: string; count: number }[],
): { before: string | null; after: string | null; complete: boolean } {
  if (!bounds.first || !bounds.last) return { before: null, after: null, complete: true };
  if (day < bounds.first) return { before: null, after: bounds.first, complete: true };
  if (day > bounds.last) return { before: bounds.last, after: null, complete: true };
  const found = nearestDays(days ?? [], day);
  const before = day === bounds.first ? null : found.before;
  const after = day === bounds.last ? null : found.after;
  const complete = (before !== null || day === bounds.first) && (after !== null || day === bounds.last);
  return { before, after, complete };
}

/** Where the keyboard goes from `day` in the grid: up/down a day, left/right a week, Home/End the window's ends. */
export function moveInGrid(day: string, key: string, from: string, to: string): string | null {
  const step: Record<string, number> = { ArrowUp: -1, ArrowDown: 1, ArrowLeft: -7, ArrowRight: 7 };
  let next: string;
  if (key in step) next = addDays(day, step[key]!);
  else if (key === 'Home') next = from;
  else if (key === 'End') next = to;
  else return null;
  if (next < from) return from;
  if (next > to) return to;
  return next;
}
