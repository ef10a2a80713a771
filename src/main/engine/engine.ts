/**
 * The composition root: opens one library directory and wires its modules. The Electron main process,
 * `engram serve`, the CLI and tests all create an Engine the same way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from '../db/connection';
import { Settings } from '../db/settings';
import { backupDatabase } from '../db/backup';
import { NodeStore } from '../library/nodes';
import { BlobStore } from '../media/blob-store';
import { MediaPipeline } from '../media/pipeline/media-pipeline';
import { ResumableUploads } from '../media/uploads';
import { BlobUrls } from '../media/blob-urls';
import { FolderWatcher } from '../media/watch/folder-watcher';
import { AiService } from '../ai/ai-service';
import { ChatService } from '../chat/chat-service';
import { SummaryScheduler } from '../summaries/scheduler';
import type { LlmConfig } from '../ai/llm';
import { reindexNodeChunks } from '../search/chunk-index';
import { VectorStore } from '../search/vector-store';
import { IvfIndex } from '../search/ivf/ivf-index';
import { EmbeddingQueue } from '../search/embedding-queue';
import { SearchService } from '../search/hybrid';
import { createEmbedder } from '../search/embedders';
import type { Embedder, EmbedderConfig } from '../search/embedders/types';
import { EngramError } from '../../shared/errors';
import { EventBus } from './event-bus';
import { defaultLibraryDir, libraryFiles } from './library-paths';

export interface EngineOptions {
  /** The library directory; created when missing. */
  library?: string;
  /** Override the configured embedder (tests, benches). */
  embedder?: EmbedderConfig;
  /** Do not start background embedding (bulk imports that index afterwards). */
  paused?: boolean;
  /** Vector count from which an IVF index replaces the flat scan (tests use a small one). */
  ivfMinVectors?: number;
  /**
   * Run background work (serve, desktop): the media pipeline's jobs, watched folders and the summary
   * scheduler. One-shot commands drain the pipeline instead.
   */
  pipeline?: boolean;
  /** How a local Ollama is looked for ('auto' model choices); tests pass one that finds none or their own server. */
  detectOllama?: () => Promise<LlmConfig | null>;
  /** The bus to publish on: lets a caller hear events raised while the library opens (embedder warnings). */
  events?: EventBus;
}

const DEFAULT_EMBEDDER: EmbedderConfig = { provider: 'static' };

export class Engine {
  readonly events: EventBus;
  readonly settings: Settings;
  readonly nodes: NodeStore;
  readonly blobs: BlobStore;
  readonly vectors: VectorStore;
  readonly search: SearchService;
  readonly queue: EmbeddingQueue;
  readonly media: MediaPipeline;
  readonly uploads: ResumableUploads;
  readonly watcher: FolderWatcher;
  readonly ai: AiService;
  readonly chat: ChatService;
  readonly summaries: SummaryScheduler;
  readonly blobUrls: BlobUrls;
  private active: Embedder | null = null;
  private target: Embedder | null = null;
  /** A completed re-embed being adopted (old embedder closed, its vectors dropped). */
  private switching: Promise<void> | null = null;
  private closed = false;

  private constructor(
    readonly dir: string,
    readonly db: Db,
    events?: EventBus,
    ivfMinVectors?: number,
    detectOllama?: EngineOptions['detectOllama'],
  ) {
    this.events = events ?? new EventBus();
    this.settings = new Settings(db);
    this.vectors = new VectorStore(db, new IvfIndex(db, this.events, ivfMinVectors));
    this.blobs = new BlobStore(db, libraryFiles(dir).blobs);
    this.queue = new EmbeddingQueue(this.vectors, this.events);
    this.nodes = new NodeStore(db, {
      onContentChanged: (node) => {
        reindexNodeChunks(db, node);
        // Kick after commit: the queue reads pending chunks in its own turn of the event loop.
        queueMicrotask(() => this.queue.kick());
      },
      onKindChanged: (id, kind) => this.vectors.setKind(id, kind),
      onChanged: (id, change) => this.events.emit('node.changed', { id, change }),
      beforePurge: (ids) => {
        const shas = this.blobs.shasOf(ids);
        this.media.forget(ids);
        // After commit: a purge that rolls back still references its blobs, so nothing is removed then.
        queueMicrotask(() => !this.closed && this.blobs.removeUnreferenced(shas));
      },
    });
    this.uploads = new ResumableUploads(db, path.join(dir, 'tmp', 'uploads'));
    this.blobUrls = new BlobUrls(this.settings);
    this.media = new MediaPipeline({ db, settings: this.settings, nodes: this.nodes, blobs: this.blobs, events: this.events });
    this.watcher = new FolderWatcher(db, this.media, this.events);
    this.ai = new AiService(db, this.settings, { detectOllama });
    this.chat = new ChatService(this);
    this.summaries = new SummaryScheduler(this);
    this.search = new SearchService({ db, vectors: this.vectors, queryEmbedder: () => this.active });
    this.events.on('index.progress', (p) => {
      if (p.pending === 0 && p.embedder === this.active?.id && !this.closed) this.maybeBuildIvf(p.embedder);
      if (p.pending === 0 && this.target && p.embedder === this.target.id && this.active !== this.target && !this.closed) {
        this.switching ??= this.finishSwitch().finally(() => (this.switching = null));
      }
    });
  }

