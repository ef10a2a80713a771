import { describe, expect, it } from 'vitest';
import { isRelatedToggle, loadOpen, MAX_CHARS, relatedQuery, saveOpen } from './related-text';

describe('related text', () => {
  it('asks nothing until there are 40 characters', () => {
    expect(relatedQuery('', 'short')).toBeNull();
    expect(relatedQuery('Sourdough', '   ')).toBeNull();
    expect(relatedQuery('', 'x'.repeat(39))).toBeNull();
    expect(relatedQuery('', 'x'.repeat(40))).toBe('x'.repeat(40));
  });

  it('joins the title and body, and keeps the end of long text', () => {
    expect(relatedQuery('Bread', 'Feed the starter every morning with rye flour')).toBe('Bread\n\nFeed the starter every morning with rye flour');
    const long = `${'a'.repeat(3000)}END`;
    const q = relatedQuery('', long)!;
    expect(q).toHaveLength(MAX_CHARS);
    expect(q.endsWith('END')).toBe(true);
  });

  it('toggles on Ctrl+Shift+L, or ⌘⇧L on macOS', () => {
    const e = { key: 'L', code: 'KeyL', shiftKey: true, altKey: false, ctrlKey: true, metaKey: false };
    expect(isRelatedToggle(e, false)).toBe(true);
    expect(isRelatedToggle(e, true)).toBe(false);
    expect(isRelatedToggle({ ...e, ctrlKey: false, metaKey: true }, true)).toBe(true);
    expect(isRelatedToggle({ ...e, shiftKey: false }, false)).toBe(false);
    expect(isRelatedToggle({ ...e, key: 'K', code: 'KeyK' }, false)).toBe(false);
  });

  it('remembers whether it is open, open by default', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(loadOpen(storage)).toBe(true);
    saveOpen(false, storage);
    expect(loadOpen(storage)).toBe(false);
    expect(loadOpen(undefined)).toBe(true);
  });
});
