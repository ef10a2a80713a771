import { describe, expect, it } from 'vitest';
import { heatLevel, heatmapGrid, moveInGrid, nearestDays, nearestInBounds, nearestWindow, weekdayIndex, windowFor, windowRange, yearsInBounds } from './heatmap-grid';

describe('windows', () => {
  it('the recent window is the 365 days ending today; a year is January to December', () => {
    expect(windowRange('recent', '2026-11-23')).toEqual({ from: '2025-11-24', to: '2026-11-23' });
    expect(windowRange(2008, '2026-11-23')).toEqual({ from: '2008-01-01', to: '2008-12-31' });
  });
  it('shows a day in the recent window when it is there, else in its year', () => {
    expect(windowFor('2026-01-05', '2026-11-23')).toBe('recent');
    expect(windowFor('2025-11-24', '2026-11-23')).toBe('recent');
    expect(windowFor('2025-11-23', '2026-11-23')).toBe(2025);
    expect(windowFor('2008-10-22', '2026-11-23')).toBe(2008);
  });
});

describe('heatmapGrid', () => {
  it('lays days out in Monday-first week columns with blanks outside the window', () => {
    // 2008-01-01 was a Tuesday; 2008-12-31 a Wednesday.
    expect(weekdayIndex('2008-01-01')).toBe(1);
    const grid = heatmapGrid('2008-01-01', '2008-12-31', [{ day: '2008-10-22', count: 9 }]);
    expect(grid.weeks).toHaveLength(53);
    expect(grid.weeks.every((w) => w.length === 7)).toBe(true);
    expect(grid.weeks[0]![0]).toBeNull();
    expect(grid.weeks[0]![1]).toEqual({ day: '2008-01-01', count: 0, level: 0 });
    expect(grid.weeks.at(-1)!.slice(2)).toEqual([{ day: '2008-12-31', count: 0, level: 0 }, null, null, null, null]);
    expect(grid.weeks.flat().filter(Boolean)).toHaveLength(366);
    const oct22 = grid.weeks.flat().find((c) => c?.day === '2008-10-22');
    expect(oct22).toEqual({ day: '2008-10-22', count: 9, level: 4 });
    expect(grid).toMatchObject({ total: 9, activeDays: 1, max: 9 });
  });

  it('names each month over the column of its first day, and a partial first month only when there is room', () => {
    const year = heatmapGrid('2008-01-01', '2008-12-31', []);
    expect(year.months.map((m) => m.label)).toEqual(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);
    expect(year.months[0]).toEqual({ label: 'Jan', week: 0 });
    // 2008-02-01 (a Friday) is in the fifth column.
    expect(year.months[1]).toEqual({ label: 'Feb', week: 4 });
    // From 24 November: December starts in the second column, too close to name November.
    const recent = heatmapGrid('2025-11-24', '2026-11-23', []);
    expect(recent.months[0]!.label).toBe('Dec');
    // From 3 November there is room for it.
    expect(heatmapGrid('2025-11-03', '2026-11-02', []).months[0]).toEqual({ label: 'Nov', week: 0 });
  });

  it('ignores counts outside the window when scaling', () => {
    const grid = heatmapGrid('2026-01-01', '2026-01-31', [
      { day: '2025-12-31', count: 500 },
      { day: '2026-01-02', count: 4 },
      { day: '2026-01-03', count: 1 },
    ]);
    expect(grid.max).toBe(4);
    expect(grid.total).toBe(5);
    const levels = grid.weeks.flat().filter((c) => c && c.count > 0).map((c) => c!.level);
    expect(levels).toEqual([4, 2]);
  });
});

describe('heatLevel', () => {
  it('is 0 for nothing and 1–4 on a square-root scale', () => {
    expect(heatLevel(0, 10)).toBe(0);
    expect(heatLevel(1, 300)).toBe(1);
    expect(heatLevel(20, 300)).toBe(2);
    expect(heatLevel(100, 300)).toBe(3);
    expect(heatLevel(300, 300)).toBe(4);
    expect(heatLevel(1, 1)).toBe(4);
  });
});

