/** Version history: every change of a node's title or body is kept, listed, diffed and restorable. */
import { structuredPatch } from 'diff';
import type { Db } from '../db/connection';
import { notFound } from '../../shared/errors';
import type { VersionDTO } from '../../shared/schemas';

interface VersionRow { node_id: string; version: number; title: string; body: string; created_at: string }

const toDTO = (r: VersionRow): VersionDTO => ({
  nodeId: r.node_id, version: r.version, title: r.title, body: r.body, createdAt: r.created_at,
});

export function recordVersion(db: Db, nodeId: string, title: string, body: string, at: string): void {
  db.prepare(
    `INSERT INTO node_versions (node_id, version, title, body, created_at)
     VALUES (?, coalesce((SELECT max(version) FROM node_versions WHERE node_id = ?), 0) + 1, ?, ?, ?)`,
  ).run(nodeId, nodeId, title, body, at);
}

export function listVersions(db: Db, nodeId: string): VersionDTO[] {
  const rows = db.prepare('SELECT * FROM node_versions WHERE node_id = ? ORDER BY version DESC').all(nodeId) as VersionRow[];
  return rows.map(toDTO);
}

export function getVersion(db: Db, nodeId: string, version: number): VersionDTO {
  const row = db.prepare('SELECT * FROM node_versions WHERE node_id = ? AND version = ?').get(nodeId, version) as
    | VersionRow
    | undefined;
  if (!row) throw notFound('Version', `${version} of node ${nodeId}`);
  return toDTO(row);
}

export interface VersionDiff {
  from: number;
  to: number;
  titleChanged: boolean;
  hunks: { oldStart: number; oldLines: number; newStart: number; newLines: number; lines: string[] }[];
}

/** A line diff of the body between two versions, as unified-diff hunks. */
export function diffVersions(db: Db, nodeId: string, from: number, to: number): VersionDiff {
  const a = getVersion(db, nodeId, from);
  const b = getVersion(db, nodeId, to);
  const patch = structuredPatch(`v${from}`, `v${to}`, a.body, b.body, '', '', { context: 3 });
  return { from, to, titleChanged: a.title !== b.title, hunks: patch.hunks };
}
