import { describe, expect, it } from 'vitest';
import { addTag, normalizeTag } from './tag-text';

describe('normalizeTag', () => {
  it('drops #, commas and case, and joins words with dashes', () => {
    expect(normalizeTag('  #Reading List, ')).toBe('reading-list');
    expect(normalizeTag('#')).toBeNull();
    expect(normalizeTag('x'.repeat(101))).toBeNull();
  });

  it('adds a new tag once', () => {
    expect(addTag(['a'], 'B')).toEqual(['a', 'b']);
    expect(addTag(['a'], '#A')).toEqual(['a']);
    expect(addTag(['a'], '  ')).toEqual(['a']);
  });
});
