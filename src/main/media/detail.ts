/** Everything the detail drawer shows about one media item. */
import type { Engine } from '../engine/engine';
import type { MediaDetailDTO, MediaFacts } from '../../shared/media-schemas';
import { EngramError } from '../../shared/errors';

export function mediaDetail(engine: Engine, id: string): MediaDetailDTO {
  const node = engine.nodes.get(id);
  const item = engine.media.items.get(id);
  if (!item) throw new EngramError('not_found', `${node.kind} ${id} is not a media item`);
  const steps = engine.media.stepsOf(id);
  const title = (nodeId: string) => engine.db.prepare('SELECT title FROM nodes WHERE id = ?').pluck().get(nodeId) as string;
  const thumb = (nodeId: string) => {
    const sha = engine.db.prepare(`SELECT sha256 FROM node_blobs WHERE node_id = ? AND role = 'thumbnail'`).pluck().get(nodeId) as string | undefined;
    return sha ? engine.blobUrls.url(sha) : null;
  };
  const copies = engine.db
    .prepare(
      `SELECT m.node_id, m.duplicate_distance FROM media_items m JOIN nodes n ON n.id = m.node_id
       WHERE m.canonical_id = ? AND n.deleted_at IS NULL ORDER BY m.duplicate_distance`,
    )
    .all(id) as { node_id: string; duplicate_distance: number }[];
  const canonicalLive =
    item.canonical_id && engine.db.prepare('SELECT 1 FROM nodes WHERE id = ? AND deleted_at IS NULL').get(item.canonical_id);
  return {
    node,
    mediaKind: item.media_kind,
    mime: item.mime,
    size: item.size,
    fileName: item.file_name,
    source: item.source_path ?? item.source,
    width: item.width,
    height: item.height,
    durationSec: item.duration_sec,
    facts: JSON.parse(item.facts) as MediaFacts,
    blobs: engine.blobs
      .ofNode(id)
      .filter((b) => !(b.role === 'original' && item.originals_dropped_at))
      .map((b) => ({ role: b.role, mime: b.mime, size: b.size, url: engine.blobUrls.url(b.sha256) })),
    steps,
    state: engine.media.stateOf(steps),
    canonical: canonicalLive ? { id: item.canonical_id!, title: title(item.canonical_id!), distance: item.duplicate_distance ?? 0 } : null,
    duplicates: copies.map((c) => ({ id: c.node_id, title: title(c.node_id), distance: c.duplicate_distance, thumbnail: thumb(c.node_id) })),
    originalsDropped: item.originals_dropped_at !== null,
  };
}
