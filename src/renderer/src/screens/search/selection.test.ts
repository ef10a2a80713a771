import { describe, expect, it } from 'vitest';
import { enterTarget, initialSelection, keyAction, selectionReducer, type SelectionAction } from './selection';

const run = (...actions: SelectionAction[]) => actions.reduce(selectionReducer, initialSelection);

describe('keyboard selection of results', () => {
  it('starts with nothing selected when results arrive', () => {
    expect(run({ type: 'results', count: 3 })).toEqual({ index: -1, count: 3 });
    expect(run({ type: 'results', count: 3 }, { type: 'down' }, { type: 'results', count: 5 }).index).toBe(-1);
  });

  it('moves down and up within the list and stops at the ends', () => {
    const r = { type: 'results', count: 3 } as const;
    expect(run(r, { type: 'down' }).index).toBe(0);
    expect(run(r, { type: 'down' }, { type: 'down' }, { type: 'down' }, { type: 'down' }).index).toBe(2);
    expect(run(r, { type: 'down' }, { type: 'down' }, { type: 'up' }).index).toBe(0);
    expect(run(r, { type: 'down' }, { type: 'up' }).index).toBe(0);
  });

  it('goes to the last result with Up from nothing, and to the ends with Page keys', () => {
    const r = { type: 'results', count: 4 } as const;
    expect(run(r, { type: 'up' }).index).toBe(3);
    expect(run(r, { type: 'last' }, { type: 'first' }).index).toBe(0);
  });

  it('does nothing without results, and ignores out-of-range picks', () => {
    expect(run({ type: 'down' })).toEqual(initialSelection);
    expect(run({ type: 'results', count: 2 }, { type: 'set', index: 5 }).index).toBe(-1);
    expect(run({ type: 'results', count: 2 }, { type: 'set', index: 1 }).index).toBe(1);
  });

  it('maps keys to moves', () => {
    expect(keyAction('ArrowDown')).toEqual({ type: 'down' });
    expect(keyAction('ArrowUp')).toEqual({ type: 'up' });
    expect(keyAction('a')).toBeNull();
  });
});

describe('Enter', () => {
  it('opens the selected result, else the first of fresh results, else nothing', () => {
    expect(enterTarget({ index: 2, count: 3 }, false)).toBe(2);
    expect(enterTarget({ index: -1, count: 3 }, true)).toBe(0);
    expect(enterTarget({ index: -1, count: 3 }, false)).toBeNull();
    expect(enterTarget({ index: -1, count: 0 }, true)).toBeNull();
  });
});
