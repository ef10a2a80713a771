import { describe, expect, it } from 'vitest';
import { completionText, openWikilink, rankTitles, WIKILINK } from './wikilinks';

describe('openWikilink', () => {
  it('finds the title being typed after [[', () => {
    expect(openWikilink('see [[Bik')).toEqual({ from: 6, query: 'Bik' });
    expect(openWikilink('see [[')).toEqual({ from: 6, query: '' });
  });

  it('ignores closed links, aliases and other lines', () => {
    expect(openWikilink('see [[Bike]] and')).toBeNull();
    expect(openWikilink('[[Bike|the')).toBeNull();
    expect(openWikilink('plain text')).toBeNull();
  });
});

describe('rankTitles', () => {
  const titles = ['Bike repairs', 'Mountain bike', 'Motorbike', 'Groceries', 'bike', '', 'Bike repairs'];

  it('puts prefix matches first, then word starts, then substrings, shorter first', () => {
    expect(rankTitles('bike', titles)).toEqual(['bike', 'Bike repairs', 'Mountain bike', 'Motorbike']);
  });

  it('offers everything for an empty query, without duplicates or blanks', () => {
    expect(rankTitles('', titles, 3)).toEqual(['bike', 'Groceries', 'Motorbike']);
  });
});

describe('completionText', () => {
  it('closes the link unless it is closed already', () => {
    expect(completionText('Bike', '')).toBe('Bike]]');
    expect(completionText('Bike', ']] more')).toBe('Bike');
  });
});

describe('WIKILINK', () => {
  it('reads the title and the shown text', () => {
    const found = [...'[[A]] [[B#h|see b]]'.matchAll(WIKILINK)].map((m) => [m[1], m[2]]);
    expect(found).toEqual([['A', undefined], ['B', 'see b']]);
  });
});
