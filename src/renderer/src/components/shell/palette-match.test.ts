import { describe, expect, it } from 'vitest';
import { matchesCommand } from './palette-match';

describe('matchesCommand', () => {
  it('matches word prefixes of the label and keywords, in any order', () => {
    expect(matchesCommand('jour', "Today's journal")).toBe(true);
    expect(matchesCommand('go set', 'Go to Settings')).toBe(true);
    expect(matchesCommand('dark', 'Switch theme', ['dark', 'light'])).toBe(true);
    expect(matchesCommand('ournal', "Today's journal")).toBe(false);
    expect(matchesCommand('', 'Anything')).toBe(true);
  });
});
