/**
 * Ingest of files and folders on the engine's machine (CLI, desktop drag and drop, file picker, watched
 * folders). Folders are read recursively; hidden and system files are passed over, and Google Takeout's
 * JSON sidecars are read beside the photo they describe instead of being ingested themselves.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { IngestOutcome, IngestSummary, UploadMeta } from '../../shared/media-schemas';
import { findTakeoutSidecar, parseTakeoutSidecar, type TakeoutSidecar } from './photo';
import { ingestFile } from './ingest';
import type { MediaPipeline } from './pipeline/media-pipeline';

export interface IngestPathsOptions {
  source: string;
  clientOffsetMinutes?: number;
  parentId?: string | null;
  privacyLevel?: UploadMeta['privacyLevel'];
  aiUsage?: UploadMeta['aiUsage'];
  onProgress?: (done: number, total: number, outcome?: IngestOutcome) => void;
  /** Folder listings already read (for sidecar lookups), so a folder of 10,000 photos is read once. */
  listings?: Map<string, string[]>;
}

const SYSTEM_FILES = new Set(['.ds_store', 'thumbs.db', 'desktop.ini', 'icon\r']);

export async function ingestPaths(pipeline: MediaPipeline, paths: string[], opts: IngestPathsOptions): Promise<IngestSummary> {
  const outcomes: IngestOutcome[] = [];
  const files: string[] = [];
  for (const p of paths) {
    const abs = path.resolve(p);
    const stat = await fs.stat(abs).catch(() => null);
    if (!stat) outcomes.push({ file: p, status: 'rejected', reason: 'There is no file or folder at this path.' });
    else if (stat.isDirectory()) files.push(...(await listMediaFiles(abs)));
    else files.push(abs);
  }
  let done = 0;
  opts = { ...opts, listings: opts.listings ?? new Map() };
  opts.onProgress?.(done, files.length);
  for (const file of files) {
    const outcome = await ingestOne(pipeline, file, opts).catch(
      (error: unknown): IngestOutcome => ({ file, status: 'rejected', reason: `It could not be read: ${(error as Error).message}` }),
    );
    outcomes.push(outcome);
    opts.onProgress?.(++done, files.length, outcome);
  }
  return summarise(outcomes);
}

export async function ingestOne(pipeline: MediaPipeline, file: string, opts: IngestPathsOptions): Promise<IngestOutcome> {
  const name = path.basename(file);
  if (isPassedOver(name)) return { file, status: 'skipped', reason: 'Hidden, system or sidecar file.' };
  const stat = await fs.stat(file);
  return ingestFile(pipeline, {
    file,
    meta: {
      fileName: name,
      lastModified: Math.round(stat.mtimeMs),
      clientOffsetMinutes: opts.clientOffsetMinutes,
      parentId: opts.parentId,
      privacyLevel: opts.privacyLevel,
      aiUsage: opts.aiUsage,
    },
    source: opts.source,
    sourcePath: file,
    sidecar: await sidecarFor(file, opts.listings),
  });
}

/** Every file under `dir`, sorted, without hidden folders; symlinked folders are not followed. */
export async function listMediaFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listMediaFiles(abs)));
    else if (entry.isFile() && !isPassedOver(entry.name)) out.push(abs);
  }
  return out.sort();
}

export function isPassedOver(name: string): boolean {
  const lower = name.toLowerCase();
  return name.startsWith('.') || SYSTEM_FILES.has(lower) || lower.endsWith('.json') || lower.endsWith('.tmp') || lower.endsWith('.part');
}

async function sidecarFor(file: string, listings?: Map<string, string[]>): Promise<TakeoutSidecar | undefined> {
  const dir = path.dirname(file);
  let siblings = listings?.get(dir);
  if (!siblings) {
    siblings = await fs.readdir(dir).catch(() => [] as string[]);
    listings?.set(dir, siblings);
  }
  const name = findTakeoutSidecar(path.basename(file), siblings);
  if (!name) return undefined;
  try {
    return parseTakeoutSidecar(await fs.readFile(path.join(dir, name), 'utf8'));
  } catch {
    return undefined; // A broken sidecar only loses its hints; the photo's own metadata still counts.
  }
}

export function summarise(outcomes: IngestOutcome[]): IngestSummary {
  const count = (s: IngestOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  return { added: count('added'), duplicates: count('duplicate'), rejected: count('rejected'), skipped: count('skipped'), outcomes };
}
