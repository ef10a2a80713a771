/**
 * Content-addressed file storage under `<library>/blobs/ab/cd/<sha256>`. The same bytes are stored once; a file
 * is written to a temporary name and renamed, so a crash never leaves a half-written blob under a real hash.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
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

  absolute(record: Pick<BlobRecord, 'path'>): string {
    return path.join(this.root, record.path);
  }
}
