/**
 * The engine client for every screen: the preload's IPC client on desktop, the HTTP client in web mode.
 * Screens call `useClient()` (usually through react-query) and never know which one they have.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { EngramClient } from '../../../shared/client';

const ClientContext = createContext<EngramClient | null>(null);

export function ClientProvider({ client, children }: { client: EngramClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useClient(): EngramClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside ClientProvider');
  return client;
}
