/**
 * The single-user "brain" memory API (`/memories`, `/search`, `/import`, `/export`), in the snake_case shape
 * clients of such servers expect. A memory is a node of kind `memory`.
 */
import { z } from 'zod';
import { IsoDate, Metadata, MemoryType, NodeId, PrivacyLevel, AiUsage } from './schemas';

const Tag = z.string().trim().min(1).max(100).regex(/^[^\s#,]+$/, 'a tag has no spaces, commas or #');

export const MemoryCreate = z.object({
  id: NodeId.optional(),
  content: z.string().min(1, 'content must not be empty').max(1_000_000),
  memory_type: MemoryType.nullish(),
  importance_score: z.number().min(0).max(1).optional(),
  tags: z.array(Tag).max(200).optional(),
  metadata: Metadata.optional(),
  created_at: IsoDate.optional(),
  updated_at: IsoDate.optional(),
  access_count: z.number().int().min(0).optional(),
  privacy_level: PrivacyLevel.optional(),
  ai_usage: AiUsage.optional(),
  /** Accepted for compatibility and ignored: vectors are always recomputed by this library's embedder. */
  embedding: z.array(z.number()).optional(),
});
export type MemoryCreate = z.infer<typeof MemoryCreate>;

export const MemoryUpdate = MemoryCreate.omit({ id: true, created_at: true, access_count: true }).partial();
export type MemoryUpdate = z.infer<typeof MemoryUpdate>;

const CsvTags = z
  .union([z.array(Tag), z.string()])
  .transform((v) => (Array.isArray(v) ? v : v.split(',').map((t) => t.trim()).filter(Boolean)));

export const MemoryListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  memory_type: MemoryType.optional(),
  tags: CsvTags.optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
  include_embedding: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

export const MemorySearch = z.object({
  query: z.string().trim().min(1).max(2000),
  limit: z.number().int().min(1).max(200).default(10),
  filters: z
    .object({
      memory_type: MemoryType.optional(),
      tags: z.array(Tag).optional(),
      from: IsoDate.optional(),
      to: IsoDate.optional(),
    })
    .optional(),
});

export const MemoryImport = z.union([
  z.object({ memories: z.array(z.unknown()) }),
  z.array(z.unknown()),
]);

export const ImportOptions = z.object({
  on_conflict: z.enum(['fail', 'skip']).default('fail'),
});

export interface Memory {
  id: string;
  content: string;
  memory_type: z.infer<typeof MemoryType> | null;
  importance_score: number;
  tags: string[];
  metadata: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  access_count: number;
  privacy_level: z.infer<typeof PrivacyLevel>;
  ai_usage: z.infer<typeof AiUsage>;
  embedding?: number[];
}
