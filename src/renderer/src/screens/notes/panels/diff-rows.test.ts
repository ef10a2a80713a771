import { describe, expect, it } from 'vitest';
import { addedRows, diffRows } from './diff-rows';

describe('diffRows', () => {
  it('numbers kept, removed and added lines on their own sides', () => {
    const rows = diffRows([{ oldStart: 3, oldLines: 3, newStart: 3, newLines: 3, lines: [' a', '-b', '+B', ' c', '\\ No newline at end of file'] }]);
    expect(rows).toEqual([
      { kind: 'hunk', text: 'Lines 3–5 → 3–5' },
      { kind: 'same', text: 'a', oldNo: 3, newNo: 3 },
      { kind: 'del', text: 'b', oldNo: 4 },
      { kind: 'add', text: 'B', newNo: 4 },
      { kind: 'same', text: 'c', oldNo: 5, newNo: 5 },
    ]);
  });

  it('shows a last line that only gained a line break as unchanged', () => {
    const rows = diffRows([{ oldStart: 1, oldLines: 1, newStart: 1, newLines: 2, lines: ['-a', '\\ No newline at end of file', '+a', '+b'] }]);
    expect(rows.slice(1)).toEqual([
      { kind: 'same', text: 'a', oldNo: 1, newNo: 1 },
      { kind: 'add', text: 'b', newNo: 2 },
    ]);
  });

  it('shows a first version as all added', () => {
    expect(addedRows('x\ny')).toEqual([
      { kind: 'add', text: 'x', newNo: 1 },
      { kind: 'add', text: 'y', newNo: 2 },
    ]);
    expect(addedRows('')).toEqual([]);
  });
});
