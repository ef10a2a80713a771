/** The memory API over the library: memories are nodes of kind `memory`, shaped as brain-server clients expect. */
import { z } from 'zod';
import type { Engine } from '../engine/engine';
import { EngramError } from '../../shared/errors';
import {
  ImportOptions, MemoryCreate, MemoryImport, MemoryListQuery, MemorySearch, MemoryUpdate, type Memory,
} from '../../shared/memory-schemas';
import type { NodeCreate, NodeDTO } from '../../shared/schemas';

export function toMemory(n: Pick<NodeDTO, 'id' | 'body' | 'memoryType' | 'importance' | 'tags' | 'metadata' | 'createdAt' | 'updatedAt' | 'accessCount' | 'privacyLevel' | 'aiUsage'>): Memory {
  return {
    id: n.id,
    content: n.body,
    memory_type: n.memoryType,
    importance_score: n.importance,
    tags: n.tags,
    metadata: n.metadata,
    created_at: n.createdAt,
    updated_at: n.updatedAt,
    access_count: n.accessCount,
    privacy_level: n.privacyLevel,
    ai_usage: n.aiUsage,
  };
}

function toNodeCreate(m: MemoryCreate): NodeCreate {
  return {
    id: m.id,
    kind: 'memory',
    body: m.content,
    memoryType: m.memory_type ?? null,
    importance: m.importance_score,
    tags: m.tags,
    metadata: m.metadata,
    createdAt: m.created_at,
    updatedAt: m.updated_at,
    accessCount: m.access_count,
    privacyLevel: m.privacy_level,
    aiUsage: m.ai_usage,
  };
}

export class MemoryService {
  constructor(private readonly engine: Engine) {}

  create(input: MemoryCreate): Memory {
    return toMemory(this.engine.nodes.create(toNodeCreate(input)));
  }

  /** Reading a memory through the API counts as an access. */
  get(id: string, includeEmbedding = false): Memory {
    this.requireMemory(id);
    const memory = toMemory(this.engine.nodes.get(id, { countAccess: true }));
    return includeEmbedding ? this.withEmbedding(memory) : memory;
  }

  list(q: z.output<typeof MemoryListQuery>) {
    const page = this.engine.nodes.list({
      kind: 'memory', memoryType: q.memory_type, tags: q.tags, limit: q.limit, offset: q.offset,
      orderBy: 'created_at', order: q.order,
    });
    const memories = page.items.map(toMemory);
    return {
      memories: q.include_embedding ? memories.map((m) => this.withEmbedding(m)) : memories,
      total: page.total, limit: page.limit, offset: page.offset,
    };
  }

  update(id: string, input: MemoryUpdate): Memory {
    this.requireMemory(id);
    return toMemory(
      this.engine.nodes.update({
        id,
        body: input.content,
        memoryType: input.memory_type,
        importance: input.importance_score,
        tags: input.tags,
        metadata: input.metadata,
        privacyLevel: input.privacy_level,
        aiUsage: input.ai_usage,
      }),
    );
  }

  /** Deleting through the memory API moves the memory to the trash, from where it can be restored. */
  delete(id: string): { deleted: string } {
    this.requireMemory(id);
    this.engine.nodes.trash(id);
    return { deleted: id };
  }

  async search(s: z.output<typeof MemorySearch>) {
    const res = await this.engine.search.search({
      query: s.query,
      limit: s.limit,
      filters: {
        kinds: ['memory'],
        memoryTypes: s.filters?.memory_type ? [s.filters.memory_type] : undefined,
        tags: s.filters?.tags?.map((t) => t.toLowerCase()),
        from: s.filters?.from,
        to: s.filters?.to,
      },
    });
    return {
      results: res.hits.map((h) => ({
        memory: toMemory({ ...h.node, body: this.engine.nodes.get(h.node.id).body }),
        score: h.score,
        snippet: h.snippet,
      })),
      interpreted: res.interpreted,
    };
  }

