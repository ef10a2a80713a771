/**
 * "Related while writing": bookmarks and notes close in meaning to the text being written, nudged up when they
 * are due for review, so writing becomes a moment to revisit what is about to be forgotten.
 *
 *   score = 0.7 · similarity + 0.3 · urgency
 *
 * similarity is the cosine similarity of the item's best chunk to the text, divided by the best candidate's
 * (so the closest item has 1). The search service reports only ranks, so the vectors are asked directly: one
 * embedding of the text, real cosines, the same relative floor as semantic search. urgency is 0 for items not
 * enrolled, else `urgencyOf` (1 when due, otherwise how far recall has fallen towards the retention target).
 * Without an embedder, or before any vector is stored, keyword search ranks stand in for similarity.
 *
 * This is the owner's own local view: items limited by privacy level or AI usage are included, trashed ones never.
 */
import type { Engine } from '../engine/engine';
import type { NodeKind } from '../../shared/schemas';
import { excerpt } from '../journal/excerpt';
import type { RelatedItem, RelatedResponse, ReviewState } from '../../shared/review-schemas';
import { cardsOf, describeSpan, retrievabilityOf, scheduler, urgencyOf } from './fsrs';

export type { RelatedItem, RelatedResponse } from '../../shared/review-schemas';
import { State, type Card } from 'ts-fsrs';

export const SIMILARITY_WEIGHT = 0.7;
export const URGENCY_WEIGHT = 0.3;
/** The kinds recommended. */
export const RELATED_KINDS = ['bookmark', 'note'] as const satisfies readonly NodeKind[];
/** Candidates below this share of the best candidate's similarity are unrelated, however near they rank. */
const SIMILARITY_FLOOR = 0.6;
/** Queries longer than this keep their end: the text nearest the cursor is what is being written now. */
const MAX_QUERY = 2000;

export interface RelatedInput {
  text: string;
  /** The node being written, which is always its own best match. */
  excludeId?: string;
  limit?: number;
  now?: Date;
  /**
   * Leave out items whose raw cosine similarity is below this. Off by default: what counts as related differs
   * by embedder (the built-in one puts unrelated text below about 0.2, hosted models far higher), so the
   * relative floor alone decides unless the caller knows its embedder.
   */
  minCosine?: number;
}

interface Candidate {
  nodeId: string;
  chunkId: number;
  similarity: number;
  cosine: number | null;
}

