/** The dashboard: items by kind over the last year, recent items, storage by kind and the pipeline's queue. */
import type { Engine } from '../engine/engine';
import type { DashboardDTO } from '../../shared/media-schemas';
import { storageUsage } from '../media/storage';
import { recentItems } from './timeline';

export function dashboard(engine: Engine, now = new Date()): DashboardDTO {
  const since = new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth() + 1, 1)).toISOString();
  const byKindOverTime = engine.db
    .prepare(
      `SELECT strftime('%Y-%m', coalesce(event_time, created_at)) AS month, kind, count(*) AS count FROM nodes
       WHERE deleted_at IS NULL AND kind NOT IN ('folder','episode') AND coalesce(event_time, created_at) >= ?
       GROUP BY month, kind ORDER BY month, kind`,
    )
    .all(since) as DashboardDTO['byKindOverTime'];
  const counts = engine.media.queue.counts();
  const waiting = engine.media.waitingCount();
  return {
    byKindOverTime,
    recent: recentItems(engine, 12),
    storage: storageUsage(engine),
    queue: { ...counts, queued: counts.queued - waiting, waiting },
  };
}
