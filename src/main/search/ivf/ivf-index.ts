/**
 * The inverted-file index for large libraries. Past IVF_MIN_VECTORS an embedder's vectors are regrouped on a
 * worker by nearest centroid into a vec0 table partitioned by cluster; a query then scans only the clusters
 * nearest to it, instead of every vector. Smaller libraries keep the exact flat scan.
 */
import type { Db } from '../../db/connection';
import { sqlString } from '../../db/sql';
import type { EventBus } from '../../engine/event-bus';
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../../jobs/spawn-worker';
import { nearestCentroid, nearestCentroids, type Centroids } from './kmeans';
import type { IvfBuildRequest, IvfWorkerMessage } from './ivf-protocol';

/** Below this many vectors a flat scan is fast enough (about 20 ms at 100k on a laptop core). */
export const IVF_MIN_VECTORS = 200_000;
/** Retrain when the library has grown this much since the centroids were trained. */
const REGROW_FACTOR = 4;
/** Share of lists a query scans; more means better recall and slower queries. */
const PROBE_SHARE = 0.03;
const MIN_PROBES = 8;

const ENTRY = new URL(`./ivf-worker${import.meta.url.slice(import.meta.url.lastIndexOf('.'))}`, import.meta.url);

export class IvfIndex {
  private readonly cache = new Map<string, Centroids | null>();
  private building: Promise<void> | null = null;
  private worker: Worker | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
    private readonly minVectors = IVF_MIN_VECTORS,
  ) {}

  centroids(embedderId: string): Centroids | null {
    if (!this.cache.has(embedderId)) {
      const row = this.db.prepare('SELECT lists, dimensions, centroids FROM ivf_centroids WHERE embedder_id = ?').get(embedderId) as
        | { lists: number; dimensions: number; centroids: Buffer }
        | undefined;
      this.cache.set(
        embedderId,
        row
          ? { k: row.lists, dimensions: row.dimensions, data: new Float32Array(row.centroids.buffer.slice(row.centroids.byteOffset, row.centroids.byteOffset + row.centroids.byteLength)) }
          : null,
      );
    }
    return this.cache.get(embedderId)!;
  }

  clusterFor(embedderId: string, vector: Float32Array): number {
    const c = this.centroids(embedderId);
    return c ? nearestCentroid(c, vector) : 0;
  }

  /** The clusters a query should scan, or null when the embedder's table is flat. */
  probes(embedderId: string, query: Float32Array): number[] | null {
    const c = this.centroids(embedderId);
    return c ? nearestCentroids(c, query, Math.max(MIN_PROBES, Math.ceil(c.k * PROBE_SHARE))) : null;
  }

  /** Resolves when no build is running. */
  async idle(): Promise<void> {
    while (this.building) await this.building;
  }

  /** Abandons a running build (the library is closing); the next open starts it again. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.worker?.terminate();
    await this.idle();
  }

  /** Starts a build in the background when the embedder's table is large enough and not yet (or long ago) built. */
  maybeBuild(embedderId: string, tableName: string, dimensions: number, vectors: number, dbPath: string): void {
    if (this.building || this.stopped || vectors < this.minVectors) return;
    const trainedOn = this.db.prepare('SELECT trained_on FROM ivf_centroids WHERE embedder_id = ?').pluck().get(embedderId) as number | undefined;
    if (trainedOn !== undefined && vectors < trainedOn * REGROW_FACTOR) return;
    this.building = this.build(embedderId, tableName, dimensions, vectors, dbPath)
      .catch((err: Error) => {
        if (!this.stopped) this.events.emit('engine.warning', { message: 'Building the fast vector index failed; search stays exact but slower.', detail: err.message });
      })
      .finally(() => (this.building = null));
  }

  private async build(embedderId: string, sourceTable: string, dimensions: number, vectors: number, dbPath: string): Promise<void> {
    const lists = Math.round(Math.sqrt(vectors));
    // Alternate between two names, so a build abandoned half way is simply overwritten by the next one.
    const targetTable = sourceTable.endsWith('_ivf') ? sourceTable.slice(0, -4) : `${sourceTable}_ivf`;
    const request: IvfBuildRequest = {
      dbPath, embedderId, sourceTable, targetTable, dimensions, lists,
      sampleSize: Math.min(vectors, lists * 30), iterations: 6,
    };
    const worker = spawnWorker(ENTRY, request);
    this.worker = worker;
    const result = await new Promise<Extract<IvfWorkerMessage, { type: 'done' }>>((resolve, reject) => {
      worker.on('message', (m: IvfWorkerMessage) => {
        if (m.type === 'progress') this.events.emit('job.progress', { job: 'index.ivf', done: m.done, total: m.total, label: 'Building the fast vector index' });
        else if (m.type === 'done') resolve(m);
        else reject(new Error(m.message));
      });
      worker.on('error', reject);
      worker.on('exit', (code) => code !== 0 && reject(new Error(`IVF worker exited with code ${code}`)));
    });
    await worker.terminate();
    this.worker = null;
    if (this.stopped) return;
    this.adopt(embedderId, sourceTable, targetTable, { k: result.lists, dimensions, data: result.centroids }, vectors);
  }

  /** Swaps the new table in, bringing over vectors written or deleted while it was built. */
  private adopt(embedderId: string, sourceTable: string, targetTable: string, centroids: Centroids, trainedOn: number): void {
    this.db.transaction(() => {
      const missed = this.db
        .prepare(`SELECT rowid, embedding, kind FROM ${sourceTable} WHERE rowid NOT IN (SELECT rowid FROM ${targetTable})`)
        .all() as { rowid: number; embedding: Buffer; kind: string }[];
      const insert = this.db.prepare(`INSERT INTO ${targetTable} (rowid, cluster, embedding, kind) VALUES (?, ?, ?, ?)`);
      for (const r of missed) {
        const v = new Float32Array(r.embedding.buffer, r.embedding.byteOffset, centroids.dimensions);
        insert.run(BigInt(r.rowid), BigInt(nearestCentroid(centroids, v)), r.embedding, r.kind);
      }
      this.db.exec(`DELETE FROM ${targetTable} WHERE rowid NOT IN (SELECT chunk_id FROM chunk_vectors WHERE embedder_id = ${sqlString(embedderId)})`);
      this.db.exec(`DROP TRIGGER IF EXISTS ${sourceTable}_ad; DROP TABLE ${sourceTable};`);
      this.db.exec(`CREATE TRIGGER ${targetTable}_ad AFTER DELETE ON chunk_vectors WHEN old.embedder_id = ${sqlString(embedderId)}
        BEGIN DELETE FROM ${targetTable} WHERE rowid = old.chunk_id; END`);
      this.db.prepare('UPDATE embedders SET table_name = ? WHERE id = ?').run(targetTable, embedderId);
      this.db
        .prepare(
          `INSERT INTO ivf_centroids (embedder_id, lists, dimensions, centroids, trained_on, created_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT(embedder_id) DO UPDATE SET lists = excluded.lists, dimensions = excluded.dimensions,
             centroids = excluded.centroids, trained_on = excluded.trained_on, created_at = excluded.created_at`,
        )
        .run(embedderId, centroids.k, centroids.dimensions, Buffer.from(centroids.data.buffer, centroids.data.byteOffset, centroids.data.byteLength), trainedOn, new Date().toISOString());
    })();
    this.cache.set(embedderId, centroids);
    // The build wrote a whole second copy of the vectors through the WAL; give that space back now.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }
}
