import { describe, expect, it } from 'vitest';
import { trashRoots } from './trash-roots';

describe('trashRoots', () => {
  it('lists the top of each deleted subtree with how many notes are under it', () => {
    const items = [
      { id: 'c', parentId: 'b' },
      { id: 'a', parentId: null },
      { id: 'b', parentId: 'a' },
      { id: 'x', parentId: 'live-parent' },
    ];
    expect(trashRoots(items).map((r) => [r.node.id, r.descendants])).toEqual([
      ['a', 2],
      ['x', 0],
    ]);
  });
});
