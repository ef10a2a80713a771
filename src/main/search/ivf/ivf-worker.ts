/**
 * Worker-thread entry that builds an IVF copy of an embedder's vector table: samples vectors, trains
 * centroids, then streams every vector into a new vec0 table partitioned by nearest centroid. It has its own
 * connection, and commits in small batches so the app's writes wait only briefly.
 */
import Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import { parentPort, workerData } from 'node:worker_threads';
import { nearestCentroid, trainCentroids } from './kmeans';
import type { IvfBuildRequest, IvfWorkerMessage } from './ivf-protocol';

const port = parentPort;
if (!port) throw new Error('ivf-worker must run in a worker thread');
const post = (m: IvfWorkerMessage) => port.postMessage(m);
const BATCH = 5000;

function open(path: string, readonly: boolean): Database.Database {
  const db = new Database(path, { readonly, fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  sqliteVec.load(db);
  return db;
}

function build(req: IvfBuildRequest): void {
  // One connection streams the source table while the other writes the new one: better-sqlite3 cannot write
  // on a connection that is in the middle of iterating.
  const reader = open(req.dbPath, true);
  const db = open(req.dbPath, false);
  try {
    const d = req.dimensions;
    const toF32 = (b: Buffer) => new Float32Array(b.buffer, b.byteOffset, d);
    const sampleRows = reader
      .prepare(`SELECT embedding FROM ${req.sourceTable} WHERE rowid IN (SELECT rowid FROM ${req.sourceTable} ORDER BY random() LIMIT ?)`)
      .pluck()
      .all(req.sampleSize) as Buffer[];
    const samples = new Float32Array(sampleRows.length * d);
    sampleRows.forEach((b, i) => samples.set(toF32(b), i * d));
    const centroids = trainCentroids(samples, d, req.lists, req.iterations);

    db.exec(`DROP TABLE IF EXISTS ${req.targetTable}`);
    db.exec(`CREATE VIRTUAL TABLE ${req.targetTable} USING vec0(cluster integer partition key, embedding float[${d}] distance_metric=cosine, kind text)`);
    const total = reader.prepare(`SELECT count(*) FROM chunk_vectors WHERE embedder_id = ?`).pluck().get(req.embedderId) as number;
    const insert = db.prepare(`INSERT INTO ${req.targetTable} (rowid, cluster, embedding, kind) VALUES (?, ?, ?, ?)`);
    const writeBatch = db.transaction((rows: { rowid: number; embedding: Buffer; kind: string }[]) => {
      for (const r of rows) insert.run(BigInt(r.rowid), BigInt(nearestCentroid(centroids, toF32(r.embedding))), r.embedding, r.kind);
    });
    let batch: { rowid: number; embedding: Buffer; kind: string }[] = [];
    let done = 0;
    const flush = () => {
      writeBatch(batch);
      done += batch.length;
      batch = [];
      post({ type: 'progress', done, total });
    };
    const rows = reader.prepare(`SELECT rowid, embedding, kind FROM ${req.sourceTable}`).iterate() as IterableIterator<{
      rowid: number;
      embedding: Buffer;
      kind: string;
    }>;
    for (const r of rows) {
      batch.push({ rowid: r.rowid, embedding: Buffer.from(r.embedding), kind: r.kind });
      if (batch.length === BATCH) flush();
    }
    if (batch.length) flush();
    post({ type: 'done', centroids: centroids.data, lists: centroids.k });
  } finally {
    reader.close();
    db.close();
  }
}

try {
  build(workerData as IvfBuildRequest);
} catch (err) {
  post({ type: 'failed', message: (err as Error).message });
}
