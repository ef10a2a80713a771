/**
 * "Related while writing": what is sent to `recommend.related` and when. Short text says too little to match
 * on, so nothing is asked below MIN_CHARS; long text is cut to its end (the engine reads only the last 2,000
 * characters too: what is being written now is what matters).
 */
export const MIN_CHARS = 40;
export const MAX_CHARS = 2000;
/** How long typing must pause before asking again. */
export const RELATED_DEBOUNCE_MS = 800;
export const RELATED_LIMIT = 6;

/** The text to find related items for, or null when there is too little of it yet. */
export function relatedQuery(title: string, body: string): string | null {
  const text = [title.trim(), body.trim()].filter(Boolean).join('\n\n');
  if (text.replace(/\s+/g, ' ').length < MIN_CHARS) return null;
  return text.length > MAX_CHARS ? text.slice(-MAX_CHARS) : text;
}

/** Ctrl+Shift+L (⌘⇧L on macOS) shows or hides the panel. */
export const RELATED_SHORTCUT = ['Mod', 'Shift', 'L'];

export function isRelatedToggle(e: { key: string; code?: string; shiftKey: boolean; altKey: boolean; ctrlKey: boolean; metaKey: boolean }, mac: boolean): boolean {
  const mod = mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  return mod && e.shiftKey && !e.altKey && (e.code === 'KeyL' || e.key.toLowerCase() === 'l');
}

const OPEN_KEY = 'engram.related.open';

export function loadOpen(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): boolean {
  try {
    return storage?.getItem(OPEN_KEY) !== 'false';
  } catch {
    return true;
  }
}

export function saveOpen(open: boolean, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(OPEN_KEY, String(open));
  } catch {
    // Private mode or storage full: the panel just forgets its state.
  }
}
