/**
 * Autosave for the note editor: edits gather into one pending patch that is saved `delay` ms after the last
 * keystroke, or at once on `flush()` (blur, leaving the note, closing the window). Saves never overlap, so they
 * reach the engine in the order they were typed; a failed save keeps its edits pending and tries again.
 */
export type SaveState = 'saved' | 'dirty' | 'saving' | 'error';

export interface AutosaverOptions<P extends object> {
  save: (patch: P) => Promise<unknown>;
  delay: number;
  /** Wait before trying a failed save again. */
  retryDelay?: number;
  onError?: (error: unknown) => void;
}

export interface Autosaver<P extends object> {
  change(patch: P): void;
  /** Saves what is pending now; resolves when everything typed so far has been saved (or failed). */
  flush(): Promise<void>;
  readonly state: SaveState;
  subscribe(fn: (state: SaveState) => void): () => void;
}

const open = new Set<Autosaver<object>>();
const closing = new Set<Promise<void>>();

/** Saves what every open editor has pending (and waits for closed ones' last saves), e.g. before a trash. */
export async function flushAllAutosavers(): Promise<void> {
  await Promise.all([...[...open].map((s) => s.flush()), ...closing]);
}

/** Makes a saver part of `flushAllAutosavers` while its editor is open; the returned `close` saves it a last time. */
export function registerAutosaver(saver: Autosaver<object>): () => Promise<void> {
  open.add(saver);
  return () => {
    open.delete(saver);
    const last = saver.flush();
    closing.add(last);
    return last.finally(() => closing.delete(last));
  };
}

export function createAutosaver<P extends object>({ save, delay, retryDelay = 5000, onError }: AutosaverOptions<P>): Autosaver<P> {
  let pending: P | null = null;
  let state: SaveState = 'saved';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  const listeners = new Set<(s: SaveState) => void>();

  const set = (next: SaveState) => {
    if (next === state) return;
    state = next;
    listeners.forEach((fn) => fn(next));
  };
  const schedule = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), ms);
  };

  const saveOnce = async () => {
    if (!pending) return;
    const patch = pending;
    pending = null;
    set('saving');
    try {
      await save(patch);
      set(pending ? 'dirty' : 'saved');
    } catch (error) {
      // Edits made while this save was in flight are newer and win over the failed ones.
      pending = { ...patch, ...(pending ?? {}) } as P;
      set('error');
      onError?.(error);
      schedule(retryDelay);
    }
  };

  const flush = (): Promise<void> => {
    clearTimeout(timer);
    inFlight = inFlight.then(saveOnce);
    return inFlight;
  };

  const saver: Autosaver<P> = {
    change(patch) {
      pending = { ...(pending ?? {}), ...patch } as P;
      if (state !== 'saving') set('dirty');
      schedule(delay);
    },
    flush,
    get state() {
      return state;
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
  return saver;
}
