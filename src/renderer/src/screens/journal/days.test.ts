import { describe, expect, it } from 'vitest';
import { dayName, shownDay } from './days';

describe('journal days', () => {
  it('shows the route day when it is a real day, else today', () => {
    expect(shownDay('2026-11-20', '2026-11-23')).toBe('2026-11-20');
    expect(shownDay(undefined, '2026-11-23')).toBe('2026-11-23');
    expect(shownDay('2026-02-30', '2026-11-23')).toBe('2026-11-23');
    expect(shownDay('yesterday', '2026-11-23')).toBe('2026-11-23');
  });

  it('names days near today in words, across month and year ends', () => {
    expect(dayName('2026-11-23', '2026-11-23')).toBe('Today');
    expect(dayName('2026-12-31', '2027-01-01')).toBe('Yesterday');
    expect(dayName('2026-03-01', '2026-02-28')).toBe('Tomorrow');
    expect(dayName('2026-11-20', '2026-11-23')).toBe('Friday 20 November 2026');
  });
});
