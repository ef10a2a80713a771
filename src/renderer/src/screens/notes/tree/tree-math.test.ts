import { describe, expect, it } from 'vitest';
import { dropTarget, dropZone, indent, nudge, outdent, slotTarget, type Place } from './tree-math';

const at = (id: string, parentId: string | null, index: number): Place => ({ id, parentId, index });

describe('dropZone', () => {
  it('splits a row into before, inside and after', () => {
    expect(dropZone(2, 32)).toBe('before');
    expect(dropZone(16, 32)).toBe('inside');
    expect(dropZone(30, 32)).toBe('after');
  });
});

describe('dropTarget', () => {
  // Siblings under root: a(0) b(1) c(2) d(3).
  it('moving down among siblings lands one earlier, because the engine counts without the moved node', () => {
    expect(dropTarget(at('a', null, 0), at('c', null, 2), 'before')).toEqual({ parentId: null, index: 1 });
    expect(dropTarget(at('a', null, 0), at('d', null, 3), 'after')).toEqual({ parentId: null, index: 3 });
  });

  it('moving up among siblings takes the slot as is', () => {
    expect(dropTarget(at('d', null, 3), at('a', null, 0), 'before')).toEqual({ parentId: null, index: 0 });
    expect(dropTarget(at('d', null, 3), at('b', null, 1), 'after')).toEqual({ parentId: null, index: 2 });
  });

  it('dropping next to itself, or on itself, changes nothing', () => {
    expect(dropTarget(at('b', null, 1), at('a', null, 0), 'after')).toBeNull();
    expect(dropTarget(at('b', null, 1), at('c', null, 2), 'before')).toBeNull();
    expect(dropTarget(at('b', null, 1), at('b', null, 1), 'inside')).toBeNull();
  });

  it('dropping inside appends to the target, unless it is already the parent', () => {
    expect(dropTarget(at('a', null, 0), at('c', null, 2), 'inside')).toEqual({ parentId: 'c' });
    expect(dropTarget(at('x', 'c', 0), at('c', null, 2), 'inside')).toBeNull();
  });

  it('moving into another parent keeps the slot', () => {
    expect(dropTarget(at('a', null, 0), at('y', 'c', 1), 'before')).toEqual({ parentId: 'c', index: 1 });
    expect(slotTarget(at('a', null, 0), 'c', 5)).toEqual({ parentId: 'c', index: 5 });
  });
});

describe('keyboard moves', () => {
  it('nudges within the siblings and stops at the ends', () => {
    expect(nudge(at('b', 'p', 1), 3, -1)).toEqual({ parentId: 'p', index: 0 });
    expect(nudge(at('b', 'p', 1), 3, 1)).toEqual({ parentId: 'p', index: 2 });
    expect(nudge(at('a', 'p', 0), 3, -1)).toBeNull();
    expect(nudge(at('c', 'p', 2), 3, 1)).toBeNull();
  });

  it('indents under the sibling above and outdents to just after the parent', () => {
    expect(indent('a')).toEqual({ parentId: 'a' });
    expect(indent(null)).toBeNull();
    expect(outdent(at('p', 'g', 4))).toEqual({ parentId: 'g', index: 5 });
    expect(outdent(null)).toBeNull();
  });
});
