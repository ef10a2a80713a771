import { describe, expect, it } from 'vitest';
import { isModKey, shortcutText } from './keys';

describe('keys', () => {
  it('reads Mod as ⌘ on macOS and Ctrl elsewhere', () => {
    expect(shortcutText(['Mod', 'K'], true)).toBe('⌘K');
    expect(shortcutText(['Mod', 'K'], false)).toBe('Ctrl+K');
    expect(shortcutText(['Alt', 'ArrowUp'], false)).toBe('Alt+↑');
  });

  it('takes only the platform modifier as Mod', () => {
    expect(isModKey({ metaKey: true, ctrlKey: false }, true)).toBe(true);
    expect(isModKey({ metaKey: false, ctrlKey: true }, true)).toBe(false);
    expect(isModKey({ metaKey: false, ctrlKey: true }, false)).toBe(true);
    expect(isModKey({ metaKey: true, ctrlKey: true }, false)).toBe(false);
  });
});
