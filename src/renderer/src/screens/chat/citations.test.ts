import { describe, expect, it } from 'vitest';
import { citationParts, citedNumbers, citeNumbers } from './citations';
import { citeTarget, remarkCitations, splitCitations } from './remark-citations';

describe('citationParts', () => {
  it('turns each [n] into its own part', () => {
    expect(citationParts('Feed it daily [1]. Rye works best [2].')).toEqual([
      { kind: 'text', text: 'Feed it daily ' },
      { kind: 'cite', n: 1 },
      { kind: 'text', text: '. Rye works best ' },
      { kind: 'cite', n: 2 },
      { kind: 'text', text: '.' },
    ]);
  });

  it('splits groups, neighbours and ranges into one part per number', () => {
    const cites = (t: string) => citationParts(t).filter((p) => p.kind === 'cite').map((p) => (p.kind === 'cite' ? p.n : 0));
    expect(cites('a [1, 3] b')).toEqual([1, 3]);
    expect(cites('a [1][2] b')).toEqual([1, 2]);
    expect(cites('a [2-4] b')).toEqual([2, 3, 4]);
    expect(cites('a [2–3] b')).toEqual([2, 3]);
    expect(cites('a [1; 2] b')).toEqual([1, 2]);
  });

  it('leaves markdown links, words, years and silly ranges as text', () => {
    for (const t of ['see [1](http://x)', 'a [note] b', 'in [2019]', '[0]', '[1-80]', '[3-1]', 'a [] b', '[1,]']) {
      expect(citationParts(t)).toEqual([{ kind: 'text', text: t }]);
    }
  });

  it('keeps the text whole when there is no citation, and gives nothing for nothing', () => {
    expect(citationParts('plain')).toEqual([{ kind: 'text', text: 'plain' }]);
    expect(citationParts('')).toEqual([]);
    expect(citationParts('[1]')).toEqual([{ kind: 'cite', n: 1 }]);
  });

  it('reads a bracket’s numbers', () => {
    expect(citeNumbers('1, 2')).toEqual([1, 2]);
    expect(citeNumbers('x')).toBeNull();
    expect(citeNumbers('100')).toBeNull();
  });

  it('lists the numbers cited, first mention first', () => {
    expect(citedNumbers('b [2] a [1] again [2, 3]')).toEqual([2, 1, 3]);
  });
});

describe('remarkCitations', () => {
  it('makes citation links inside text, not inside code or links', () => {
    const tree = {
      type: 'root',
      children: [
        {
          type: 'paragraph',
          children: [
            { type: 'text', value: 'Daily [1].' },
            { type: 'inlineCode', value: 'arr[1]' },
            { type: 'link', url: 'https://x', children: [{ type: 'text', value: 'see [2]' }] },
          ],
        },
      ],
    };
    remarkCitations()(tree);
    const p = tree.children[0]!.children;
    expect(p.map((c) => c.type)).toEqual(['text', 'link', 'text', 'inlineCode', 'link']);
    expect(p[1]).toEqual({ type: 'link', url: '#/cite/1', children: [{ type: 'text', value: '1' }] });
    expect((p[4] as { children: unknown[] }).children).toEqual([{ type: 'text', value: 'see [2]' }]);
  });

  it('reads the source number back from the link', () => {
    expect(splitCitations('[3]')[0]!.url).toBe('#/cite/3');
    expect(citeTarget('#/cite/3')).toBe(3);
    expect(citeTarget('#/notes/abc')).toBeNull();
    expect(citeTarget(undefined)).toBeNull();
  });
});
