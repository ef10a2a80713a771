import { describe, expect, it } from 'vitest';
import { formatRelative } from './dates';

describe('formatRelative', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  it('says how long ago in the last day', () => {
    expect(formatRelative('2026-03-01T11:59:50Z', now)).toBe('just now');
    expect(formatRelative('2026-03-01T11:55:00Z', now)).toBe('5 min ago');
    expect(formatRelative('2026-03-01T09:00:00Z', now)).toBe('3 h ago');
  });
});
