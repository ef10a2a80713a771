/**
 * Resumable uploads for large files: a session is opened with the file's size and metadata, bytes arrive in
 * chunks at stated offsets (a repeated or overlapping chunk after a dropped connection is fine), and the
 * finished file is ingested like any other. Sessions survive restarts: their bytes live under the library.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline as streamPipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Db } from '../db/connection';
import { EngramError, invalidInput, notFound } from '../../shared/errors';
import { UploadMeta, type IngestOutcome } from '../../shared/media-schemas';

export const UploadStart = z.object({ size: z.number().int().positive(), meta: UploadMeta });
export const CHUNK_BYTES = 8 * 1024 * 1024;
/** Sessions untouched this long are removed with their bytes. */
const ABANDONED_MS = 7 * 24 * 3_600_000;

interface UploadRow {
  id: string;
  file_name: string;
  size: number;
  received: number;
  meta: string;
}

export interface UploadSession {
  id: string;
  size: number;
  received: number;
  chunkBytes: number;
}

export class ResumableUploads {
  constructor(
    private readonly db: Db,
    private readonly dir: string,
  ) {}

  start(input: z.input<typeof UploadStart>, maxBytes: number): UploadSession {
    const { size, meta } = UploadStart.parse(input);
    if (size > maxBytes) {
      throw new EngramError('payload_too_large', `The file is ${mb(size)}, over the ${mb(maxBytes)} limit (change it in Settings → Media)`);
    }
    this.sweep();
    const id = uuidv7();
    fs.mkdirSync(this.dir, { recursive: true });
    fs.writeFileSync(this.file(id), '');
    const now = new Date().toISOString();
    this.db
      .prepare('INSERT INTO uploads (id, file_name, size, received, meta, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?, ?)')
      .run(id, meta.fileName, size, JSON.stringify(meta), now, now);
    return { id, size, received: 0, chunkBytes: CHUNK_BYTES };
  }

  status(id: string): UploadSession {
    const row = this.row(id);
    return { id, size: row.size, received: row.received, chunkBytes: CHUNK_BYTES };
  }

  /**
   * Writes a chunk at `offset`. The offset may be at or before what was received (a resend); a gap is
   * refused, and so is a chunk that would pass the declared size.
   */
  async write(id: string, offset: number, length: number, body: Readable): Promise<UploadSession> {
    const row = this.row(id);
    if ((JSON.parse(row.meta) as { outcome?: unknown }).outcome) throw new EngramError('conflict', 'This upload is already complete');
    if (!Number.isInteger(offset) || offset < 0) throw invalidInput('offset must be a whole number of bytes from 0');
    if (offset > row.received) {
      throw new EngramError('conflict', `The upload has ${row.received} bytes; send the chunk from offset ${row.received}`, { received: row.received });
    }
    if (offset + length > row.size) throw invalidInput(`The chunk ends at ${offset + length}, past the declared size ${row.size}`);
    let written = 0;
    const out = fs.createWriteStream(this.file(id), { flags: 'r+', start: offset });
    body.on('data', (c: Buffer) => (written += c.length));
    await streamPipeline(body, out);
    if (written !== length) throw invalidInput(`The chunk was ${written} bytes, not the ${length} its Content-Length announced`);
    const received = Math.max(row.received, offset + written);
    this.db.prepare('UPDATE uploads SET received = ?, updated_at = ? WHERE id = ?').run(received, new Date().toISOString(), id);
    return { id, size: row.size, received, chunkBytes: CHUNK_BYTES };
  }

  /**
   * Hands the finished file to `ingest` and frees its bytes. The outcome is kept with the session (until the
   * sweep), so a client whose answer was lost can complete again and hear the same outcome.
   */
  async complete(id: string, ingest: (file: string, meta: UploadMeta) => Promise<IngestOutcome>): Promise<IngestOutcome> {
    const row = this.row(id);
    const stored = JSON.parse(row.meta) as { outcome?: IngestOutcome };
    if (stored.outcome) return stored.outcome;
    if (row.received !== row.size) {
      throw new EngramError('conflict', `The upload has ${row.received} of ${row.size} bytes; send the rest first`, { received: row.received });
    }
    try {
      const outcome = await ingest(this.file(id), UploadMeta.parse(stored));
      this.db
        .prepare('UPDATE uploads SET meta = ?, updated_at = ? WHERE id = ?')
        .run(JSON.stringify({ ...stored, outcome }), new Date().toISOString(), id);
      return outcome;
    } finally {
      fs.rmSync(this.file(id), { force: true });
    }
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM uploads WHERE id = ?').run(id);
    fs.rmSync(this.file(id), { force: true });
  }

  private sweep(): void {
    const cutoff = new Date(Date.now() - ABANDONED_MS).toISOString();
    for (const id of this.db.prepare('SELECT id FROM uploads WHERE updated_at < ?').pluck().all(cutoff) as string[]) this.remove(id);
  }

  private row(id: string): UploadRow {
    const row = this.db.prepare('SELECT * FROM uploads WHERE id = ?').get(id) as UploadRow | undefined;
    if (!row) throw notFound('Upload', id);
    return row;
  }

  private file(id: string): string {
    // Ids are ours (uuid v7), checked against the table before any path is built from them.
    return path.join(this.dir, `${id}.part`);
  }
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
