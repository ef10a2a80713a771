/**
 * Live engine events (IPC on desktop, the event stream in web mode) kept in step with the cache: a changed node,
 * a media step or new vectors make the affected queries stale. Open screens refetch at once; screens not on
 * view refetch when they are next shown, so every screen shows the change without polling.
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
/** Every query an item's change or a media step's end can alter: the timeline, the drawer, the dashboard. */
export const TIMELINE_QUERIES = ['timeline.heatmap', 'timeline.day', 'timeline.items', 'timeline.bounds', 'media.detail', 'dashboard.get', 'storage.get'];
/** What a step's progress alone alters: the drawer's step list and the dashboard's queue. */
const PROGRESS_QUERIES = ['media.detail', 'dashboard.get'];
const INDEX_QUERIES = ['notes.chunks', 'index.status', 'library.stats'];
// Embedding reports progress for every batch; refreshing once a second is plenty for what the user sees.
const INDEX_REFRESH_MS = 1000;
// Media steps report progress many times a second, and an import changes many nodes in a row.
export const TIMELINE_REFRESH_MS = 800;

/**
 * Gathers handler names asked for within `ms` of the first into one `flush`: a burst of events costs one
 * refetch per query, at most `ms` after the first of them.
 */
export function createBatcher(flush: (handlers: string[]) => void, ms: number): { add(handlers: readonly string[]): void; cancel(): void } {
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    add(handlers) {
      for (const h of handlers) pending.add(h);
      timer ??= setTimeout(() => {
        timer = null;
        const due = [...pending];
        pending.clear();
        flush(due);
      }, ms);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending.clear();
    },
  };
}

/** Mounted once by the shell. */
export function useLiveCache(): void {
  const invalidate = useInvalidate();
  const indexTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latestInvalidate = useRef(invalidate);
  latestInvalidate.current = invalidate;
  const timeline = useBatcher((handlers) => void latestInvalidate.current(...handlers), TIMELINE_REFRESH_MS);

  useEngineEvent('node.changed', () => {
    void invalidate(...NODE_QUERIES);
    timeline.add(TIMELINE_QUERIES);
  });
  // A step's `done` is followed by node.changed; a failure is not, and it changes the item's badge.
  useEngineEvent('media.step', (e) => timeline.add(e.status === 'failed' ? TIMELINE_QUERIES : PROGRESS_QUERIES));
  useEngineEvent('index.progress', () => {
    indexTimer.current ??= setTimeout(() => {
      indexTimer.current = null;
      void invalidate(...INDEX_QUERIES);
    }, INDEX_REFRESH_MS);
  });
  useEngineEvent('index.embedder', () => void invalidate(...INDEX_QUERIES));
  // Bulk work (imports) writes in one transaction without a node.changed per node; its end is the signal.
  useEngineEvent('job.progress', (p) => {
    if (p.done < p.total) return;
    void invalidate(...NODE_QUERIES);
    timeline.add(TIMELINE_QUERIES);
  });
  useEffect(() => () => clearTimeout(indexTimer.current ?? undefined), []);
  // Back from a dropped event stream: whatever changed meanwhile went unannounced, so refresh it all.
  const client = useClient();
  useEffect(() => client.onResync?.(() => void invalidate(...NODE_QUERIES, ...INDEX_QUERIES, ...TIMELINE_QUERIES)), [client, invalidate]);
}

/** One batcher for the component's life; what is pending is dropped on unmount (it stays usable after). */
function useBatcher(flush: (handlers: string[]) => void, ms: number): ReturnType<typeof createBatcher> {
  const batcher = useRef<ReturnType<typeof createBatcher> | null>(null);
  batcher.current ??= createBatcher(flush, ms);
  useEffect(() => () => batcher.current?.cancel(), []);
  return batcher.current;
}
