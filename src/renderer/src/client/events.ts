/**
 * Live engine events (IPC on desktop, the event stream in web mode) kept in step with the cache: a changed node
 * or new vectors make the affected queries stale, so every open screen shows the change without polling.
 */
import { useEffect, useRef } from 'react';
import type { EngineEventName, EngineEvents } from '../../../shared/events';
import { useClient } from './context';
import { useInvalidate } from './queries';

/** Runs `fn` for each `event` while the component is mounted; `fn` may change between renders. */
export function useEngineEvent<K extends EngineEventName>(event: K, fn: (payload: EngineEvents[K]) => void): void {
  const client = useClient();
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(() => client.on(event, (payload) => latest.current(payload)), [client, event]);
}

/** Every query a changed node can make stale. */
export const NODE_QUERIES = ['notes.list', 'notes.get', 'notes.links', 'notes.chunks', 'versions.list', 'tags.list', 'search.query', 'library.stats'];
const INDEX_QUERIES = ['notes.chunks', 'index.status', 'library.stats'];
// Embedding reports progress for every batch; refreshing once a second is plenty for what the user sees.
const INDEX_REFRESH_MS = 1000;

/** Mounted once by the shell. */
export function useLiveCache(): void {
  const invalidate = useInvalidate();
  const indexTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEngineEvent('node.changed', () => void invalidate(...NODE_QUERIES));
  useEngineEvent('index.progress', () => {
    indexTimer.current ??= setTimeout(() => {
      indexTimer.current = null;
      void invalidate(...INDEX_QUERIES);
    }, INDEX_REFRESH_MS);
  });
  useEngineEvent('index.embedder', () => void invalidate(...INDEX_QUERIES));
  // Bulk work (imports) writes in one transaction without a node.changed per node; its end is the signal.
  useEngineEvent('job.progress', (p) => p.done >= p.total && void invalidate(...NODE_QUERIES));
  useEffect(() => () => clearTimeout(indexTimer.current ?? undefined), []);
  // Back from a dropped event stream: whatever changed meanwhile went unannounced, so refresh it all.
  const client = useClient();
  useEffect(() => client.onResync?.(() => void invalidate(...NODE_QUERIES, ...INDEX_QUERIES)), [client, invalidate]);
}
