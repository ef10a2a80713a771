/**
 * Changes to the library from the UI: call a handler, refresh what it affects, and on failure show a toast
 * whose Retry runs the same change again, so no screen has to write that dance itself.
 */
import { useCallback } from 'react';
import { useClient } from './context';
import { useInvalidate } from './queries';
import { errorMessage, useToast } from '../components/Toasts';

export interface ActionOptions {
  /** Handlers whose cached results this change makes stale. */
  invalidates?: string[];
  /** What failed, in the user's words ("Could not move the note"); the engine's message follows it. */
  failure?: string;
}

/** `const run = useAction(); await run('notes.move', {...}, {invalidates: ['notes.list']})`: resolves to the
 * result, or to undefined after a failure was shown. */
export function useAction() {
  const client = useClient();
  const invalidate = useInvalidate();
  const toast = useToast();

  const run = useCallback(
    async <T>(handler: string, input: object, options: ActionOptions = {}): Promise<T | undefined> => {
      try {
        const result = await client.call<T>(handler, input);
        await invalidate(...(options.invalidates ?? []));
        return result;
      } catch (error) {
        const message = options.failure ? `${options.failure}: ${errorMessage(error)}` : errorMessage(error);
        toast.error(message, { retry: () => run(handler, input, options) });
        return undefined;
      }
    },
    [client, invalidate, toast],
  );
  return run;
}
