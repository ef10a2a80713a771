/**
 * The library's nodes: create, read, edit, arrange in a tree, trash, restore and purge. Every write runs in one
 * transaction together with its version, tags, links and (through `onContentChanged`) its search chunks, so a
 * crash never leaves a note without its index or history.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/connection';
import { EngramError, notFound } from '../../shared/errors';
import {
  NodeCreate, NodeList, NodeMove, NodeUpdate,
  type NodeCreateParsed, type NodeDTO, type NodeLinkDTO, type PageDTO,
} from '../../shared/schemas';
import type { z } from 'zod';
import { parseHashtags, parseWikilinks } from '../../shared/markdown';
import { NODE_SELECT, toNodeDTO, type NodeRow } from './rows';
import { recordVersion } from './versions';

export type NodeChange = 'created' | 'updated' | 'moved' | 'trashed' | 'restored' | 'purged';

export interface NodeHooks {
  /** Runs inside the write transaction whenever a node's title or body is new or changed. */
  onContentChanged(node: NodeDTO): void;
  /** Runs inside the write transaction when a node's kind changed (copies of it, e.g. in vector tables, follow). */
  onKindChanged?(id: string, kind: NodeDTO['kind']): void;
  /** Runs inside the purge transaction, before the nodes (and their blob links) are deleted. */
  beforePurge?(ids: string[]): void;
  /** Runs after a write has committed, once per node it touched. */
  onChanged?(id: string, change: NodeChange): void;
}

const iso = (value?: string) => (value ? new Date(value).toISOString() : new Date().toISOString());

export class NodeStore {
  constructor(
    private readonly db: Db,
    private readonly hooks: NodeHooks,
  ) {}

  create(input: NodeCreate): NodeDTO {
    return this.createMany([input])[0]!;
  }

  /** All-or-nothing: either every node is written or none is. */
  createMany(inputs: NodeCreate[]): NodeDTO[] {
    const parsed = inputs.map((i) => NodeCreate.parse(i));
    return this.write('created', () => parsed.map((p) => this.insert(p)), (nodes) => nodes.map((n) => n.id));
  }

  /**
   * Runs `fn` in a transaction, then reports the ids it names as changed, after commit so listeners never
   * see a change that could still roll back. Inside an outer transaction (imports) nothing is reported here.
   */
  private write<T>(change: NodeChange, fn: () => T, ids: (result: T) => string[]): T {
    const result = this.db.transaction(fn)();
    if (!this.db.inTransaction) for (const id of ids(result)) this.hooks.onChanged?.(id, change);
    return result;
  }

  private insert(p: NodeCreateParsed): NodeDTO {
    const id = p.id ?? uuidv7();
    if (this.exists(id)) throw new EngramError('conflict', `A node with id ${id} already exists`);
    if (p.parentId) this.requireLive(p.parentId);
    const createdAt = iso(p.createdAt);
    const updatedAt = p.updatedAt ? iso(p.updatedAt) : createdAt;
    this.db
      .prepare(
        `INSERT INTO nodes (id, parent_id, position, kind, title, body, memory_type, importance, privacy_level,
           ai_usage, event_time, event_offset_min, event_source, event_confidence, created_at, updated_at,
           access_count, metadata)
         VALUES (@id, @parentId, @position, @kind, @title, @body, @memoryType, @importance, @privacyLevel,
           @aiUsage, @eventAt, @eventOffset, @eventSource, @eventConfidence, @createdAt, @updatedAt,
           @accessCount, @metadata)`,
      )
      .run({
        id,
        parentId: p.parentId ?? null,
        position: this.positionFor(p.parentId ?? null, p.index),
        kind: p.kind,
        title: p.title,
        body: p.body,
        memoryType: p.memoryType ?? null,
        importance: p.importance,
        privacyLevel: p.privacyLevel,
        aiUsage: p.aiUsage,
        eventAt: p.eventTime ? iso(p.eventTime.at) : null,
        eventOffset: p.eventTime?.offsetMinutes ?? null,
        eventSource: p.eventTime?.source ?? null,
        eventConfidence: p.eventTime?.confidence ?? null,
        createdAt,
        updatedAt,
        accessCount: p.accessCount ?? 0,
        metadata: JSON.stringify(p.metadata),
      });
    this.writeTags(id, p.tags, p.body);
    this.writeLinks(id, p.body);
    this.resolveLinksTo(id, p.title);
    recordVersion(this.db, id, p.title, p.body, updatedAt);
    const node = this.get(id);
    this.hooks.onContentChanged(node);
    return node;
  }

