import { describe, expect, it } from 'vitest';
import { loadRecent, saveRecent, withRecent } from './recent';

const memory = () => {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
};

describe('recent searches', () => {
  it('puts the newest first without repeats, tidy and capped', () => {
    let list = withRecent([], 'bike');
    list = withRecent(list, ' garden   plans ');
    list = withRecent(list, 'BIKE');
    expect(list).toEqual(['BIKE', 'garden plans']);
    expect(withRecent(list, '  ')).toEqual(list);
    expect(withRecent(['a', 'b', 'c'], 'd', 3)).toEqual(['d', 'a', 'b']);
  });

  it('round-trips through storage and survives junk in it', () => {
    const s = memory();
    expect(loadRecent(s)).toEqual([]);
    saveRecent(['x', 'y'], s);
    expect(loadRecent(s)).toEqual(['x', 'y']);
    s.setItem('engram.recentSearches', '{not json');
    expect(loadRecent(s)).toEqual([]);
    s.setItem('engram.recentSearches', '[1,"ok"]');
    expect(loadRecent(s)).toEqual(['ok']);
  });
});
