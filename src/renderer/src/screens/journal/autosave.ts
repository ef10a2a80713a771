/**
 * Debounced saving for an editor: `schedule` after each change, `flush` on blur or when the editor goes away.
 * Saves never overlap, and a change made while one is in flight is saved after it, so the last text always
 * lands last.
 */
export type SaveState = 'saved' | 'unsaved' | 'saving' | 'failed';

export interface Autosave<T> {
  schedule(value: T): void;
  /** Saves a pending change now; resolves when everything scheduled so far is saved (or has failed). */
  flush(): Promise<void>;
  cancel(): void;
}

export function createAutosave<T>(
  save: (value: T) => Promise<void>,
  delayMs: number,
  onState: (state: SaveState, error?: unknown) => void = () => {},
): Autosave<T> {
  let pending: { value: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> = Promise.resolve();

  const clearTimer = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };

  const flush = (): Promise<void> => {
    clearTimer();
    if (!pending) return running;
    const { value } = pending;
    pending = null;
    running = running.then(async () => {
      onState('saving');
      try {
        await save(value);
        onState(pending ? 'unsaved' : 'saved');
      } catch (error) {
        onState('failed', error);
      }
    });
    return running;
  };

  return {
    schedule(value) {
      pending = { value };
      onState('unsaved');
      clearTimer();
      timer = setTimeout(() => void flush(), delayMs);
    },
    flush,
    cancel() {
      clearTimer();
      pending = null;
    },
  };
}
