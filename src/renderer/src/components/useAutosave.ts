/**
 * An autosaver (autosave.ts) bound to a component: one per `key` (e.g. the note id), its state as React state,
 * and flushed when the page hides or closes and when the component unmounts or the key changes, so navigating
 * away never loses the last words. A failure shows one error toast (with Retry) until a save succeeds again.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { createAutosaver, registerAutosaver, type Autosaver, type SaveState } from './autosave';
import { errorMessage, useToast } from './Toasts';

export interface UseAutosaveOptions {
  delay?: number;
  /** Start of the error toast, e.g. "Could not save the note". */
  failure?: string;
}

export function useAutosave<P extends object>(
  key: string,
  save: (patch: P) => Promise<unknown>,
  { delay = 600, failure = 'Could not save' }: UseAutosaveOptions = {},
): { saver: Autosaver<P>; state: SaveState } {
  const toast = useToast();
  const latestSave = useRef(save);
  latestSave.current = save;
  const failureToast = useRef<number | null>(null);

  // One saver per key; `save` is read through the ref so a new closure does not start a new saver.
  const saver = useMemo(() => {
    const created: Autosaver<P> = createAutosaver<P>({
      delay,
      save: async (patch) => {
        await latestSave.current(patch);
        if (failureToast.current !== null) toast.dismiss(failureToast.current);
        failureToast.current = null;
      },
      onError: (error) => {
        if (failureToast.current !== null) return;
        failureToast.current = toast.error(`${failure}: ${errorMessage(error)}`, {
          retry: () => ((failureToast.current = null), created.flush()),
        });
      },
    });
    return created;
  }, [key, delay, failure, toast]);
  const [state, setState] = useState<SaveState>(saver.state);

  useEffect(() => {
    setState(saver.state);
    const unsubscribe = saver.subscribe(setState);
    const close = registerAutosaver(saver as Autosaver<object>);
    const onHide = () => void saver.flush();
    const onVisibility = () => document.visibilityState === 'hidden' && onHide();
    window.addEventListener('pagehide', onHide);
    window.addEventListener('beforeunload', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      unsubscribe();
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('beforeunload', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      void close();
    };
  }, [saver]);

  return { saver, state };
}
