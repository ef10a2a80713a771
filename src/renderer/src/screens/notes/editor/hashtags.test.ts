import { describe, expect, it } from 'vitest';
import { splitTags } from './hashtags';

describe('hashtags', () => {
  it('splits explicit tags from those the text carries', () => {
    expect(splitTags(['milk', 'errands'], 'get #milk')).toEqual({ explicit: ['errands'], fromText: ['milk'] });
  });
});
