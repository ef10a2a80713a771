import { afterEach, describe, expect, it } from 'vitest';
import { parseDateQuery } from './date-query';

// Monday 23 November 2026, 10:00 UTC.
const MONDAY = new Date('2026-11-23T10:00:00Z');

/** Parse with UTC unless told otherwise and return ISO strings for easy comparison. */
function range(query: string, now: Date = MONDAY, tz = 0): { text: string; from?: string; to?: string; phrase?: string } {
  const r = parseDateQuery(query, { now, timezoneOffsetMinutes: tz });
  return r.range
    ? { text: r.text, from: r.range.from.toISOString(), to: r.range.to.toISOString(), phrase: r.range.phrase }
    : { text: r.text };
}

const day = (d: string): { from: string; to: string } => {
  const from = new Date(`${d}T00:00:00Z`);
  return { from: from.toISOString(), to: new Date(from.getTime() + 86_400_000).toISOString() };
};

describe('parseDateQuery: required phrases (UTC, now = Mon 2026-11-23 10:00)', () => {
  it.each([
    ['yesterday', '2026-11-22T00:00:00.000Z', '2026-11-23T00:00:00.000Z'],
    ['today', '2026-11-23T00:00:00.000Z', '2026-11-24T00:00:00.000Z'],
    ['last week', '2026-11-16T00:00:00.000Z', '2026-11-23T00:00:00.000Z'],
    ['this week', '2026-11-23T00:00:00.000Z', '2026-11-30T00:00:00.000Z'],
    ['last month', '2026-10-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z'],
    ['this month', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'],
    ['last year', '2025-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'],
    ['in March 2023', '2023-03-01T00:00:00.000Z', '2023-04-01T00:00:00.000Z'],
    ['March 2023', '2023-03-01T00:00:00.000Z', '2023-04-01T00:00:00.000Z'],
    ['in 2021', '2021-01-01T00:00:00.000Z', '2022-01-01T00:00:00.000Z'],
    ['2021', '2021-01-01T00:00:00.000Z', '2022-01-01T00:00:00.000Z'],
    ['on 5 June 2024', '2024-06-05T00:00:00.000Z', '2024-06-06T00:00:00.000Z'],
    ['June 5, 2024', '2024-06-05T00:00:00.000Z', '2024-06-06T00:00:00.000Z'],
    ['between May and June', '2026-05-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z'],
    ['between 1 May 2023 and 3 June 2023', '2023-05-01T00:00:00.000Z', '2023-06-04T00:00:00.000Z'],
    ['from May to June 2024', '2024-05-01T00:00:00.000Z', '2024-07-01T00:00:00.000Z'],
    ['3 days ago', '2026-11-20T00:00:00.000Z', '2026-11-21T00:00:00.000Z'],
    ['last 7 days', '2026-11-16T10:00:00.000Z', '2026-11-23T10:00:00.000Z'],
    ['past 2 weeks', '2026-11-09T10:00:00.000Z', '2026-11-23T10:00:00.000Z'],
    ['last Tuesday', '2026-11-17T00:00:00.000Z', '2026-11-18T00:00:00.000Z'],
  ])('%s', (q, from, to) => {
    expect(range(q)).toEqual({ text: '', from, to, phrase: q });
  });
});

describe('parseDateQuery: removing the phrase from the query', () => {
  it.each([
    ['standup notes last week', 'standup notes', 'last week'],
    ['meeting in March 2023 budget', 'meeting budget', 'in March 2023'],
    ['what did I write yesterday?', 'what did I write?', 'yesterday'],
    ['notes, yesterday', 'notes', 'yesterday'],
    ['ideas (last week) pricing', 'ideas pricing', 'last week'],
    ['recipes from 2 weeks ago', 'recipes', 'from 2 weeks ago'],
    ['  receipts   in   2021  ', 'receipts', 'in   2021'],
    ['journal between May and June hiking', 'journal hiking', 'between May and June'],
    ['notes from May', 'notes', 'from May'],
    ['what happened the day before yesterday', 'what happened', 'the day before yesterday'],
    ['trip on the 1st of March', 'trip', 'on the 1st of March'],
  ])('%j -> %j', (q, text, phrase) => {
    const r = range(q);
    expect(r.text).toBe(text);
    expect(r.phrase).toBe(phrase);
    expect(q).toContain(r.phrase);
  });

  it('only takes the first date phrase', () => {
    const r = range('yesterday and last year');
    expect(r.phrase).toBe('yesterday');
    expect(r.text).toBe('and last year');
  });
});

describe('parseDateQuery: not dates', () => {
  it.each([
    'top 10 tips',
    'python 3',
    '2 cups of flour',
    '4',
    'chapter 11 summary',
    'version 2.1 notes',
    'meet at 5',
    'at noon',
    '5/6',
    '10/10 would recommend',
    'sunday roast',
    'I sat down with Sam',
    'weekend plans',
    'march madness',
    'May I ask',
    'morning routine',
    'now',
    '2000 calories',
    'in 2000 words',
    '1990s music',
    'v2021 release',
    '#2021',
    '$2021 budget',
    'notes 2035',
    '2 hours ago',
    'between 5 and 10 minutes',
    'from John to Mary',
    'hello   world  ',
    '',
  ])('%j', (q) => {
    const r = parseDateQuery(q, { now: MONDAY, timezoneOffsetMinutes: 0 });
    expect(r.range).toBeUndefined();
    expect(r.text).toBe(q);
  });

  it.each(['before 2020', 'after May 2023', 'until last week', 'notes by Friday', 'between 1990 and 2000 calories'])(
    'leaves open-ended or broken ranges alone: %j',
    (q) => {
      const r = parseDateQuery(q, { now: MONDAY, timezoneOffsetMinutes: 0 });
      expect(r.range).toBeUndefined();
      expect(r.text).toBe(q);
    },
  );
});

describe('parseDateQuery: unqualified months and dates look back', () => {
  it.each([
    ['in March', '2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'],
    ['in December', '2025-12-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'],
    ['in November', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'], // current month has started
    ['notes March', '2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'], // capitalised mid-query
    ['january', '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'],
    ['June 5', ...Object.values(day('2026-06-05'))],
    ['December 5', ...Object.values(day('2025-12-05'))],
    ['23 November', ...Object.values(day('2026-11-23'))],
    ['24 November', ...Object.values(day('2025-11-24'))],
  ])('%s', (q, from, to) => {
    const r = range(q);
    expect([r.from, r.to]).toEqual([from, to]);
  });

  it('picks the most recent year in which "between A and B" has started', () => {
    const at = (iso: string): Date => new Date(iso);
    expect(range('between May and June', at('2026-03-01T12:00:00Z')).from).toBe('2025-05-01T00:00:00.000Z');
    expect(range('between May and June', at('2026-05-10T12:00:00Z')).from).toBe('2026-05-01T00:00:00.000Z');
    expect(range('between May and June', at('2026-05-10T12:00:00Z')).to).toBe('2026-07-01T00:00:00.000Z');
    // A span across new year ends in the following year.
    const winter = range('between November and February', at('2027-01-15T12:00:00Z'));
    expect([winter.from, winter.to]).toEqual(['2026-11-01T00:00:00.000Z', '2027-03-01T00:00:00.000Z']);
  });

  it('takes the year of one end for the other', () => {
    expect(range('from November to February 2024')).toMatchObject({
      from: '2023-11-01T00:00:00.000Z',
      to: '2024-03-01T00:00:00.000Z',
    });
    expect(range('from May 2023 to June')).toMatchObject({
      from: '2023-05-01T00:00:00.000Z',
      to: '2023-07-01T00:00:00.000Z',
    });
    expect(range('from 2019 to 2021')).toMatchObject({
      from: '2019-01-01T00:00:00.000Z',
      to: '2022-01-01T00:00:00.000Z',
    });
  });

  it('handles chrono day ranges and relative endpoints', () => {
    expect(range('5-7 June 2024')).toMatchObject({ from: '2024-06-05T00:00:00.000Z', to: '2024-06-08T00:00:00.000Z' });
    expect(range('from last monday to today')).toMatchObject({
      from: '2026-11-16T00:00:00.000Z',
      to: '2026-11-24T00:00:00.000Z',
    });
  });
});

describe('parseDateQuery: weekdays', () => {
  const TUESDAY = new Date('2026-11-24T10:00:00Z');
  it('"last <weekday>" on that weekday means a week ago', () => {
    expect(range('last tuesday', TUESDAY)).toMatchObject(day('2026-11-17'));
  });
  it('"on <weekday>" means the most recent one, today included', () => {
    expect(range('on friday', TUESDAY)).toMatchObject(day('2026-11-20'));
    expect(range('on tuesday', TUESDAY)).toMatchObject(day('2026-11-24'));
    expect(range('notes from monday', TUESDAY)).toMatchObject(day('2026-11-23'));
  });
  it('"this/next <weekday>" may be in the future (chrono: "next" is in next week)', () => {
    expect(range('this friday', TUESDAY)).toMatchObject(day('2026-11-27'));
    expect(range('next friday', TUESDAY)).toMatchObject(day('2026-12-04'));
  });
  it('weekends', () => {
    expect(range('last weekend', TUESDAY)).toMatchObject({
      from: '2026-11-21T00:00:00.000Z',
      to: '2026-11-23T00:00:00.000Z',
    });
    expect(range('this weekend', TUESDAY)).toMatchObject({
      from: '2026-11-28T00:00:00.000Z',
      to: '2026-11-30T00:00:00.000Z',
    });
  });
  it('weeks start on Monday also when today is Sunday', () => {
    const SUNDAY = new Date('2026-11-29T20:00:00Z');
    expect(range('this week', SUNDAY)).toMatchObject({ from: '2026-11-23T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z' });
    expect(range('last week', SUNDAY)).toMatchObject({ from: '2026-11-16T00:00:00.000Z', to: '2026-11-23T00:00:00.000Z' });
  });
});

describe('parseDateQuery: relative periods', () => {
  it.each([
    ['in the last week', '2026-11-16T10:00:00.000Z', '2026-11-23T10:00:00.000Z'], // "the last week" rolls
    ['the past month', '2026-10-23T10:00:00.000Z', '2026-11-23T10:00:00.000Z'],
    ['past year', '2025-11-23T10:00:00.000Z', '2026-11-23T10:00:00.000Z'],
    ['last 24 hours', '2026-11-22T10:00:00.000Z', '2026-11-23T10:00:00.000Z'],
    ['over the last three months', '2026-08-23T10:00:00.000Z', '2026-11-23T10:00:00.000Z'],
    ['2 weeks ago', '2026-11-09T00:00:00.000Z', '2026-11-16T00:00:00.000Z'], // that calendar week
    ['a month ago', '2026-10-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z'], // that calendar month
    ['two years ago', '2024-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'],
    ['next month', '2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    ['last quarter', '2026-07-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z'],
    ['this quarter', '2026-10-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    ['Q1 2024', '2024-01-01T00:00:00.000Z', '2024-04-01T00:00:00.000Z'],
    ['since March', '2026-03-01T00:00:00.000Z', '2026-11-23T10:00:00.000Z'],
    ['since 2020', '2020-01-01T00:00:00.000Z', '2026-11-23T10:00:00.000Z'],
  ])('%s', (q, from, to) => {
    const r = range(q);
    expect([r.from, r.to]).toEqual([from, to]);
  });

  it('clamps rolling months at month ends', () => {
    const r = range('the past month', new Date('2026-03-31T08:00:00Z'));
    expect([r.from, r.to]).toEqual(['2026-02-28T08:00:00.000Z', '2026-03-31T08:00:00.000Z']);
  });
});

describe('parseDateQuery: month and year boundaries', () => {
  const NEW_YEAR = new Date('2026-01-05T09:00:00Z'); // Monday
  it.each([
    ['last month', '2025-12-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'],
    ['last week', '2025-12-29T00:00:00.000Z', '2026-01-05T00:00:00.000Z'],
    ['6 days ago', '2025-12-30T00:00:00.000Z', '2025-12-31T00:00:00.000Z'],
    ['last 7 days', '2025-12-29T09:00:00.000Z', '2026-01-05T09:00:00.000Z'],
    ['3 months ago', '2025-10-01T00:00:00.000Z', '2025-11-01T00:00:00.000Z'],
    ['last quarter', '2025-10-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'],
    ['in December', '2025-12-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'],
  ])('%s in early January', (q, from, to) => {
    const r = range(q, NEW_YEAR);
    expect([r.from, r.to]).toEqual([from, to]);
  });

  it('knows leap days', () => {
    expect(range('yesterday', new Date('2024-03-01T12:00:00Z'))).toMatchObject(day('2024-02-29'));
    expect(range('yesterday', new Date('2023-03-01T12:00:00Z'))).toMatchObject(day('2023-02-28'));
  });
});

describe('parseDateQuery: time zones', () => {
  const LATE = new Date('2026-11-23T23:30:00Z'); // already Tuesday 24th in UTC+2

  it('uses local midnights east of UTC', () => {
    expect(range('today', LATE, 120)).toMatchObject({ from: '2026-11-23T22:00:00.000Z', to: '2026-11-24T22:00:00.000Z' });
    expect(range('yesterday', LATE, 120)).toMatchObject({ from: '2026-11-22T22:00:00.000Z', to: '2026-11-23T22:00:00.000Z' });
    expect(range('this month', LATE, 120)).toMatchObject({ from: '2026-10-31T22:00:00.000Z', to: '2026-11-30T22:00:00.000Z' });
    expect(range('in March', LATE, 120)).toMatchObject({ from: '2026-02-28T22:00:00.000Z', to: '2026-03-31T22:00:00.000Z' });
    expect(range('on 5 June 2024', LATE, 330)).toMatchObject({ from: '2024-06-04T18:30:00.000Z', to: '2024-06-05T18:30:00.000Z' });
  });

  it('uses local midnights west of UTC, across the year boundary', () => {
    const EARLY = new Date('2026-01-01T02:00:00Z'); // still Wed 31 Dec 2025 21:00 in UTC-5
    expect(range('today', EARLY, -300)).toMatchObject({ from: '2025-12-31T05:00:00.000Z', to: '2026-01-01T05:00:00.000Z' });
    expect(range('last week', EARLY, -300)).toMatchObject({ from: '2025-12-22T05:00:00.000Z', to: '2025-12-29T05:00:00.000Z' });
    expect(range('this year', EARLY, -300)).toMatchObject({ from: '2025-01-01T05:00:00.000Z', to: '2026-01-01T05:00:00.000Z' });
    expect(range('last year', EARLY, -300)).toMatchObject({ from: '2024-01-01T05:00:00.000Z', to: '2025-01-01T05:00:00.000Z' });
    expect(range('3 days ago', EARLY, -300)).toMatchObject({ from: '2025-12-28T05:00:00.000Z', to: '2025-12-29T05:00:00.000Z' });
    // rolling windows do not depend on the offset
    expect(range('last 7 days', EARLY, -300)).toMatchObject({ from: '2025-12-25T02:00:00.000Z', to: '2026-01-01T02:00:00.000Z' });
  });

  describe('default offset', () => {
    const saved = process.env.TZ;
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    it('is the process offset at `now`', () => {
      process.env.TZ = 'Asia/Kolkata'; // UTC+5:30, no DST
      const r = parseDateQuery('today', { now: LATE });
      expect(r.range?.from.toISOString()).toBe('2026-11-23T18:30:00.000Z');
      process.env.TZ = 'America/New_York'; // UTC-5 in November
      const ny = parseDateQuery('today', { now: LATE });
      expect(ny.range?.from.toISOString()).toBe('2026-11-23T05:00:00.000Z');
      // in July New York is UTC-4
      const summer = parseDateQuery('yesterday', { now: new Date('2026-07-10T12:00:00Z') });
      expect(summer.range?.from.toISOString()).toBe('2026-07-09T04:00:00.000Z');
    });
  });
});

describe('parseDateQuery: output shape', () => {
  it('returns a range whose phrase is in the query and whose text is the rest', () => {
    for (const q of ['standup last week', 'budget March 2023 final', 'notes since March', 'last 7 days todo']) {
      const r = parseDateQuery(q, { now: MONDAY, timezoneOffsetMinutes: 60 });
      expect(r.range).toBeDefined();
      expect(q.includes(r.range!.phrase)).toBe(true);
      expect(r.text).toBe(q.replace(r.range!.phrase, ' ').replace(/\s+/g, ' ').trim());
      expect(r.range!.from.getTime()).toBeLessThan(r.range!.to.getTime());
    }
  });
});
