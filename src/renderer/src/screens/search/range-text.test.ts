import { describe, expect, it } from 'vitest';
import { rangeText } from './range-text';

// Ranges as the engine returns them for a user at +01:00: local midnights in UTC, end exclusive.
const at = (from: string, to: string) => ({ from: `${from}T23:00:00.000Z`, to: `${to}T23:00:00.000Z` });

describe('rangeText', () => {
  it('writes a week inside one month as "16–22 Nov"', () => {
    expect(rangeText(at('2026-11-15', '2026-11-22'), 60, 2026)).toBe('16–22 Nov');
  });

  it('writes one day, a whole month, and spans across months', () => {
    expect(rangeText(at('2026-11-21', '2026-11-22'), 60, 2026)).toBe('22 Nov');
    expect(rangeText(at('2026-02-28', '2026-03-31'), 60, 2026)).toBe('Mar');
    expect(rangeText(at('2026-11-29', '2026-12-06'), 60, 2026)).toBe('30 Nov – 6 Dec');
  });

  it('adds the year when it is not this year, or the range crosses one', () => {
    expect(rangeText(at('2023-02-28', '2023-03-31'), 60, 2026)).toBe('Mar 2023');
    expect(rangeText(at('2025-12-28', '2026-01-04'), 60, 2026)).toBe('29 Dec 2025 – 4 Jan 2026');
    expect(rangeText(at('2020-12-31', '2021-12-31'), 60, 2026)).toBe('1 Jan – 31 Dec 2021');
  });
});
