import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, hasFilters, toSearchInput, type SearchForm } from './filters';

const form = (f: Partial<SearchForm>): SearchForm => ({ query: 'bike', ...EMPTY_FILTERS, ...f });
const cet = () => 60;

describe('search form → search.query input', () => {
  it('asks nothing for a blank query', () => {
    expect(toSearchInput(form({ query: '   ' }), cet)).toBeNull();
  });

  it('sends the trimmed query with no filters, and the clock offset for date phrases', () => {
    expect(toSearchInput(form({ query: '  bike chain ' }), cet)).toEqual({
      query: 'bike chain',
      limit: 30,
      filters: {},
      timezoneOffsetMinutes: 60,
    });
  });

  it('turns single choices into the engine lists', () => {
    const input = toSearchInput(form({ kind: 'journal', tag: 'errands', privacy: 'private' }), cet)!;
    expect(input.filters).toEqual({ kinds: ['journal'], tags: ['errands'], privacyLevels: ['private'] });
  });

  it('makes whole local days of from/to, the end day included', () => {
    const input = toSearchInput(form({ from: '2026-11-16', to: '2026-11-22' }), cet)!;
    expect(input.filters).toEqual({ from: '2026-11-15T23:00:00.000Z', to: '2026-11-22T23:00:00.000Z' });
  });

  it('uses the offset each day had (a DST change inside the range)', () => {
    const berlin = (d: Date) => (d >= new Date('2026-03-29T01:00:00Z') && d < new Date('2026-10-25T01:00:00Z') ? 120 : 60);
    const input = toSearchInput(form({ from: '2026-03-28', to: '2026-03-29' }), berlin)!;
    expect(input.filters).toEqual({ from: '2026-03-27T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z' });
  });

  it('swaps a from after the to', () => {
    const input = toSearchInput(form({ from: '2026-11-22', to: '2026-11-16' }), () => 0)!;
    expect(input.filters).toEqual({ from: '2026-11-16T00:00:00.000Z', to: '2026-11-23T00:00:00.000Z' });
  });

  it('knows when any filter is set', () => {
    expect(hasFilters(form({}))).toBe(false);
    expect(hasFilters(form({ to: '2026-01-01' }))).toBe(true);
  });
});
