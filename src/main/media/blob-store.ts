/**
 * Content-addressed file storage under `<library>/blobs/ab/cd/<sha256>`. The same bytes are stored once; a file
 * is written to a temporary name and renamed, so a crash never leaves a half-written blob under a real hash.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/connection';
import { notFound } from '../../shared/errors';

export interface BlobRecord {
  sha256: string;
  mime: string;
  size: number;
  path: string;
}

export class BlobStore {
  constructor(
    private readonly db: Db,
    private readonly root: string,
  ) {}

  /** Stores `bytes` (once per content) and returns its record. */
  put(bytes: Buffer, mime: string): BlobRecord {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const existing = this.get(sha256);
    if (existing && fs.existsSync(this.absolute(existing))) return existing;
    const rel = path.join(sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    const abs = path.join(this.root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    const tmp = `${abs}.${randomUUID()}.tmp`;
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, abs);
    const record = { sha256, mime, size: bytes.length, path: rel };
    this.db
      .prepare('INSERT OR IGNORE INTO blobs (sha256, mime, size, path, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(sha256, mime, bytes.length, rel, new Date().toISOString());
    return record;
  }

  /**
   * Stores a file already hashed by the caller, streaming, so a multi-GB video is never held in memory. The
   * copy goes to a temporary name first: a crash never leaves a partial file under a real hash.
   */
  async putFile(file: string, sha256: string, mime: string): Promise<BlobRecord> {
    const existing = this.get(sha256);
    if (existing && fs.existsSync(this.absolute(existing))) return existing;
    const rel = path.join(sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    const abs = path.join(this.root, rel);
    await fsp.mkdir(path.dirname(abs), { recursive: true });
    const tmp = `${abs}.${randomUUID()}.tmp`;
    await fsp.copyFile(file, tmp);
    await fsp.rename(tmp, abs);
    const size = (await fsp.stat(abs)).size;
    this.db
      .prepare('INSERT OR IGNORE INTO blobs (sha256, mime, size, path, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(sha256, mime, size, rel, new Date().toISOString());
    return { sha256, mime, size, path: rel };
  }

  get(sha256: string): BlobRecord | undefined {
    return this.db.prepare('SELECT sha256, mime, size, path FROM blobs WHERE sha256 = ?').get(sha256) as BlobRecord | undefined;
  }

  read(sha256: string): Buffer {
    const record = this.get(sha256);
    if (!record) throw notFound('Blob', sha256);
    return fs.readFileSync(this.absolute(record));
  }

  attach(nodeId: string, sha256: string, role = 'original', filename?: string): void {
    this.db
      .prepare('INSERT OR REPLACE INTO node_blobs (node_id, sha256, role, filename) VALUES (?, ?, ?, ?)')
      .run(nodeId, sha256, role, filename ?? null);
  }

  /** The blobs attached to a node, by role. */
  ofNode(nodeId: string): (BlobRecord & { role: string; filename: string | null })[] {
    return this.db
      .prepare(
        `SELECT b.sha256, b.mime, b.size, b.path, nb.role, nb.filename FROM node_blobs nb
         JOIN blobs b ON b.sha256 = nb.sha256 WHERE nb.node_id = ? ORDER BY nb.role`,
      )
      .all(nodeId) as (BlobRecord & { role: string; filename: string | null })[];
  }

  /** The blobs attached to any of these nodes (originals, previews, posters…). */
  shasOf(nodeIds: string[]): string[] {
    return this.db
      .prepare('SELECT DISTINCT sha256 FROM node_blobs WHERE node_id IN (SELECT value FROM json_each(?))')
      .pluck()
      .all(JSON.stringify(nodeIds)) as string[];
  }

  /**
   * Deletes those of `shas` that no node uses any more, row and file. Only blobs once attached are passed
   * in, never ones a running step has just written and not yet attached. Returns the bytes freed.
   */
  removeUnreferenced(shas: string[]): number {
    let freed = 0;
    for (const sha of shas) {
      const record = this.get(sha);
      if (!record) continue;
      const used = this.db.prepare('SELECT 1 FROM node_blobs WHERE sha256 = ? UNION ALL SELECT 1 FROM media_items WHERE sha256 = ? LIMIT 1').get(sha, sha);
      if (used) continue;
      this.db.prepare('DELETE FROM blobs WHERE sha256 = ?').run(sha);
      fs.rmSync(this.absolute(record), { force: true });
      freed += record.size;
    }
    return freed;
  }

  absolute(record: Pick<BlobRecord, 'path'>): string {
    return path.join(this.root, record.path);
  }
}
