import { describe, expect, it } from 'vitest';
import { parseHashtags, parseWikilinks } from './markdown';

describe('markdown', () => {
  it('reads #hashtags outside headings, numbers and code', () => {
    expect(parseHashtags('# Heading\nbuy #Milk and (#eggs-) #2 `#code`\n```\n#fenced\n```\n#last')).toEqual(['milk', 'eggs', 'last']);
  });

  it('reads [[wikilinks]] with headings and aliases, ignoring code', () => {
    expect(parseWikilinks('see [[Alpha]], [[Beta#Part]] and [[Gamma|the third]] but not `[[Code]]`')).toEqual(['Alpha', 'Beta', 'Gamma']);
  });
});