  static async open(opts: EngineOptions = {}): Promise<Engine> {
    const files = libraryFiles(path.resolve(opts.library ?? defaultLibraryDir()));
    fs.mkdirSync(files.blobs, { recursive: true });
    const engine = new Engine(files.dir, openDatabase(files.db), opts.events, opts.ivfMinVectors, opts.detectOllama);
    if (opts.embedder) engine.settings.set('embedder', opts.embedder);
    await engine.startEmbedders(opts.paused ?? false);
    if (opts.pipeline) {
      engine.media.start();
      engine.watcher.start();
      engine.summaries.start();
    }
    return engine;
  }

  /** The embedder that answers semantic queries now (null when none could start). */
  activeEmbedder(): Embedder | null {
    return this.active;
  }

  get embedderStatus() {
    return {
      active: this.active?.id ?? null,
      target: this.target?.id ?? null,
      config: this.settings.get<EmbedderConfig>('embedder') ?? DEFAULT_EMBEDDER,
      progress: this.target ? this.vectors.counts(this.target.id) : null,
    };
  }

  /** Chooses a new embedder. Search keeps using the current one until the new one has embedded every chunk. */
  async setEmbedder(config: EmbedderConfig): Promise<void> {
    const next = await createEmbedder(config).catch((err: Error) => {
      throw new EngramError('provider_unavailable', `The ${config.provider} embedder could not start, so nothing was changed: ${err.message}`);
    });
    this.settings.set('embedder', config);
    this.vectors.ensure(next.id, next.dimensions, config);
    const abandoned = this.target && this.target !== this.active ? this.target : null;
    this.target = next;
    this.queue.setTargets(this.active && this.active.id !== next.id ? [this.active, next] : [next]);
    if (abandoned) {
      await abandoned.close();
      // A switch given up half way: nothing would ever use or remove its partial vectors.
      if (abandoned.id !== next.id && abandoned.id !== this.active?.id) this.vectors.drop(abandoned.id);
    }
    if (!this.active || this.active.id === next.id) {
      await this.adopt(next);
    } else {
      this.events.emit('index.embedder', { active: this.active.id, target: next.id });
    }
  }

  /** Resolves when every chunk has its vectors, and a re-embed this completed has been adopted. */
  async indexed(): Promise<void> {
    this.queue.kick();
    for (;;) {
      await this.queue.idle();
      if (this.switching) {
        await this.switching;
        continue;
      }
      await this.vectors.ivf.idle();
      return;
    }
  }

  /** Large libraries get an IVF index so semantic search stays fast; it builds on a worker in the background. */
  private maybeBuildIvf(embedderId: string): void {
    const e = this.vectors.get(embedderId);
    if (e) this.vectors.ivf.maybeBuild(e.id, e.tableName, e.dimensions, this.vectors.counts(e.id).done, libraryFiles(this.dir).db);
  }

  resumeIndexing(): void {
    const targets = [this.active, this.target].filter(
      (e, i, all): e is Embedder => e !== null && all.findIndex((x) => x?.id === e.id) === i,
    );
    if (targets.length > 0) this.queue.setTargets(targets);
  }