  stats() {
    const s = this.engine.stats();
    const memories = s.byKind.find((k) => k.kind === 'memory')?.count ?? 0;
    const byType = this.engine.db
      .prepare(
        `SELECT coalesce(memory_type, 'none') AS type, count(*) AS count FROM nodes
         WHERE kind = 'memory' AND deleted_at IS NULL GROUP BY type`,
      )
      .all() as { type: string; count: number }[];
    return {
      total_memories: memories,
      memory_types: Object.fromEntries(byType.map((r) => [r.type, r.count])),
      total_nodes: s.nodes,
      chunks: s.chunks,
      pending_embeddings: s.index.pending,
      embedder: s.index.active,
      storage_bytes: s.storage.databaseBytes + s.storage.blobsBytes,
    };
  }

  export() {
    const rows = this.engine.db
      .prepare(`SELECT id FROM nodes WHERE kind = 'memory' AND deleted_at IS NULL ORDER BY created_at, id`)
      .pluck()
      .all() as string[];
    const memories = rows.map((id) => toMemory(this.engine.nodes.get(id)));
    return { memories, count: memories.length, exported_at: new Date().toISOString() };
  }

  /**
   * All-or-nothing: every record is validated first and the first bad one is named; then all are written in
   * one transaction.
   */
  import(body: unknown, options: z.input<typeof ImportOptions> = {}) {
    const { on_conflict } = ImportOptions.parse(options);
    const envelope = MemoryImport.safeParse(body);
    if (!envelope.success) {
      throw new EngramError('invalid_input', 'An import is {"memories": [...]} or a JSON array of memories', envelope.error.issues);
    }
    const records = Array.isArray(envelope.data) ? envelope.data : envelope.data.memories;
    const parsed = records.map((r, index) => {
      const result = MemoryCreate.safeParse(r);
      if (!result.success) {
        const id = (r as { id?: unknown } | null)?.id;
        throw new EngramError(
          'invalid_input',
          `Record ${index}${typeof id === 'string' ? ` (id ${id})` : ''} is invalid, so nothing was imported: ${z.prettifyError(result.error)}`,
          { index, id, issues: result.error.issues },
        );
      }
      return result.data;
    });
    const seen = new Set<string>();
    parsed.forEach((m, index) => {
      if (!m.id) return;
      if (seen.has(m.id)) throw new EngramError('invalid_input', `Record ${index} repeats id ${m.id}; nothing was imported`);
      seen.add(m.id);
    });
    const fresh = parsed.filter((m, index) => {
      if (!m.id || !this.engine.nodes.exists(m.id)) return true;
      if (on_conflict === 'skip') return false;
      throw new EngramError('conflict', `Record ${index} has id ${m.id}, which already exists; nothing was imported`, { index, id: m.id });
    });
    const created = this.engine.nodes.createMany(fresh.map(toNodeCreate));
    return { imported: created.length, skipped: parsed.length - created.length, ids: created.map((n) => n.id) };
  }

  private requireMemory(id: string): NodeDTO {
    const node = this.engine.nodes.get(id);
    if (node.kind !== 'memory') throw new EngramError('not_found', `Memory ${id} does not exist`);
    return node;
  }

  /** A memory's embedding is the vector of its first chunk under the active embedder. */
  private withEmbedding(m: Memory): Memory {
    const active = this.engine.embedderStatus.active;
    const table = active ? this.engine.vectors.get(active)?.tableName : undefined;
    if (!table) return m;
    const blob = this.engine.db
      .prepare(`SELECT v.embedding FROM chunks c JOIN ${table} v ON v.rowid = c.id WHERE c.node_id = ? ORDER BY c.ordinal LIMIT 1`)
      .pluck()
      .get(m.id) as Buffer | undefined;
    return blob ? { ...m, embedding: Array.from(new Float32Array(blob.buffer, blob.byteOffset, blob.byteLength / 4)) } : m;
  }
}
