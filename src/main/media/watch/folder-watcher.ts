/**
 * Watched folders: a phone's export folder, a synced Drive or Dropbox folder, a Photos export, a Takeout.
 * On start each folder is scanned (files added while Engram was closed come in; known bytes are duplicates
 * and cost only a hash), then chokidar reports new and changed files, ingested once fully written. A file
 * deleted from the folder keeps its library copy: the watcher never deletes anything.
 */
import fs from 'node:fs';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/connection';
import type { EventBus } from '../../engine/event-bus';
import { EngramError, invalidInput, notFound } from '../../../shared/errors';
import type { IngestOutcome, WatchedFolderDTO } from '../../../shared/media-schemas';
import { ingestOne, ingestPaths, isPassedOver } from '../ingest-paths';
import type { MediaPipeline } from '../pipeline/media-pipeline';

interface FolderRow {
  id: string;
  path: string;
  label: string;
  created_at: string;
  last_scan_at: string | null;
  last_error: string | null;
}

export interface FolderWatcherOptions {
  /** How long a file must stay the same size before it is read (a copy or sync still writing it). */
  stableMs?: number;
  /** Poll instead of native events (network drives, tests on some filesystems). */
  usePolling?: boolean;
}

export class FolderWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  /** Ingests run one at a time: a burst of 5,000 new files must not open 5,000 files at once. */
  private chain: Promise<unknown> = Promise.resolve();
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly pipeline: MediaPipeline,
    private readonly events: EventBus,
    private readonly opts: FolderWatcherOptions = {},
  ) {}

  list(): WatchedFolderDTO[] {
    return (this.db.prepare('SELECT * FROM watched_folders ORDER BY created_at').all() as FolderRow[]).map((r) => ({
      id: r.id,
      path: r.path,
      label: r.label,
      createdAt: r.created_at,
      lastScanAt: r.last_scan_at,
      lastError: r.last_error,
      watching: this.watchers.has(r.id),
    }));
  }

  add(input: { path: string; label: string }): WatchedFolderDTO {
    const abs = path.resolve(input.path);
    const stat = fs.statSync(abs, { throwIfNoEntry: false });
    if (!stat?.isDirectory()) throw invalidInput(`${abs} is not a folder on this machine`);
    const libraryDir = path.dirname(this.db.name);
    if (isInside(abs, libraryDir) || isInside(libraryDir, abs)) {
      throw invalidInput('A watched folder cannot contain the library, or be inside it');
    }
    if (this.list().some((f) => f.path === abs)) throw new EngramError('conflict', `${abs} is already watched`);
    const id = uuidv7();
    this.db
      .prepare('INSERT INTO watched_folders (id, path, label, created_at) VALUES (?, ?, ?, ?)')
      .run(id, abs, input.label || path.basename(abs), new Date().toISOString());
    if (this.running) this.startOne(this.row(id));
    return this.list().find((f) => f.id === id)!;
  }

  async remove(id: string): Promise<{ removed: true }> {
    this.row(id);
    await this.watchers.get(id)?.close();
    this.watchers.delete(id);
    this.db.prepare('DELETE FROM watched_folders WHERE id = ?').run(id);
    return { removed: true };
  }

  /** Starts watching every folder (serve, desktop). */
  start(): void {
    this.running = true;
    for (const row of this.db.prepare('SELECT * FROM watched_folders').all() as FolderRow[]) this.startOne(row);
  }

  /** Resolves when every ingest queued so far has finished. */
  idle(): Promise<void> {
    return this.chain.then(() => undefined);
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all([...this.watchers.values()].map((w) => w.close()));
    this.watchers.clear();
    await this.idle();
  }

  private startOne(row: FolderRow): void {
    if (!fs.existsSync(row.path)) {
      this.setError(row.id, `The folder ${row.path} is not there (unplugged drive?); it is watched again when Engram restarts.`);
      return;
    }
    const watcher = watch(row.path, {
      ignoreInitial: true,
      ignored: (p: string) => isPassedOver(path.basename(p)) && p !== row.path,
      awaitWriteFinish: { stabilityThreshold: this.opts.stableMs ?? 2_000, pollInterval: 200 },
      usePolling: this.opts.usePolling,
      followSymlinks: false,
    });
    const onFile = (file: string) => this.enqueue(() => ingestOne(this.pipeline, file, { source: 'folder' }).then((o) => this.report(o)));
    watcher.on('add', onFile).on('change', onFile).on('error', (err) => this.setError(row.id, String((err as Error).message ?? err)));
    this.watchers.set(row.id, watcher);
    this.enqueue(() => this.scan(row));
  }

  private async scan(row: FolderRow): Promise<void> {
    const summary = await ingestPaths(this.pipeline, [row.path], { source: 'folder' });
    this.db.prepare('UPDATE watched_folders SET last_scan_at = ?, last_error = NULL WHERE id = ?').run(new Date().toISOString(), row.id);
    if (summary.added > 0) this.events.emit('job.progress', { job: 'media.watch', done: summary.added, total: summary.added, label: `${summary.added} new from ${row.label}` });
  }

  private report(outcome: IngestOutcome): void {
    if (outcome.status === 'rejected') this.events.emit('engine.warning', { message: `${outcome.file} was not added`, detail: outcome.reason });
  }

  private enqueue(task: () => Promise<unknown>): void {
    this.chain = this.chain.then(task).catch((error: unknown) =>
      this.events.emit('engine.warning', { message: 'A watched folder could not be read', detail: (error as Error).message }),
    );
  }

  private setError(id: string, message: string): void {
    this.db.prepare('UPDATE watched_folders SET last_error = ? WHERE id = ?').run(message, id);
  }

  private row(id: string): FolderRow {
    const row = this.db.prepare('SELECT * FROM watched_folders WHERE id = ?').get(id) as FolderRow | undefined;
    if (!row) throw notFound('Watched folder', id);
    return row;
  }
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