  async backup(outDir: string, onProgress?: (done: number, total: number) => void) {
    const target = path.resolve(outDir);
    if (fs.existsSync(target) && fs.readdirSync(target).length > 0) {
      throw new EngramError('conflict', `${target} is not empty; choose a new folder for the backup`);
    }
    const db = await backupDatabase(this.db, path.join(target, 'engram.db'), onProgress);
    fs.cpSync(libraryFiles(this.dir).blobs, path.join(target, 'blobs'), { recursive: true });
    return { dir: target, databaseBytes: db.bytes };
  }

  stats() {
    const count = (sql: string) => (this.db.prepare(sql).get() as { c: number }).c;
    const byKind = this.db
      .prepare('SELECT kind, count(*) AS count FROM nodes WHERE deleted_at IS NULL GROUP BY kind ORDER BY kind')
      .all() as { kind: string; count: number }[];
    return {
      library: this.dir,
      nodes: count('SELECT count(*) AS c FROM nodes WHERE deleted_at IS NULL'),
      trashed: count('SELECT count(*) AS c FROM nodes WHERE deleted_at IS NOT NULL'),
      byKind,
      chunks: count('SELECT count(*) AS c FROM chunks'),
      tags: count('SELECT count(DISTINCT tag) AS c FROM node_tags'),
      versions: count('SELECT count(*) AS c FROM node_versions'),
      index: { ...this.embedderStatus, pending: this.target ? this.vectors.counts(this.target.id).pending : null },
      storage: { databaseBytes: this.databaseBytes(), blobsBytes: dirSize(libraryFiles(this.dir).blobs) },
    };
  }

  /** The database file and its WAL, in bytes. */
  databaseBytes(): number {
    const dbFile = libraryFiles(this.dir).db;
    const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
    return size(dbFile) + size(`${dbFile}-wal`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.watcher.stop();
    await this.summaries.stop();
    const stopping = Promise.all([this.queue.stop(), this.vectors.ivf.stop(), this.media.close(), this.ai.close()]);
    // Closing the embedders aborts requests in flight, so closing never waits on a slow or held provider.
    await Promise.all([this.active?.close(), this.target !== this.active ? this.target?.close() : undefined]);
    await stopping;
    // A switch being adopted still writes (drops the old vectors): let it finish before the database closes.
    await this.switching;
    this.db.close();
  }

  private async startEmbedders(paused: boolean): Promise<void> {
    const config = this.settings.get<EmbedderConfig>('embedder') ?? DEFAULT_EMBEDDER;
    const activeId = this.settings.get<string>('embedder.active');
    const activeConfig = activeId
      ? (this.db.prepare('SELECT config FROM embedders WHERE id = ?').pluck().get(activeId) as string | undefined)
      : undefined;
    try {
      this.target = await createEmbedder(config);
      this.vectors.ensure(this.target.id, this.target.dimensions, config);
    } catch (err) {
      this.events.emit('engine.warning', {
        message: 'The configured embedder could not start; search falls back to keywords until it does.',
        detail: (err as Error).message,
      });
      // A switch was under way: the embedder that was answering still has its vectors, so it keeps answering.
      if (activeConfig && activeConfig !== JSON.stringify(config)) {
        this.active = await createEmbedder(JSON.parse(activeConfig) as EmbedderConfig).catch(() => null);
        if (!paused) this.resumeIndexing();
      }
      return;
    }
    if (activeConfig && activeId !== this.target.id) {
      // A switch was under way when the library closed: keep answering with the old vectors meanwhile.
      this.active = await createEmbedder(JSON.parse(activeConfig) as EmbedderConfig).catch(() => null);
    }
    if (!this.active) await this.adopt(this.target);
    if (!paused) this.resumeIndexing();
  }

  private async adopt(embedder: Embedder): Promise<void> {
    const previous = this.active;
    this.active = embedder;
    this.settings.set('embedder.active', embedder.id);
    if (previous && previous !== embedder) {
      // The same embedder chosen again is a new instance: the old one's worker must still be closed.
      await previous.close();
      if (previous.id !== embedder.id) this.vectors.drop(previous.id);
    }
    this.events.emit('index.embedder', { active: embedder.id, target: embedder.id });
  }

  private async finishSwitch(): Promise<void> {
    if (!this.target) return;
    this.queue.setTargets([this.target]);
    await this.adopt(this.target);
  }
}

function dirSize(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}
