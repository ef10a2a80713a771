import type { EngramError } from '../../src/shared/errors';

/** The `EngramError` code `fn` throws with, or undefined when it returns. */
export const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    return (err as EngramError).code;
  }
  return undefined;
};
