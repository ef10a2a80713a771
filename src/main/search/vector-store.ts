/**
 * One sqlite-vec `vec0` table per embedder, and the bookkeeping of which chunk has a vector from which
 * embedder. Keeping each model's vectors apart means switching embedder never mixes incomparable vectors, and
 * the old table keeps serving queries until the new one is complete.
 */
import type { Db } from '../db/connection';
import { sqlString } from '../db/sql';
import type { IvfIndex } from './ivf/ivf-index';

export interface EmbedderRecord {
  id: string;
  tableName: string;
  dimensions: number;
}

export interface PendingChunk {
  id: number;
  text: string;
  context: string;
}

/** Up to this many candidates a filtered query compares them one by one; above it the vec0 scan is faster. */
const EXACT_SCAN_LIMIT = 2_000;
/** Largest k asked of vec0 when over-fetching for a filter (k=300 costs about twice k=50 at 100k vectors). */
const MAX_OVERFETCH = 300;

export class VectorStore {
  constructor(
    private readonly db: Db,
    readonly ivf: IvfIndex,
  ) {}

  /** Registers an embedder and creates its vector table the first time it is seen. */
  ensure(id: string, dimensions: number, config: unknown): EmbedderRecord {
    const existing = this.get(id);
    if (existing) {
      if (existing.dimensions !== dimensions) {
        throw new Error(`Embedder ${id} changed its vector length from ${existing.dimensions} to ${dimensions}`);
      }
      return existing;
    }
    return this.db.transaction(() => {
      const n = (this.db.prepare('SELECT count(*) AS c FROM embedders').get() as { c: number }).c;
      let tableName = `vec_${n + 1}`;
      while (this.db.prepare('SELECT 1 FROM embedders WHERE table_name = ?').get(tableName)) tableName += '_';
      // `kind` rides along as vec0 metadata so the common "only memories" filter runs inside the vector scan.
      this.db.exec(`CREATE VIRTUAL TABLE ${tableName} USING vec0(embedding float[${dimensions}] distance_metric=cosine, kind text)`);
      // Deleting a chunk cascades to chunk_vectors; this removes the vector itself.
      this.db.exec(`CREATE TRIGGER ${tableName}_ad AFTER DELETE ON chunk_vectors WHEN old.embedder_id = ${sqlString(id)}
        BEGIN DELETE FROM ${tableName} WHERE rowid = old.chunk_id; END`);
      this.db
        .prepare('INSERT INTO embedders (id, table_name, dimensions, config, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(id, tableName, dimensions, JSON.stringify(config), new Date().toISOString());
      return { id, tableName, dimensions };
    })();
  }

  get(id: string): EmbedderRecord | undefined {
    const row = this.db.prepare('SELECT id, table_name, dimensions FROM embedders WHERE id = ?').get(id) as
      | { id: string; table_name: string; dimensions: number }
      | undefined;
    return row && { id: row.id, tableName: row.table_name, dimensions: row.dimensions };
  }

  all(): EmbedderRecord[] {
    return (this.db.prepare('SELECT id FROM embedders ORDER BY created_at').pluck().all() as string[]).map(
      (id) => this.get(id)!,
    );
  }

  /** Drops an embedder's vectors entirely (after a switch has completed). */
  drop(id: string): void {
    const e = this.get(id);
    if (!e) return;
    this.db.transaction(() => {
      this.db.exec(`DROP TRIGGER IF EXISTS ${e.tableName}_ad; DROP TABLE IF EXISTS ${e.tableName};`);
      this.db.prepare('DELETE FROM embedders WHERE id = ?').run(id);
    })();
  }

  /** A node's kind changed: its vectors' copy of the kind follows, in every embedder's table. */
  setKind(nodeId: string, kind: string): void {
    for (const e of this.all()) {
      this.db
        .prepare(`UPDATE ${e.tableName} SET kind = ? WHERE rowid IN (SELECT id FROM chunks WHERE node_id = ?)`)
        .run(kind, nodeId);
    }
  }

  /** Chunks above `after` (a chunk id) that have no vector from this embedder yet, in id order. */
  pending(embedderId: string, limit: number, after = 0): PendingChunk[] {
    return this.db
      .prepare(
        `SELECT c.id, c.text, c.context FROM chunks c
         WHERE c.id > ? AND NOT EXISTS (SELECT 1 FROM chunk_vectors v WHERE v.embedder_id = ? AND v.chunk_id = c.id)
         ORDER BY c.id LIMIT ?`,
      )
      .all(after, embedderId, limit) as PendingChunk[];
  }

  counts(embedderId: string): { total: number; done: number; pending: number } {
    const total = (this.db.prepare('SELECT count(*) AS c FROM chunks').get() as { c: number }).c;
    const done = (
      this.db.prepare('SELECT count(*) AS c FROM chunk_vectors WHERE embedder_id = ?').get(embedderId) as { c: number }
    ).c;
    return { total, done, pending: total - done };
  }

  /** Stores vectors for chunks that still exist (a chunk may have been re-chunked away while it was embedded). */
  write(embedderId: string, vectors: { chunkId: number; vector: Float32Array }[]): number {
    const e = this.get(embedderId);
    if (!e) throw new Error(`Unknown embedder ${embedderId}`);
    const kindOf = this.db.prepare('SELECT n.kind FROM chunks c JOIN nodes n ON n.id = c.node_id WHERE c.id = ?').pluck();
    const mark = this.db.prepare('INSERT OR IGNORE INTO chunk_vectors (chunk_id, embedder_id) VALUES (?, ?)');
    // An IVF table is partitioned by cluster; a flat one has no cluster column.
    const partitioned = this.ivf.centroids(embedderId) !== null;
    const insert = partitioned
      ? this.db.prepare(`INSERT INTO ${e.tableName} (rowid, cluster, embedding, kind) VALUES (?, ?, ?, ?)`)
      : this.db.prepare(`INSERT INTO ${e.tableName} (rowid, embedding, kind) VALUES (?, ?, ?)`);
    return this.db.transaction(() => {
      let written = 0;
      for (const { chunkId, vector } of vectors) {
        const kind = kindOf.get(chunkId) as string | undefined;
        if (kind === undefined) continue;
        if (mark.run(chunkId, embedderId).changes === 0) continue;
        const blob = Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
        if (partitioned) insert.run(BigInt(chunkId), BigInt(this.ivf.clusterFor(embedderId, vector)), blob, kind);
        else insert.run(BigInt(chunkId), blob, kind);
        written++;
      }
      return written;
    })();
  }

  /**
   * Nearest chunks to `query`. `candidates` is an SQL subquery selecting allowed chunk ids (filters); when it
   * selects few enough rows they are scanned exactly, otherwise the vec0 scan runs first and filters after.
   */
  nearest(
    embedderId: string,
    query: Float32Array,
    k: number,
    candidates?: { sql: string; params: Record<string, unknown> },
    kinds?: readonly string[],
  ): { chunkId: number; distance: number }[] {
    const e = this.get(embedderId);
    if (!e) return [];
    if (candidates) {
      const q = Buffer.from(query.buffer, query.byteOffset, query.byteLength);
      const count = (this.db.prepare(`SELECT count(*) AS c FROM (${candidates.sql})`).get(candidates.params) as { c: number }).c;
      if (count === 0) return [];
      if (count <= EXACT_SCAN_LIMIT) {
        return this.db
          .prepare(
            `SELECT v.rowid AS chunkId, vec_distance_cosine(v.embedding, @q) AS distance FROM ${e.tableName} v
             WHERE v.rowid IN (${candidates.sql}) ORDER BY distance LIMIT @k`,
          )
          .all({ ...candidates.params, q, k }) as { chunkId: number; distance: number }[];
      }
      // Broad filters: over-fetch from the index in proportion to how much the filter keeps, then filter. vec0's
      // cost grows faster than k, so the over-fetch is capped; a narrow-ish filter may then return fewer than k.
      // max(id) stands in for the chunk count: exact enough for sizing, and free where count(*) on vec0 is not.
      const total = (this.db.prepare('SELECT max(id) FROM chunks').pluck().get() as number | null) ?? count;
      const kk = Math.min(MAX_OVERFETCH, Math.ceil(((k * Math.max(total, 1)) / count) * 2));
      const rows = this.knn(e, query, kk);
      if (rows.length === 0) return [];
      const allowed = new Set(
        this.db
          .prepare(`SELECT id FROM (${candidates.sql}) WHERE id IN (${rows.map((r) => r.chunkId).join(',')})`)
          .pluck()
          .all(candidates.params) as number[],
      );
      return rows.filter((r) => allowed.has(r.chunkId)).slice(0, k);
    }
    return this.knn(e, query, k, kinds);
  }

  /** The k nearest by vec0: over the whole flat table, or over the IVF clusters nearest to the query. */
  private knn(e: EmbedderRecord, query: Float32Array, k: number, kinds?: readonly string[]): { chunkId: number; distance: number }[] {
    const q = Buffer.from(query.buffer, query.byteOffset, query.byteLength);
    const kindParams = Object.fromEntries((kinds ?? []).map((kind, i) => [`kind${i}`, kind]));
    const kindClause = kinds?.length ? ` AND kind IN (${kinds.map((_, i) => `@kind${i}`).join(', ')})` : '';
    const probes = this.ivf.probes(e.id, query);
    if (!probes) {
      return this.db
        .prepare(`SELECT rowid AS chunkId, distance FROM ${e.tableName} WHERE embedding MATCH @q AND k = @k${kindClause} ORDER BY distance`)
        .all({ q, k, ...kindParams }) as { chunkId: number; distance: number }[];
    }
    const inCluster = this.db.prepare(
      `SELECT rowid AS chunkId, distance FROM ${e.tableName} WHERE embedding MATCH @q AND k = @k AND cluster = @cluster${kindClause}`,
    );
    // The k nearest spread over several lists, so each list is asked for a share (with a margin), not all k:
    // vec0's cost grows with k, and it runs once per list.
    const perList = Math.min(k, Math.max(Math.ceil(k / 2), Math.ceil((3 * k) / probes.length) + 10));
    return probes
      .flatMap((cluster) => inCluster.all({ q, k: perList, cluster: BigInt(cluster), ...kindParams }) as { chunkId: number; distance: number }[])
      .sort((a, b) => a.distance - b.distance)
      .slice(0, k);
  }
}
