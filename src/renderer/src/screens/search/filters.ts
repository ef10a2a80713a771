/**
 * The search form as the user sets it, and the `search.query` input it becomes. Dates in the form are whole
 * local days, both ends included; the engine takes UTC instants with an exclusive end.
 */
import { addDays, parseLocalDate } from '../../../../shared/journal';
import type { NodeKind, PrivacyLevel, SearchInput } from '../../../../shared/schemas';

export interface SearchForm {
  query: string;
  kind: NodeKind | '';
  tag: string;
  /** `YYYY-MM-DD` or ''. */
  from: string;
  to: string;
  privacy: PrivacyLevel | '';
}

export const EMPTY_FILTERS: Omit<SearchForm, 'query'> = { kind: '', tag: '', from: '', to: '', privacy: '' };

export const hasFilters = (f: SearchForm): boolean => Boolean(f.kind || f.tag || f.from || f.to || f.privacy);

/** Local midnight starting `date`, as a UTC instant; `offsetAt` gives the clock's offset then (DST moves it). */
export function dayStart(date: string, offsetAt: (approx: Date) => number): string {
  const utcMidnight = parseLocalDate(date);
  return new Date(utcMidnight.getTime() - offsetAt(utcMidnight) * 60_000).toISOString();
}

export const LIMIT = 30;

/** The engine's input, or null when there is nothing to search for yet. */
export function toSearchInput(f: SearchForm, offsetAt: (approx: Date) => number): SearchInput | null {
  const query = f.query.trim();
  if (!query) return null;
  const filters: NonNullable<SearchInput['filters']> = {};
  if (f.kind) filters.kinds = [f.kind];
  if (f.tag) filters.tags = [f.tag];
  if (f.privacy) filters.privacyLevels = [f.privacy];
  // A "from" after "to" is most likely the two swapped; searching the span between them is what was meant.
  const [from, to] = f.from && f.to && f.from > f.to ? [f.to, f.from] : [f.from, f.to];
  if (from) filters.from = dayStart(from, offsetAt);
  if (to) filters.to = dayStart(addDays(to, 1), offsetAt);
  return { query, limit: LIMIT, filters, timezoneOffsetMinutes: offsetAt(new Date()) };
}
