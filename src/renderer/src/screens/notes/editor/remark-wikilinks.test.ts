import { describe, expect, it } from 'vitest';
import { remarkWikilinks, splitWikilinks } from './remark-wikilinks';

describe('remarkWikilinks', () => {
  it('turns [[links]] in text into links and keeps the text around them', () => {
    expect(splitWikilinks('see [[Bike repairs|the bike]] now')).toEqual([
      { type: 'text', value: 'see ' },
      { type: 'link', url: '#/wikilink/Bike%20repairs', children: [{ type: 'text', value: 'the bike' }] },
      { type: 'text', value: ' now' },
    ]);
  });

  it('leaves code and existing links alone', () => {
    const tree = {
      type: 'root',
      children: [
        {
          type: 'paragraph',
          children: [
            { type: 'inlineCode', value: '[[x]]' },
            { type: 'link', url: 'https://e.org', children: [{ type: 'text', value: '[[y]]' }] },
            { type: 'text', value: '[[z]]' },
          ],
        },
        { type: 'code', value: '[[w]]' },
      ],
    };
    remarkWikilinks()(tree);
    const para = tree.children[0]!.children!;
    expect(para[0]).toEqual({ type: 'inlineCode', value: '[[x]]' });
    expect(para[1]!.children![0]).toEqual({ type: 'text', value: '[[y]]' });
    expect(para[2]).toMatchObject({ type: 'link', url: '#/wikilink/z' });
    expect(tree.children[1]).toEqual({ type: 'code', value: '[[w]]' });
  });
});
