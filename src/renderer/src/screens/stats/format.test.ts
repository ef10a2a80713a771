import { describe, expect, it } from 'vitest';
import { formatBytes } from './format';

describe('formatBytes', () => {
  it('uses the largest unit below 1024 with sensible precision', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(1023)).toBe('1023 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(7 * 1024 * 1024 + 300_000)).toBe('7.3 MB');
    expect(formatBytes(250 * 1024 ** 3)).toBe('250 GB');
  });
});