  get(id: string, opts: { countAccess?: boolean; includeTrashed?: boolean } = {}): NodeDTO {
    if (opts.countAccess) this.db.prepare('UPDATE nodes SET access_count = access_count + 1 WHERE id = ?').run(id);
    const row = this.db.prepare(`${NODE_SELECT} WHERE n.id = ?`).get(id) as NodeRow | undefined;
    if (!row || (row.deleted_at && !opts.includeTrashed)) throw notFound('Node', id);
    return toNodeDTO(row);
  }

  exists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM nodes WHERE id = ?').get(id) !== undefined;
  }

  list(input: NodeList): PageDTO<NodeDTO> {
    const q = (NodeList as z.ZodType<z.output<typeof NodeList>>).parse(input);
    const where: string[] = [q.trashed ? 'n.deleted_at IS NOT NULL' : 'n.deleted_at IS NULL'];
    const params: Record<string, unknown> = {};
    if (q.parentId !== undefined) {
      where.push(q.parentId === null ? 'n.parent_id IS NULL' : 'n.parent_id = @parentId');
      params.parentId = q.parentId;
    }
    if (q.kind) (where.push('n.kind = @kind'), (params.kind = q.kind));
    if (q.memoryType) (where.push('n.memory_type = @memoryType'), (params.memoryType = q.memoryType));
    if (q.privacyLevel) (where.push('n.privacy_level = @privacyLevel'), (params.privacyLevel = q.privacyLevel));
    q.tags?.forEach((tag, i) => {
      where.push(`EXISTS (SELECT 1 FROM node_tags t WHERE t.node_id = n.id AND t.tag = @tag${i})`);
      params[`tag${i}`] = tag;
    });
    const order =
      q.orderBy === 'tree' ? `n.position ${q.order}` :
      q.orderBy === 'event_time' ? `coalesce(n.event_time, n.created_at) ${q.order}, n.id ${q.order}` :
      `n.${q.orderBy} ${q.order}, n.id ${q.order}`;
    const clause = where.join(' AND ');
    const total = (this.db.prepare(`SELECT count(*) AS c FROM nodes n WHERE ${clause}`).get(params) as { c: number }).c;
    const rows = this.db
      .prepare(`${NODE_SELECT} WHERE ${clause} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: q.limit, offset: q.offset }) as NodeRow[];
    return { items: rows.map(toNodeDTO), total, limit: q.limit, offset: q.offset };
  }

  update(input: NodeUpdate): NodeDTO {
    const u = NodeUpdate.parse(input);
    return this.write('updated', () => {
      const before = this.get(u.id);
      const title = u.title ?? before.title;
      const body = u.body ?? before.body;
      const contentChanged = title !== before.title || body !== before.body;
      const now = iso();
      const event = u.eventTime === undefined ? before.eventTime : u.eventTime;
      this.db
        .prepare(
          `UPDATE nodes SET title = @title, body = @body, kind = @kind, memory_type = @memoryType,
             importance = @importance, privacy_level = @privacyLevel, ai_usage = @aiUsage, event_time = @eventAt,
             event_offset_min = @eventOffset, event_source = @eventSource, event_confidence = @eventConfidence,
             metadata = @metadata, updated_at = @now
           WHERE id = @id`,
        )
        .run({
          id: u.id,
          title,
          body,
          kind: u.kind ?? before.kind,
          memoryType: u.memoryType === undefined ? before.memoryType : u.memoryType,
          importance: u.importance ?? before.importance,
          privacyLevel: u.privacyLevel ?? before.privacyLevel,
          aiUsage: u.aiUsage ?? before.aiUsage,
          eventAt: event ? iso(event.at) : null,
          eventOffset: event?.offsetMinutes ?? null,
          eventSource: event?.source ?? null,
          eventConfidence: event?.confidence ?? null,
          metadata: JSON.stringify(u.metadata ?? before.metadata),
          now,
        });
      if (u.tags !== undefined || body !== before.body) {
        const explicit = u.tags ?? this.explicitTags(u.id);
        this.writeTags(u.id, explicit, body);
      }
      if (body !== before.body) this.writeLinks(u.id, body);
      if (title !== before.title) this.resolveLinksTo(u.id, title);
      const node = this.get(u.id);
      if (node.kind !== before.kind) this.hooks.onKindChanged?.(node.id, node.kind);
      if (contentChanged) {
        recordVersion(this.db, u.id, title, body, now);
        this.hooks.onContentChanged(node);
      }
      return node;
    }, (n) => [n.id]);
  }

  move(input: NodeMove): NodeDTO {
    const m = NodeMove.parse(input);
    return this.write('moved', () => {
      this.requireLive(m.id);
      if (m.parentId) {
        this.requireLive(m.parentId);
        if (this.subtreeIds(m.id).includes(m.parentId)) {
          throw new EngramError('invalid_input', 'A node cannot be moved inside itself or its own descendants');
        }
      }
      const position = this.positionFor(m.parentId, m.index, m.id);
      this.db
        .prepare('UPDATE nodes SET parent_id = ?, position = ?, updated_at = ? WHERE id = ?')
        .run(m.parentId, position, iso(), m.id);
      return this.get(m.id);
    }, (n) => [n.id]);
  }

  /** Moves a node and its live descendants to the trash as one batch, which `restore` brings back together. */
  trash(id: string): { batch: string; ids: string[] } {
    return this.write('trashed', () => {
      this.requireLive(id);
      const batch = uuidv7();
      const ids = this.subtreeIds(id).filter((i) => !this.get(i, { includeTrashed: true }).deletedAt);
      const stmt = this.db.prepare('UPDATE nodes SET deleted_at = ?, delete_batch = ? WHERE id = ?');
      const now = iso();
      for (const i of ids) stmt.run(now, batch, i);
      return { batch, ids };
    }, (r) => r.ids);
  }

  restore(id: string): NodeDTO {
    return this.write('restored', () => {
      const node = this.get(id, { includeTrashed: true });
      if (!node.deletedAt) return node;
      const { delete_batch: batch } = this.db.prepare('SELECT delete_batch FROM nodes WHERE id = ?').get(id) as {
        delete_batch: string;
      };
      this.db.prepare('UPDATE nodes SET deleted_at = NULL, delete_batch = NULL WHERE delete_batch = ?').run(batch);
      // A node whose parent is still in the trash comes back at the top level rather than staying hidden.
      if (node.parentId && this.get(node.parentId, { includeTrashed: true }).deletedAt) {
        this.db.prepare('UPDATE nodes SET parent_id = NULL, position = ? WHERE id = ?').run(this.positionFor(null), id);
      }
      return this.get(id);
    }, (n) => [n.id]);
  }

  /** Deletes a trashed node for good, with its subtree, versions, chunks and vectors. */
  purge(id: string): { purged: number } {
    return this.write('purged', () => {
      const node = this.get(id, { includeTrashed: true });
      if (!node.deletedAt) {
        throw new EngramError('conflict', `Node ${id} is not in the trash; move it to the trash before purging it`);
      }
      const ids = this.subtreeIds(id);
      this.hooks.beforePurge?.(ids);
      this.db.prepare('DELETE FROM nodes WHERE id = ?').run(id);
      return { purged: ids.length };
    }, () => [id]);
  }

  emptyTrash(): { purged: number } {
    return this.db.transaction(() => {
      const roots = this.db
        .prepare(
          `SELECT id FROM nodes n WHERE deleted_at IS NOT NULL
             AND (parent_id IS NULL OR NOT EXISTS (SELECT 1 FROM nodes p WHERE p.id = n.parent_id AND p.deleted_at IS NOT NULL))`,
        )
        .pluck()
        .all() as string[];
      return { purged: roots.reduce((sum, id) => sum + this.purge(id).purged, 0) };
    })();
  }

  /** Outgoing wikilinks and the nodes that link here. */
  links(id: string): { outgoing: NodeLinkDTO[]; backlinks: NodeLinkDTO[] } {
    const node = this.get(id);
    const map = (r: { source_id: string; target_id: string | null; target_title: string; kind: NodeLinkDTO['kind'] }) => ({
      sourceId: r.source_id, targetId: r.target_id, targetTitle: r.target_title, kind: r.kind,
    });
    const outgoing = this.db.prepare('SELECT * FROM links WHERE source_id = ? ORDER BY target_title').all(id) as Parameters<typeof map>[0][];
    const backlinks = this.db
      .prepare(
        `SELECT l.* FROM links l JOIN nodes s ON s.id = l.source_id AND s.deleted_at IS NULL
         WHERE l.target_id = ? ORDER BY s.updated_at DESC`,
      )
      .all(node.id) as Parameters<typeof map>[0][];
    return { outgoing: outgoing.map(map), backlinks: backlinks.map(map) };
  }

  tagCounts(): { tag: string; count: number }[] {
    return this.db
      .prepare(
        `SELECT tag, count(DISTINCT node_id) AS count FROM node_tags t JOIN nodes n ON n.id = t.node_id
         WHERE n.deleted_at IS NULL GROUP BY tag ORDER BY count DESC, tag`,
      )
      .all() as { tag: string; count: number }[];
  }

  /** The node and all its descendants, the node first. */
  subtreeIds(id: string): string[] {
    return this.db
      .prepare(
        `WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT n.id FROM nodes n JOIN sub ON n.parent_id = sub.id)
         SELECT id FROM sub`,
      )
      .pluck()
      .all(id) as string[];
  }

  private requireLive(id: string): void {
    this.get(id);
  }

  private explicitTags(id: string): string[] {
    return this.db.prepare(`SELECT tag FROM node_tags WHERE node_id = ? AND source = 'explicit'`).pluck().all(id) as string[];
  }

  private writeTags(id: string, explicit: string[], body: string): void {
    this.db.prepare('DELETE FROM node_tags WHERE node_id = ?').run(id);
    const insert = this.db.prepare('INSERT OR IGNORE INTO node_tags (node_id, tag, source) VALUES (?, ?, ?)');
    for (const tag of explicit) insert.run(id, tag.toLowerCase(), 'explicit');
    for (const tag of parseHashtags(body)) insert.run(id, tag, 'hashtag');
  }

  private writeLinks(id: string, body: string): void {
    this.db.prepare(`DELETE FROM links WHERE source_id = ? AND kind = 'wikilink'`).run(id);
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO links (source_id, target_title, target_id, kind) VALUES (?, ?, 
         (SELECT id FROM nodes WHERE title = ? COLLATE NOCASE AND deleted_at IS NULL ORDER BY created_at LIMIT 1), 'wikilink')`,
    );
    for (const title of parseWikilinks(body)) insert.run(id, title, title);
  }

  /** Dangling links to this title now point at this node. */
  private resolveLinksTo(id: string, title: string): void {
    if (!title) return;
    this.db
      .prepare(`UPDATE links SET target_id = ? WHERE target_id IS NULL AND target_title = ? COLLATE NOCASE AND source_id != ?`)
      .run(id, title, id);
  }

  /** A position among `parentId`'s children: appended, or between the neighbours at `index`. */
  private positionFor(parentId: string | null, index?: number, movingId?: string): number {
    if (index === undefined) {
      // Appending needs only the last position, which the (parent_id, position) index answers directly.
      const last = this.db.prepare('SELECT max(position) FROM nodes WHERE parent_id IS ?').pluck().get(parentId) as number | null;
      return (last ?? 0) + 1;
    }
    const siblings = this.db
      .prepare(
        `SELECT id, position FROM nodes WHERE parent_id IS ? AND deleted_at IS NULL AND id IS NOT ? ORDER BY position`,
      )
      .all(parentId, movingId ?? null) as { id: string; position: number }[];
    if (index >= siblings.length) return (siblings.at(-1)?.position ?? 0) + 1;
    const after = siblings[index]!.position;
    const before = index > 0 ? siblings[index - 1]!.position : after - 1;
    if (after - before > 1e-6) return (before + after) / 2;
    // Gaps wore out after many inserts at one spot: renumber the siblings, then place between them.
    const renumber = this.db.prepare('UPDATE nodes SET position = ? WHERE id = ?');
    siblings.forEach((s, i) => renumber.run(i + 1, s.id));
    return index + 0.5;
  }
}
