import { describe, expect, it } from 'vitest';
import { hashtags, splitTags } from './hashtags';

describe('hashtags', () => {
  it('reads tags the way the engine does', () => {
    expect(hashtags('# Heading\nbuy #Milk and (#eggs-) #2 `#code`\n```\n#fenced\n```\n#last')).toEqual(['milk', 'eggs', 'last']);
  });

  it('splits explicit tags from those the text carries', () => {
    expect(splitTags(['milk', 'errands'], 'get #milk')).toEqual({ explicit: ['errands'], fromText: ['milk'] });
  });
});