describe('day lookups', () => {
  const days = [
    { day: '2008-10-22', count: 9 },
    { day: '2026-03-01', count: 2 },
    { day: '2026-11-23', count: 19 },
  ];
  it('lists the years from the first day with items to the last, newest first', () => {
    expect(yearsInBounds({ first: '2022-10-22', last: '2026-03-01' })).toEqual([2026, 2025, 2024, 2023, 2022]);
    expect(yearsInBounds({ first: '2008-10-22', last: '2008-10-22' })).toEqual([2008]);
    expect(yearsInBounds({ first: null, last: null })).toEqual([]);
    expect(yearsInBounds(undefined)).toEqual([]);
  });
  it('finds the nearest days with items on either side', () => {
    expect(nearestDays(days, '2026-03-01')).toEqual({ before: '2008-10-22', after: '2026-11-23' });
    expect(nearestDays(days, '2020-01-01')).toEqual({ before: '2008-10-22', after: '2026-03-01' });
    expect(nearestDays(days, '2027-01-01')).toEqual({ before: '2026-11-23', after: null });
    expect(nearestDays(days, '2000-01-01')).toEqual({ before: null, after: '2008-10-22' });
  });
  it('answers from the bounds alone outside them, and asks a window kept inside them otherwise', () => {
    const bounds = { first: '2008-10-22', last: '2026-11-23' };
    expect(nearestWindow('2000-01-01', bounds, 92)).toBeNull();
    expect(nearestInBounds('2000-01-01', bounds)).toEqual({ before: null, after: '2008-10-22', complete: true });
    expect(nearestWindow('2027-01-01', bounds, 92)).toBeNull();
    expect(nearestInBounds('2027-01-01', bounds)).toEqual({ before: '2026-11-23', after: null, complete: true });
    expect(nearestWindow('2026-02-01', { first: null, last: null }, 92)).toBeNull();
    expect(nearestInBounds('2026-02-01', { first: null, last: null })).toEqual({ before: null, after: null, complete: true });
    expect(nearestWindow('2026-10-01', bounds, 92)).toEqual({ from: '2026-07-01', to: '2026-11-23' });
    expect(nearestWindow('2008-10-22', bounds, 10)).toEqual({ from: '2008-10-22', to: '2008-11-01' });
    expect(nearestWindow('2008-10-22', { first: '2008-10-22', last: '2008-10-22' }, 10)).toBeNull();
  });
  it('says when a side found nothing but the bounds promise more further out', () => {
    const bounds = { first: '2008-10-22', last: '2026-11-23' };
    const window = days.filter((d) => d.day >= '2025-12-01' && d.day <= '2026-06-01');
    expect(nearestInBounds('2026-02-01', bounds, window)).toEqual({ before: null, after: '2026-03-01', complete: false });
    expect(nearestInBounds('2026-02-01', bounds, days)).toEqual({ before: '2008-10-22', after: '2026-03-01', complete: true });
    // The first day itself, when it has items no longer (the bounds were read before a delete): only later.
    expect(nearestInBounds('2008-10-22', bounds, [{ day: '2008-10-25', count: 1 }])).toEqual({ before: null, after: '2008-10-25', complete: true });
  });
  it('moves through the grid by day and week, staying inside the window', () => {
    expect(moveInGrid('2008-10-22', 'ArrowDown', '2008-01-01', '2008-12-31')).toBe('2008-10-23');
    expect(moveInGrid('2008-10-22', 'ArrowUp', '2008-01-01', '2008-12-31')).toBe('2008-10-21');
    expect(moveInGrid('2008-10-22', 'ArrowRight', '2008-01-01', '2008-12-31')).toBe('2008-10-29');
    expect(moveInGrid('2008-01-03', 'ArrowLeft', '2008-01-01', '2008-12-31')).toBe('2008-01-01');
    expect(moveInGrid('2008-12-30', 'ArrowRight', '2008-01-01', '2008-12-31')).toBe('2008-12-31');
    expect(moveInGrid('2008-06-01', 'Home', '2008-01-01', '2008-12-31')).toBe('2008-01-01');
    expect(moveInGrid('2008-06-01', 'End', '2008-01-01', '2008-12-31')).toBe('2008-12-31');
    expect(moveInGrid('2008-06-01', 'Enter', '2008-01-01', '2008-12-31')).toBeNull();
  });
});
