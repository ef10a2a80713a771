/** Mapping between `nodes` rows and the NodeDTO the rest of the app sees. */
import type { NodeDTO, NodeKind, MemoryType, PrivacyLevel, AiUsage, EventTime } from '../../shared/schemas';

export interface NodeRow {
  id: string;
  parent_id: string | null;
  position: number;
  kind: string;
  title: string;
  body: string;
  memory_type: string | null;
  importance: number;
  privacy_level: string;
  ai_usage: string;
  event_time: string | null;
  event_offset_min: number | null;
  event_source: string | null;
  event_confidence: number | null;
  created_at: string;
  updated_at: string;
  access_count: number;
  metadata: string;
  deleted_at: string | null;
  tags: string | null;
  child_count: number;
}

/**
 * Selects a node row with its tags folded into one column (explicit and hashtag, de-duplicated) and the number
 * of its live children (so a tree knows which rows can expand without fetching them).
 */
export const NODE_SELECT = `
  SELECT n.*, (SELECT json_group_array(tag) FROM (SELECT DISTINCT tag FROM node_tags t WHERE t.node_id = n.id ORDER BY tag)) AS tags,
    (SELECT count(*) FROM nodes c WHERE c.parent_id = n.id AND c.deleted_at IS NULL) AS child_count
  FROM nodes n`;

export function toEventTime(row: NodeRow): EventTime | null {
  if (!row.event_time) return null;
  return {
    at: row.event_time,
    offsetMinutes: row.event_offset_min ?? undefined,
    source: row.event_source ?? 'user',
    confidence: row.event_confidence ?? 1,
  };
}

export function toNodeDTO(row: NodeRow): NodeDTO {
  return {
    id: row.id,
    parentId: row.parent_id,
    kind: row.kind as NodeKind,
    title: row.title,
    body: row.body,
    tags: row.tags ? (JSON.parse(row.tags) as string[]) : [],
    memoryType: row.memory_type as MemoryType | null,
    importance: row.importance,
    privacyLevel: row.privacy_level as PrivacyLevel,
    aiUsage: row.ai_usage as AiUsage,
    eventTime: toEventTime(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    accessCount: row.access_count,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    deletedAt: row.deleted_at,
    position: row.position,
    childCount: row.child_count,
  };
}
