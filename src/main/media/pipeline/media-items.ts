/** The media_items table: what the pipeline knows about each media node, beside the node itself. */
import type { Db } from '../../db/connection';
import type { MediaFacts, MediaKind } from '../../../shared/media-schemas';

export interface MediaItemRow {
  node_id: string;
  sha256: string;
  media_kind: MediaKind;
  mime: string;
  size: number;
  file_name: string;
  source: string;
  source_path: string | null;
  width: number | null;
  height: number | null;
  duration_sec: number | null;
  phash: string | null;
  gps_lat: number | null;
  gps_lon: number | null;
  facts: string;
  canonical_id: string | null;
  duplicate_distance: number | null;
  originals_dropped_at: string | null;
  created_at: string;
}

export type MediaColumns = Partial<Pick<MediaItemRow, 'width' | 'height' | 'duration_sec' | 'phash' | 'gps_lat' | 'gps_lon'>>;

export class MediaItems {
  constructor(private readonly db: Db) {}

  insert(row: Pick<MediaItemRow, 'node_id' | 'sha256' | 'media_kind' | 'mime' | 'size' | 'file_name' | 'source' | 'source_path'>): void {
    this.db
      .prepare(
        `INSERT INTO media_items (node_id, sha256, media_kind, mime, size, file_name, source, source_path, created_at)
         VALUES (@node_id, @sha256, @media_kind, @mime, @size, @file_name, @source, @source_path, @created_at)`,
      )
      .run({ ...row, created_at: new Date().toISOString() });
  }

  get(nodeId: string): MediaItemRow | undefined {
    return this.db.prepare('SELECT * FROM media_items WHERE node_id = ?').get(nodeId) as MediaItemRow | undefined;
  }

  facts(nodeId: string): MediaFacts {
    const row = this.get(nodeId);
    return row ? (JSON.parse(row.facts) as MediaFacts) : {};
  }

  /** The item (live or in the trash) that already holds these bytes. */
  holderOf(sha256: string): { nodeId: string; trashed: boolean } | undefined {
    const row = this.db
      .prepare(
        `SELECT m.node_id, n.deleted_at FROM media_items m JOIN nodes n ON n.id = m.node_id
         WHERE m.sha256 = ? ORDER BY n.deleted_at IS NOT NULL, m.created_at LIMIT 1`,
      )
      .get(sha256) as { node_id: string; deleted_at: string | null } | undefined;
    return row ? { nodeId: row.node_id, trashed: row.deleted_at !== null } : undefined;
  }

  /** Merges `facts` into the item's facts (a key set to undefined is removed) and sets the given columns. */
  record(nodeId: string, facts: Partial<MediaFacts>, columns: MediaColumns = {}): MediaFacts {
    const merged = { ...this.facts(nodeId), ...facts };
    for (const [key, value] of Object.entries(facts)) if (value === undefined) delete merged[key as keyof MediaFacts];
    const sets = Object.keys(columns).map((c) => `${c} = @${c}`);
    this.db
      .prepare(`UPDATE media_items SET ${['facts = @facts', ...sets].join(', ')} WHERE node_id = @nodeId`)
      .run({ ...columns, facts: JSON.stringify(merged), nodeId });
    return merged;
  }

  setCanonical(nodeId: string, canonicalId: string, distance: number): void {
    this.db.prepare('UPDATE media_items SET canonical_id = ?, duplicate_distance = ? WHERE node_id = ?').run(canonicalId, distance, nodeId);
  }

  /** Photos with a perceptual hash that could be the canonical copy of `nodeId` (live, not duplicates themselves). */
  hashCandidates(nodeId: string, around: string | null, windowHours: number): { node_id: string; phash: string }[] {
    const windowed = windowHours > 0 && around !== null;
    return this.db
      .prepare(
        `SELECT m.node_id, m.phash FROM media_items m JOIN nodes n ON n.id = m.node_id
         WHERE m.media_kind = 'photo' AND m.phash IS NOT NULL AND m.node_id != @nodeId AND m.canonical_id IS NULL
           AND n.deleted_at IS NULL
           ${windowed ? `AND n.event_time BETWEEN @from AND @to` : ''}
         ORDER BY m.created_at`,
      )
      .all({
        nodeId,
        ...(windowed
          ? {
              from: new Date(Date.parse(around) - windowHours * 3_600_000).toISOString(),
              to: new Date(Date.parse(around) + windowHours * 3_600_000).toISOString(),
            }
          : {}),
      }) as { node_id: string; phash: string }[];
  }
}
