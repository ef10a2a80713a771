/**
 * Keeps the timeline, the open drawer and the dashboard in step with the engine: a finished or failed media
 * step, a changed node and the end of an import make their queries stale. Steps report progress many times a
 * second, so refreshes are gathered into one per REFRESH_MS, and progress alone only refreshes what shows it.
 * The shell's live cache does not cover these queries, so the screens also read them with `staleTime: 0`: what
 * changed while another screen was open is fetched again on the way back.
 */
import { useEffect, useRef } from 'react';
import { useEngineEvent } from '../../client/events';
import { useInvalidate } from '../../client/queries';

/** Every query whose answer an item's change or a step's progress can alter. */
export const TIMELINE_QUERIES = ['timeline.heatmap', 'timeline.day', 'timeline.items', 'media.detail', 'dashboard.get'];
/** What a step's progress alone alters: the drawer's step list and the dashboard's queue. */
const PROGRESS_QUERIES = ['media.detail', 'dashboard.get'];
const REFRESH_MS = 800;

export function useTimelineLive(): void {
  const invalidate = useInvalidate();
  const pending = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const schedule = (handlers: string[]) => {
    for (const h of handlers) pending.current.add(h);
    timer.current ??= setTimeout(() => {
      timer.current = null;
      const due = [...pending.current];
      pending.current.clear();
      void invalidate(...due);
    }, REFRESH_MS);
  };

  // A step's `done` is followed by node.changed; a failure is not, and it changes the item's badge.
  useEngineEvent('media.step', (e) => schedule(e.status === 'failed' ? TIMELINE_QUERIES : PROGRESS_QUERIES));
  useEngineEvent('node.changed', () => schedule(TIMELINE_QUERIES));
  useEngineEvent('job.progress', (p) => p.done >= p.total && schedule(TIMELINE_QUERIES));
  useEffect(() => () => clearTimeout(timer.current ?? undefined), []);
}
