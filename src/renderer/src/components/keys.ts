/**
 * Keyboard helpers shared by the shell and the screens. "Mod" is ⌘ on macOS and Ctrl elsewhere, so a
 * shortcut reads and works the way each platform expects.
 */
export const isMac = (platform = globalThis.navigator?.platform ?? ''): boolean => /mac|iphone|ipad/i.test(platform);

/** Whether the platform's command modifier (⌘ or Ctrl) is held, and not the other one. */
export function isModKey(e: { metaKey: boolean; ctrlKey: boolean }, mac = isMac()): boolean {
  return mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
}

/** How a key is written on this platform: `Mod` → ⌘ or Ctrl, `Alt` → ⌥ or Alt, `Shift` → ⇧ or Shift. */
export function keyLabel(key: string, mac = isMac()): string {
  const names: Record<string, [string, string]> = {
    Mod: ['⌘', 'Ctrl'], Alt: ['⌥', 'Alt'], Shift: ['⇧', 'Shift'], Enter: ['↵', 'Enter'],
    ArrowUp: ['↑', '↑'], ArrowDown: ['↓', '↓'], ArrowLeft: ['←', '←'], ArrowRight: ['→', '→'], Escape: ['Esc', 'Esc'],
  };
  const pair = names[key];
  return pair ? pair[mac ? 0 : 1] : key.length === 1 ? key.toUpperCase() : key;
}

/** A shortcut as plain text, e.g. "Ctrl+K" or "⌘K", for titles and aria-keyshortcuts-like hints. */
export const shortcutText = (keys: string[], mac = isMac()): string =>
  keys.map((k) => keyLabel(k, mac)).join(mac ? '' : '+');

/** Whether typing is going on in a field, where single-key shortcuts ("/") must not fire. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName);
}
