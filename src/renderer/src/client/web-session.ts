/**
 * Web mode's sign-in: the API key lives in sessionStorage (gone when the tab closes) and is checked against the
 * server before it is kept. A key that stops working later (the server restarted with another) signs out.
 */
import type { EngramClient } from '../../../shared/client';
import { HttpClient } from '../../../shared/http-client';
import { errorCode } from './queries';

const KEY = 'engram.apiKey';

export function storedWebClient(): EngramClient | null {
  const key = sessionStorage.getItem(KEY);
  return key ? new HttpClient(key) : null;
}

/** Resolves to a client once the server accepts `key`; rejects with a message meant for the login form. */
export async function signIn(key: string): Promise<EngramClient> {
  const client = new HttpClient(key);
  try {
    await client.call('library.stats');
  } catch (error) {
    if (errorCode(error) === 'unauthorized') {
      throw new Error('That API key was not accepted. Use the key `engram serve` printed when it started (or the one given with --api-key).');
    }
    if (error instanceof TypeError) throw new Error(`Could not reach the Engram server at ${location.origin}. Is it still running?`);
    throw error;
  }
  sessionStorage.setItem(KEY, key);
  return client;
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
}

/** The same client, but an "unauthorized" answer to any call also runs `onUnauthorized`. */
export function watchUnauthorized(client: EngramClient, onUnauthorized: () => void): EngramClient {
  return {
    call: async <T>(handler: string, input?: unknown) => {
      try {
        return await client.call<T>(handler, input);
      } catch (error) {
        if (errorCode(error) === 'unauthorized') onUnauthorized();
        throw error;
      }
    },
    on: (event, fn) => client.on(event, fn),
    onResync: client.onResync && ((fn) => client.onResync!(fn)),
    importFiles:
      client.importFiles &&
      (async (files, options) => {
        try {
          return await client.importFiles!(files, options);
        } catch (error) {
          if (errorCode(error) === 'unauthorized') onUnauthorized();
          throw error;
        }
      }),
  };
}
