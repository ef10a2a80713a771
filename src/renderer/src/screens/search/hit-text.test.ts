import { describe, expect, it } from 'vitest';
import { headingTrail, kindLabel, matchedBy } from './hit-text';

describe('hit text', () => {
  it('names the lists that found a hit', () => {
    expect(matchedBy({ keyword: 1, semantic: 4 })).toBe('words and meaning');
    expect(matchedBy({ keyword: 2 })).toBe('words');
    expect(matchedBy({ semantic: 1 })).toBe('meaning');
    // A query that was only a date phrase lists what happened then.
    expect(matchedBy({})).toBe('date');
  });

  it('writes kinds as words', () => {
    expect(kindLabel('camera_frame')).toBe('Camera frame');
    expect(kindLabel('note')).toBe('Note');
  });

  it('joins the headings above a passage', () => {
    expect(headingTrail(['Trip', 'Day 2'])).toBe('Trip › Day 2');
    expect(headingTrail([])).toBe('');
  });
});
