import { describe, expect, it } from 'vitest';
import { batchProgress, failedText, lastMonths, monthRows, nextBaseline, optimiseText, storageShares } from './dashboard-data';

describe('monthRows', () => {
  it('lists the last twelve months across a year boundary', () => {
    expect(lastMonths('2026-02')).toEqual([
      '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02',
    ]);
  });
  it('fills every month, kinds as columns, most items first', () => {
    const { rows, kinds } = monthRows(
      [
        { month: '2024-01', kind: 'photo', count: 99 },
        { month: '2025-12', kind: 'note', count: 5 },
        { month: '2026-01', kind: 'photo', count: 3 },
        { month: '2026-02', kind: 'photo', count: 4 },
        { month: '2026-02', kind: 'note', count: 1 },
      ],
      '2026-02',
    );
    expect(kinds).toEqual(['photo', 'note']);
    expect(rows).toHaveLength(12);
    expect(rows[0]).toEqual({ month: '2025-03', label: 'Mar 2025', photo: 0, note: 0 });
    expect(rows[1]!.label).toBe('Apr');
    expect(rows.at(-3)).toEqual({ month: '2025-12', label: 'Dec', photo: 0, note: 5 });
    expect(rows.at(-2)).toEqual({ month: '2026-01', label: 'Jan 2026', photo: 3, note: 0 });
    expect(rows.at(-1)).toEqual({ month: '2026-02', label: 'Feb', photo: 4, note: 1 });
  });
  it('has no kinds when nothing happened this year', () => {
    expect(monthRows([], '2026-02').kinds).toEqual([]);
  });
});

describe('batch progress', () => {
  it('counts from when the work began and is null when nothing remains', () => {
    const idle = { queued: 0, running: 0, done: 77, failed: 1, waiting: 2 };
    expect(batchProgress(idle, 78)).toBeNull();
    let baseline = nextBaseline(idle, null);
    expect(baseline).toBe(78);
    const busy = { queued: 8, running: 2, done: 80, failed: 1, waiting: 2 };
    baseline = nextBaseline(busy, baseline);
    expect(baseline).toBe(78);
    expect(batchProgress(busy, baseline)).toEqual({ value: 3, max: 13 });
    // Opened mid-batch: the first reading is the baseline, so the bar starts at the beginning.
    expect(batchProgress(busy, nextBaseline(busy, null))).toEqual({ value: 0, max: 10 });
  });
});

describe('storage and optimising', () => {
  it('gives each kind its share', () => {
    expect(storageShares({ byKind: [{ kind: 'photo', bytes: 75 }, { kind: 'note', bytes: 25 }], totalBytes: 100, budgetBytes: null, warning: null })).toEqual([
      { kind: 'photo', bytes: 75, share: 0.75 },
      { kind: 'note', bytes: 25, share: 0.25 },
    ]);
    expect(storageShares({ byKind: [], totalBytes: 0, budgetBytes: null, warning: null })).toEqual([]);
  });
  it('says what optimising did', () => {
    expect(optimiseText({ freedBytes: 3 * 1024 * 1024, originalsDropped: 2, orphansRemoved: 1 })).toBe(
      'Freed 3.0 MB: dropped 2 originals past the retention age and removed 1 unused file.',
    );
    expect(optimiseText({ freedBytes: 0, originalsDropped: 0, orphansRemoved: 0 })).toMatch(/^Nothing to free/);
  });
});

describe('failed steps', () => {
  it('says how many steps failed and on which items', () => {
    expect(failedText(1, 1, false)).toBe('1 step failed, on this item. Open it to see why and retry.');
    expect(failedText(5, 3, false)).toBe('5 steps failed, on these 3 items. Open one to see why and retry.');
    expect(failedText(40, 12, true)).toBe('40 steps failed, on more than 12 items. Open one to see why and retry.');
    expect(failedText(2, 0, false)).toBe('2 steps failed.');
  });
});
