import { describe, expect, it } from 'vitest';
import { decodeEntities, snippetParts } from './snippet-parts';

describe('snippetParts', () => {
  it('splits marked words from plain text and decodes entities', () => {
    expect(snippetParts('<mark>zebra</mark> logs &amp; then &quot;vanished&quot;…')).toEqual([
      { text: 'zebra', mark: true },
      { text: ' logs & then "vanished"…', mark: false },
    ]);
  });

  it('keeps escaped markup as text, never as elements', () => {
    expect(snippetParts('&lt;<mark>script</mark>&gt;alert(1)&lt;/script&gt;')).toEqual([
      { text: '<', mark: false },
      { text: 'script', mark: true },
      { text: '>alert(1)</script>', mark: false },
    ]);
  });

  it('decodes numeric entities and leaves unknown ones alone', () => {
    expect(decodeEntities('it&#39;s &#x263A; &nbsp;')).toBe("it's ☺ &nbsp;");
  });
});
