/**
 * The contract: every input that crosses an edge (HTTP, IPC, CLI, import files) is one of these zod schemas,
 * and every DTO the engine returns has its type here. The renderer imports only this folder.
 */
import { z } from 'zod';

export const NODE_KINDS = [
  'note', 'journal', 'memory', 'bookmark', 'photo', 'video', 'audio', 'document', 'screenshot',
  'camera_frame', 'transcript', 'summary', 'episode', 'folder',
] as const;
export const NodeKind = z.enum(NODE_KINDS);
export type NodeKind = z.infer<typeof NodeKind>;

export const PrivacyLevel = z.enum(['private', 'circles', 'public']);
export type PrivacyLevel = z.infer<typeof PrivacyLevel>;
export const AiUsage = z.enum(['none', 'chat', 'train']);
export type AiUsage = z.infer<typeof AiUsage>;
export const MemoryType = z.enum(['semantic', 'episodic', 'procedural']);
export type MemoryType = z.infer<typeof MemoryType>;

/** Ids are uuid v7 when the engine makes them; imports may keep their own ids, so allow any safe token. */
export const NodeId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'ids use letters, digits and _ . : - only');
export type NodeId = z.infer<typeof NodeId>;

/** A tag as stored: one word without `#` or commas, lower-cased. */
export const Tag = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\s#,]+$/, 'a tag has no spaces, commas or #')
  .transform((t) => t.toLowerCase());

export const Metadata = z.record(z.string(), z.unknown());
export const IsoDate = z.iso.datetime({ offset: true });

export const EventTime = z.object({
  /** UTC instant. */
  at: IsoDate,
  /** Minutes east of UTC where it happened, when known. */
  offsetMinutes: z.number().int().min(-900).max(900).optional(),
  source: z.string().max(64).default('user'),
  confidence: z.number().min(0).max(1).default(1),
});
export type EventTime = z.infer<typeof EventTime>;

export const NodeCreate = z.object({
  id: NodeId.optional(),
  parentId: NodeId.nullish(),
  kind: NodeKind.default('note'),
  title: z.string().max(500).default(''),
  body: z.string().max(5_000_000).default(''),
  tags: z.array(Tag).max(200).default([]),
  memoryType: MemoryType.nullish(),
  importance: z.number().min(0).max(1).default(0.5),
  privacyLevel: PrivacyLevel.default('private'),
  aiUsage: AiUsage.default('none'),
  eventTime: EventTime.nullish(),
  metadata: Metadata.default({}),
  /** Imports keep their timestamps. */
  createdAt: IsoDate.optional(),
  updatedAt: IsoDate.optional(),
  accessCount: z.number().int().min(0).optional(),
  /** Position among siblings; appended when omitted. */
  index: z.number().int().min(0).optional(),
});
export type NodeCreate = z.input<typeof NodeCreate>;
export type NodeCreateParsed = z.output<typeof NodeCreate>;

export const NodeUpdate = z.object({
  id: NodeId,
  title: z.string().max(500).optional(),
  body: z.string().max(5_000_000).optional(),
  tags: z.array(Tag).max(200).optional(),
  memoryType: MemoryType.nullable().optional(),
  importance: z.number().min(0).max(1).optional(),
  privacyLevel: PrivacyLevel.optional(),
  aiUsage: AiUsage.optional(),
  eventTime: EventTime.nullable().optional(),
  metadata: Metadata.optional(),
  kind: NodeKind.optional(),
});
export type NodeUpdate = z.input<typeof NodeUpdate>;

export const NodeMove = z.object({
  id: NodeId,
  parentId: NodeId.nullable(),
  /** Position among the new siblings; appended when omitted. */
  index: z.number().int().min(0).optional(),
});
export type NodeMove = z.infer<typeof NodeMove>;

export const NodeList = z.object({
  parentId: NodeId.nullish(),
  kind: NodeKind.optional(),
  tags: z.array(Tag).optional(),
  memoryType: MemoryType.optional(),
  privacyLevel: PrivacyLevel.optional(),
  trashed: z.boolean().default(false),
  limit: z.number().int().min(1).max(1000).default(50),
  offset: z.number().int().min(0).default(0),
  orderBy: z.enum(['tree', 'created_at', 'updated_at', 'event_time']).default('created_at'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type NodeList = z.input<typeof NodeList>;

export interface NodeDTO {
  id: string;
  parentId: string | null;
  kind: NodeKind;
  title: string;
  body: string;
  tags: string[];
  memoryType: MemoryType | null;
  importance: number;
  privacyLevel: PrivacyLevel;
  aiUsage: AiUsage;
  eventTime: EventTime | null;
  createdAt: string;
  updatedAt: string;
  accessCount: number;
  metadata: Record<string, unknown>;
  deletedAt: string | null;
  position: number;
  /** Live (not trashed) children. */
  childCount: number;
}

export interface NodeLinkDTO {
  sourceId: string;
  targetId: string | null;
  targetTitle: string;
  kind: 'wikilink' | 'derived_from';
}

export interface VersionDTO {
  nodeId: string;
  version: number;
  title: string;
  body: string;
  createdAt: string;
}

export interface PageDTO<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export const SearchFilters = z.object({
  kinds: z.array(NodeKind).optional(),
  tags: z.array(Tag).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  privacyLevels: z.array(PrivacyLevel).optional(),
  memoryTypes: z.array(MemoryType).optional(),
  /** Only nodes inside this subtree (the node itself included). */
  parentId: NodeId.optional(),
});
export type SearchFilters = z.infer<typeof SearchFilters>;

export const SearchInput = z.object({
  query: z.string().trim().min(1).max(2000),
  limit: z.number().int().min(1).max(200).default(10),
  filters: SearchFilters.default({}),
  mode: z.enum(['hybrid', 'keyword', 'semantic']).default('hybrid'),
  /** Whether date phrases in the query ("last week") become a date filter. */
  parseDates: z.boolean().default(true),
  /** The asker's clock offset, minutes east of UTC, so "yesterday" means their yesterday. */
  timezoneOffsetMinutes: z.number().int().min(-900).max(900).optional(),
});
export type SearchInput = z.input<typeof SearchInput>;

export interface SearchHit {
  node: Omit<NodeDTO, 'body'>;
  chunk: { id: number; ordinal: number; text: string; start: number; end: number; headingPath: string[] };
  score: number;
  /** Chunk text around the match with `<mark>` around matched terms; the rest is HTML-escaped. */
  snippet: string;
  /** Where the hit came from: ranks in each list (1-based), absent when not in that list. */
  ranks: { keyword?: number; semantic?: number };
}

export interface SearchResponse {
  hits: SearchHit[];
  /** The query with any date phrase removed, and the range it became. */
  interpreted: { text: string; range?: { from: string; to: string; phrase: string } };
  /** The embedder whose vectors were searched, or null when only keywords were used. */
  embedder: string | null;
  tookMs: number;
}