export async function related(engine: Engine, input: RelatedInput): Promise<RelatedResponse> {
  const limit = Math.max(1, Math.min(input.limit ?? 8, 100));
  const now = input.now ?? new Date();
  const text = input.text.trim().slice(-MAX_QUERY).trim();
  if (!text) return { items: [], embedder: null };
  const depth = Math.max(30, limit * 4);

  const semantic = await semanticCandidates(engine, text, input.excludeId, depth, input.minCosine);
  const found = semantic ?? { candidates: await keywordCandidates(engine, text, input.excludeId, depth), embedder: null };
  if (found.candidates.length === 0) return { items: [], embedder: found.embedder };

  const ids = found.candidates.map((c) => c.nodeId);
  const nodes = new Map(
    (engine.db
      .prepare(
        `SELECT n.id, n.kind, n.title, substr(n.body, 1, 2000) AS head, json_extract(n.metadata, '$.url') AS url,
           (SELECT json_group_array(tag) FROM (SELECT DISTINCT tag FROM node_tags t WHERE t.node_id = n.id ORDER BY tag)) AS tags
         FROM nodes n WHERE n.deleted_at IS NULL AND n.id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(ids)) as { id: string; kind: NodeKind; title: string; head: string; url: unknown; tags: string }[]
    ).map((r) => [r.id, r]),
  );
  const passages = new Map(
    (engine.db
      .prepare('SELECT id, text FROM chunks WHERE id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(found.candidates.map((c) => c.chunkId))) as { id: number; text: string }[]).map((r) => [r.id, r.text]),
  );
  const cards = cardsOf(engine, ids);
  const f = scheduler(engine);

  const items: RelatedItem[] = [];
  for (const c of found.candidates) {
    const node = nodes.get(c.nodeId);
    if (!node) continue;
    const card = cards.get(c.nodeId);
    const urgency = card ? urgencyOf(f, card, now) : 0;
    items.push({
      nodeId: node.id,
      kind: node.kind,
      title: node.title,
      excerpt: excerpt(node.head),
      passage: excerpt(passages.get(c.chunkId) ?? '', 240),
      url: typeof node.url === 'string' ? node.url : null,
      tags: JSON.parse(node.tags) as string[],
      score: round(SIMILARITY_WEIGHT * c.similarity + URGENCY_WEIGHT * urgency),
      similarity: round(c.similarity),
      cosine: c.cosine === null ? null : round(c.cosine),
      urgency: round(urgency),
      review: card
        ? { due: card.due.toISOString(), state: stateName(card.state), retrievability: retrievabilityOf(f, card, now) }
        : null,
      reason: reasonFor(card, now),
    });
  }
  items.sort((a, b) => b.score - a.score || b.similarity - a.similarity || a.nodeId.localeCompare(b.nodeId));
  return { items: items.slice(0, limit), embedder: found.embedder };
}

/** Nearest chunks of live bookmarks and notes by cosine; null when no embedder or no stored vector can answer. */
async function semanticCandidates(
  engine: Engine,
  text: string,
  excludeId: string | undefined,
  depth: number,
  minCosine = -1,
): Promise<{ candidates: Candidate[]; embedder: string } | null> {
  let embedder = engine.activeEmbedder();
  if (!embedder) return null;
  let vector: Float32Array | undefined;
  try {
    [vector] = await embedder.embed([text]);
  } catch {
    // A re-embed may have finished (closing the embedder) while the text was embedded: ask the new one once.
    const now = engine.activeEmbedder();
    if (!now || now === embedder) return null;
    embedder = now;
    [vector] = await embedder.embed([text]).catch(() => [undefined]);
  }
  // No vector for the text (nothing it could mean), or none stored yet (indexing): keywords answer instead.
  if (!vector || vector.every((x) => x === 0)) return null;
  const kinds = RELATED_KINDS.map((k) => `'${k}'`).join(', ');
  const near = engine.vectors.nearest(embedder.id, vector, depth, {
    sql: `SELECT c.id AS id FROM chunks c JOIN nodes n ON n.id = c.node_id
          WHERE n.deleted_at IS NULL AND n.kind IN (${kinds}) AND (@excludeId IS NULL OR n.id != @excludeId)`,
    params: { excludeId: excludeId ?? null },
  });
  if (near.length === 0) return null;
  const owner = new Map(
    (engine.db
      .prepare('SELECT id, node_id FROM chunks WHERE id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(near.map((r) => r.chunkId))) as { id: number; node_id: string }[]).map((r) => [r.id, r.node_id]),
  );
  // Best chunk per node; `near` is nearest first.
  const best = new Map<string, { chunkId: number; cosine: number }>();
  for (const r of near) {
    const nodeId = owner.get(r.chunkId);
    if (nodeId && !best.has(nodeId)) best.set(nodeId, { chunkId: r.chunkId, cosine: 1 - r.distance });
  }
  const top = Math.max(...[...best.values()].map((b) => b.cosine));
  if (!(top > 0)) return { candidates: [], embedder: embedder.id };
  const candidates = [...best.entries()]
    .filter(([, b]) => b.cosine >= top * SIMILARITY_FLOOR && b.cosine >= minCosine)
    .map(([nodeId, b]) => ({ nodeId, chunkId: b.chunkId, similarity: Math.min(1, b.cosine / top), cosine: b.cosine }));
  return { candidates, embedder: embedder.id };
}

/** Without an embedder: keyword search ranks, spread linearly from 1 (first) towards 0. */
async function keywordCandidates(engine: Engine, text: string, excludeId: string | undefined, depth: number): Promise<Candidate[]> {
  const { hits } = await engine.search.search({
    query: text,
    mode: 'keyword',
    limit: Math.min(200, depth + 1),
    parseDates: false,
    filters: { kinds: [...RELATED_KINDS] },
  });
  const kept = hits.filter((h) => h.node.id !== excludeId).slice(0, depth);
  return kept.map((h, i) => ({ nodeId: h.node.id, chunkId: h.chunk.id, similarity: 1 - i / Math.max(kept.length, 1), cosine: null }));
}

function stateName(state: State): ReviewState {
  return state === State.Learning ? 'learning' : state === State.Review ? 'review' : state === State.Relearning ? 'relearning' : 'new';
}

const OVERDUE_GRACE_MS = 3_600_000;

/** "Similar to what you are writing; due for review in 2 days" and the like. */
export function reasonFor(card: Card | undefined, now: Date): string {
  const similar = 'Similar to what you are writing';
  if (!card) return similar;
  const late = now.getTime() - card.due.getTime();
  if (card.state === State.New) return `${similar}; enrolled for review and not reviewed yet`;
  if (late >= OVERDUE_GRACE_MS) return `${similar}; overdue for review by ${describeSpan(late)}`;
  if (late >= 0) return `${similar}; due for review now`;
  return `${similar}; due for review in ${describeSpan(late)}`;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;
