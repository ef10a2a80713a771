/**
 * The desktop import: files dropped on or picked in the window have paths on this machine, so the engine reads
 * them itself (`media.ingestPaths`, folders recursively) instead of receiving their bytes. Files without a
 * path (a recording made in the window) and imports that say more than a path can carry (an event time, a
 * privacy level) go as bytes. Work goes in small batches so Cancel takes effect between them and progress
 * moves; the engine's `job.progress` events fill in progress inside a batch.
 */
import type { ImportOptions, ImportResult, UploadProgress } from './client';
import type { IngestOutcome, IngestSummary } from './media-schemas';
import { summariseOutcomes } from './upload-client';

/** Paths per `media.ingestPaths` call. */
export const PATH_BATCH = 25;

export interface PathImportDeps {
  /** The file's path on disk, or '' when it has none. */
  pathOf(file: File): string;
  ingestPaths(paths: string[], clientOffsetMinutes: number): Promise<IngestSummary>;
  ingestBytes(file: File, meta: NonNullable<ImportOptions['meta']>): Promise<IngestOutcome>;
  /** Engine `job.progress` events while a batch runs; returns the unsubscribe. */
  onJobProgress?(fn: (p: { job: string; done: number; total: number; label?: string }) => void): () => void;
}

export type PathTask = { kind: 'paths'; files: number[]; paths: string[] } | { kind: 'bytes'; file: number };

/** Whether `meta` says anything `media.ingestPaths` cannot pass on (it only takes the client's UTC offset). */
export const needsBytes = (meta: ImportOptions['meta']): boolean =>
  Object.entries(meta ?? {}).some(([k, v]) => v !== undefined && k !== 'clientOffsetMinutes' && k !== 'lastModified');

/** Batches of paths in the files' order; files without a path, or when `bytes` is set, one at a time. */
export function planPathImport(paths: string[], bytes: boolean, batch = PATH_BATCH): PathTask[] {
  const tasks: PathTask[] = [];
  let run: { kind: 'paths'; files: number[]; paths: string[] } | null = null;
  paths.forEach((p, i) => {
    if (!p || bytes) {
      run = null;
      tasks.push({ kind: 'bytes', file: i });
      return;
    }
    if (!run || run.files.length >= batch) {
      run = { kind: 'paths', files: [], paths: [] };
      tasks.push(run);
    }
    run.files.push(i);
    run.paths.push(p);
  });
  return tasks;
}

const baseName = (p: string) => p.split(/[\\/]/).filter(Boolean).pop() ?? p;

/** What became of each file; when cancelled, of those handled before, marked `cancelled`. */
export async function importByPaths(files: File[], options: ImportOptions, deps: PathImportDeps): Promise<ImportResult> {
  const cancelled = () => options.signal?.aborted === true || options.isCancelled?.() === true;
  const clientOffsetMinutes = -new Date().getTimezoneOffset();
  const paths = files.map((f) => deps.pathOf(f));
  const outcomes: IngestOutcome[] = [];
  const totalBytes = files.reduce((s, f) => s + f.size, 0);
  let sentBytes = 0;
  let filesDone = 0;
  const report = (current: string | null, extra: Partial<UploadProgress> = {}) =>
    options.onProgress?.({ sentBytes, totalBytes, filesDone, filesTotal: files.length, currentFile: current, ...extra });

  for (const task of planPathImport(paths, needsBytes(options.meta))) {
    if (cancelled()) return { ...summariseOutcomes(outcomes), cancelled: true };
    if (task.kind === 'bytes') {
      const file = files[task.file]!;
      report(file.name);
      outcomes.push(
        await deps.ingestBytes(file, { clientOffsetMinutes, lastModified: file.lastModified || undefined, ...options.meta }).catch(
          (error: unknown): IngestOutcome => ({ file: file.name, status: 'rejected', reason: (error as Error).message }),
        ),
      );
      sentBytes += file.size;
      filesDone++;
      report(null);
      continue;
    }
    const batchBytes = task.files.reduce((s, i) => s + files[i]!.size, 0);
    const before = { sentBytes, filesDone };
    report(baseName(task.paths[0]!));
    // Inside a batch the engine counts the files it found (a folder holds many): scale that onto the batch.
    const off = deps.onJobProgress?.((p) => {
      if (p.job !== 'media.ingest' || p.total === 0) return;
      const share = Math.min(1, p.done / p.total);
      report(p.label ? baseName(p.label) : null, {
        sentBytes: before.sentBytes + Math.round(share * batchBytes),
        filesDone: before.filesDone + Math.floor(share * task.files.length),
      });
    });
    try {
      const summary = await deps.ingestPaths(task.paths, clientOffsetMinutes);
      outcomes.push(...summary.outcomes);
    } catch (error) {
      const reason = (error as Error).message;
      outcomes.push(...task.paths.map((p): IngestOutcome => ({ file: p, status: 'rejected', reason })));
    } finally {
      off?.();
    }
    sentBytes += batchBytes;
    filesDone += task.files.length;
    report(null);
  }
  return summariseOutcomes(outcomes);
}
