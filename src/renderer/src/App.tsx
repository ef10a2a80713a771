/**
 * The app root: on desktop the preload's IPC client is there from the start; in web mode the user signs in
 * with the API key first. Then the engine client, the query cache and toasts wrap the shell.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { EngramClient } from '../../shared/client';
import { ClientProvider } from './client/context';
import { createQueryClient } from './client/queries';
import { signOut, storedWebClient, watchUnauthorized } from './client/web-session';
import { Login } from './components/shell/Login';
import { Shell } from './components/shell/Shell';
import { ToastProvider } from './components/Toasts';
import { ImportRoot } from './components/import';

declare global {
  interface Window {
    engram?: EngramClient;
  }
}

const desktop = window.engram;

export function App() {
  const [webClient, setWebClient] = useState<EngramClient | null>(() => (desktop ? null : storedWebClient()));
  const [expired, setExpired] = useState(false);

  const client = useMemo(() => {
    if (desktop) return desktop;
    return webClient && watchUnauthorized(webClient, () => (signOut(), setExpired(true), setWebClient(null)));
  }, [webClient]);
  // A fresh cache per sign-in, so nothing read with one key is shown under another.
  const queryClient = useMemo(() => createQueryClient(), [client]);

  if (!client) {
    return (
      <Login
        notice={expired ? 'The server no longer accepts the key this tab had. Sign in again.' : undefined}
        onSignedIn={(c) => (setExpired(false), setWebClient(c))}
      />
    );
  }
  return (
    <ClientProvider client={client}>
      <QueryClientProvider client={queryClient}>
        <ToastProvider>
          <Shell onSignOut={desktop ? undefined : () => (signOut(), setWebClient(null))} />
          <ImportRoot />
        </ToastProvider>
      </QueryClientProvider>
    </ClientProvider>
  );
}
