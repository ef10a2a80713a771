/**
 * What the renderer sees of the engine: call a handler by name, and listen to engine events. The preload
 * implements it over IPC; web mode implements it over HTTP and a live event stream.
 */
import type { EngineEventName, EngineEvents } from './events';
import type { IngestSummary, UploadMeta } from './media-schemas';

export interface EngramClient {
  call<T = unknown>(handler: string, input?: unknown): Promise<T>;
  on<K extends EngineEventName>(event: K, fn: (payload: EngineEvents[K]) => void): () => void;
  /**
   * Web mode only: `fn` runs when the event stream comes back after a drop, since events sent meanwhile were
   * missed and cached data may be stale. IPC never drops events, so the desktop client has no such hook.
   */
  onResync?(fn: () => void): () => void;
  /**
   * Adds files to the library: web mode uploads them (multipart batches, resumable sessions for large files);
   * the desktop preload hands the engine their paths (`media.ingestPaths`), or their bytes when they have no
   * path (a recording made in the window). Cancelling resolves (errors lose their fields crossing Electron's
   * context bridge) to what was done before, marked `cancelled`.
   */
  importFiles?(files: File[], options?: ImportOptions): Promise<ImportResult>;
  /** Desktop only: the system's folder picker; resolves to the chosen folder's path, or null when cancelled. */
  pickFolder?(): Promise<string | null>;
}

export type ImportResult = IngestSummary & { cancelled?: boolean };

/** What a caller may say about every file of one import; the rest comes from the files themselves. */
export type ImportMeta = Partial<Omit<UploadMeta, 'fileName'>>;

export interface UploadProgress {
  sentBytes: number;
  totalBytes: number;
  /** Files finished (added, duplicate or refused). */
  filesDone: number;
  filesTotal: number;
  /** The file being sent, when one is. */
  currentFile: string | null;
}

export interface ImportOptions {
  onProgress?(progress: UploadProgress): void;
  signal?: AbortSignal;
  /**
   * The same as `signal`, for transports an AbortSignal cannot cross (Electron's context bridge copies it into a
   * plain object): asked between files.
   */
  isCancelled?(): boolean;
  meta?: ImportMeta;
}

/** How an error crosses IPC: structured-clone loses Error subclasses, so it travels as plain data. */
export interface WireError {
  code: string;
  message: string;
  details?: unknown;
}

export type WireResult<T> = { ok: true; value: T } | { ok: false; error: WireError };

export const IPC_CALL = 'engram:call';
export const IPC_EVENT = 'engram:event';
/** Desktop: ingest bytes that have no path on disk (a recording): `(fileName, bytes, meta)` → WireResult<IngestOutcome>. */
export const IPC_INGEST_BYTES = 'engram:ingestBytes';
/** Desktop: the system folder picker → WireResult<string | null>. */
export const IPC_PICK_FOLDER = 'engram:pickFolder';
