/**
 * Storage: what each kind of item takes, the budget warning, and "optimise storage", which drops originals
 * past the retention age (keeping previews, posters and text) and removes files nothing refers to.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Engine } from '../engine/engine';
import type { DashboardDTO } from '../../shared/media-schemas';

export function storageUsage(engine: Engine): DashboardDTO['storage'] {
  const byKind = engine.db
    .prepare(
      `SELECT kind, sum(size) AS bytes FROM (
         SELECT DISTINCT n.kind, b.sha256, b.size FROM node_blobs nb
         JOIN nodes n ON n.id = nb.node_id JOIN blobs b ON b.sha256 = nb.sha256
         LEFT JOIN media_items m ON m.node_id = n.id
         WHERE NOT (nb.role = 'original' AND m.originals_dropped_at IS NOT NULL))
       GROUP BY kind ORDER BY bytes DESC`,
    )
    .all() as { kind: string; bytes: number }[];
  // Not engine.stats(): that walks every blob file, and the dashboard asks for this after each pipeline step.
  const db = engine.databaseBytes();
  byKind.push({ kind: 'notes and search index', bytes: db });
  const totalBytes = byKind.reduce((s, k) => s + k.bytes, 0);
  const budgetGb = engine.media.settings().storageBudgetGb;
  const budgetBytes = budgetGb === null ? null : Math.round(budgetGb * 1024 ** 3);
  let warning: string | null = null;
  if (budgetBytes !== null && totalBytes >= budgetBytes) {
    warning = `The library uses ${gb(totalBytes)} of its ${gb(budgetBytes)} budget. Optimise storage, raise the budget, or delete items.`;
  } else if (budgetBytes !== null && totalBytes >= 0.9 * budgetBytes) {
    warning = `The library is at ${Math.round((100 * totalBytes) / budgetBytes)} % of its ${gb(budgetBytes)} budget.`;
  }
  return { byKind, totalBytes, budgetBytes, warning };
}

export interface OptimiseResult {
  freedBytes: number;
  originalsDropped: number;
  orphansRemoved: number;
}

/** Drops originals of finished items older than the retention age, and blob files nothing refers to. */
export function optimiseStorage(engine: Engine, now = Date.now()): OptimiseResult {
  let freedBytes = 0;
  let originalsDropped = 0;
  const days = engine.media.settings().retentionDays;
  if (days !== null) {
    const cutoff = new Date(now - days * 86_400_000).toISOString();
    const candidates = engine.db
      .prepare(
        `SELECT m.node_id, m.sha256, m.media_kind FROM media_items m
         WHERE m.originals_dropped_at IS NULL AND m.created_at < ?
           AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.node_id = m.node_id AND j.status != 'done')`,
      )
      .all(cutoff) as { node_id: string; sha256: string; media_kind: string }[];
    for (const c of candidates) {
      // Only when something stays to look at: a photo's preview, a video's poster, a recording's or document's text.
      const kept = c.media_kind === 'photo' ? 'preview' : c.media_kind === 'video' ? 'poster' : null;
      if (kept && !engine.db.prepare('SELECT 1 FROM node_blobs WHERE node_id = ? AND role = ?').get(c.node_id, kept)) continue;
      if (!kept && !(engine.db.prepare('SELECT length(body) FROM nodes WHERE id = ?').pluck().get(c.node_id) as number)) continue;
      const blob = engine.blobs.get(c.sha256);
      if (!blob) continue;
      const file = engine.blobs.absolute(blob);
      if (fs.existsSync(file)) {
        fs.rmSync(file);
        freedBytes += blob.size;
      }
      engine.db.prepare('UPDATE media_items SET originals_dropped_at = ? WHERE node_id = ?').run(new Date(now).toISOString(), c.node_id);
      originalsDropped++;
    }
  }
  const orphans = removeOrphanFiles(engine);
  return { freedBytes: freedBytes + orphans.bytes, originalsDropped, orphansRemoved: orphans.files };
}

/** Blob files without a row (a step that crashed between writing a preview and recording it) and stale temp files. */
function removeOrphanFiles(engine: Engine): { files: number; bytes: number } {
  const root = path.join(engine.dir, 'blobs');
  const known = new Set(engine.db.prepare('SELECT sha256 FROM blobs').pluck().all() as string[]);
  const unattached = engine.db
    .prepare('SELECT sha256 FROM blobs b WHERE NOT EXISTS (SELECT 1 FROM node_blobs nb WHERE nb.sha256 = b.sha256) AND NOT EXISTS (SELECT 1 FROM media_items m WHERE m.sha256 = b.sha256) AND created_at < ?')
    .pluck()
    .all(new Date(Date.now() - 3_600_000).toISOString()) as string[];
  let files = 0;
  let bytes = 0;
  bytes += engine.blobs.removeUnreferenced(unattached);
  files += unattached.length;
  if (!fs.existsSync(root)) return { files, bytes };
  const hourAgo = Date.now() - 3_600_000;
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const abs = path.join(entry.parentPath, entry.name);
    // Only old files: a copy being written now has no row yet.
    const stale = fs.statSync(abs).mtimeMs < hourAgo && (entry.name.endsWith('.tmp') || !known.has(entry.name));
    if (!stale) continue;
    bytes += fs.statSync(abs).size;
    fs.rmSync(abs);
    files++;
  }
  return { files, bytes };
}

const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GB`;
