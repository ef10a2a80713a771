/**
 * Passages for an answer: hybrid search over the understood question, reranked (a mild preference for recent
 * items unless the question names a time, and a boost for summaries and episodes, which condense many items),
 * one passage per item, packed into the model's context budget.
 */
import type { Engine } from '../engine/engine';
import type { AiUsage, NodeKind, SearchHit } from '../../shared/schemas';
import type { UnderstoodQuery } from './query';

export interface Passage {
  nodeId: string;
  kind: NodeKind;
  title: string;
  at: string | null;
  text: string;
  /** As search gives it: HTML-escaped text with <mark> around matched words. */
  snippet: string;
  aiUsage: AiUsage;
  /** Whether the question's words occur in it (semantic-only matches are only "closest"). */
  keywordMatch: boolean;
  score: number;
}

const BOOST: Partial<Record<NodeKind, number>> = { summary: 1.25, episode: 1.2 };
// A year-old note counts about 0.8 of today's; very old ones never drop below half.
const HALF_LIFE_DAYS = 1_100;

export async function retrieve(
  engine: Engine,
  q: UnderstoodQuery,
  opts: { limit: number; budgetChars: number; offsetMinutes?: number; now?: Date },
): Promise<{ passages: Passage[]; dated: boolean }> {
  const res = await engine.search.search({
    query: q.search,
    limit: 40,
    mode: 'hybrid',
    filters: q.kinds ? { kinds: q.kinds } : {},
    timezoneOffsetMinutes: opts.offsetMinutes,
  });
  const dated = Boolean(res.interpreted.range);
  const now = (opts.now ?? new Date()).getTime();
  const best = new Map<string, Passage>();
  for (const hit of res.hits) {
    const at = hit.node.eventTime?.at ?? hit.node.createdAt;
    const ageDays = Math.max(0, (now - Date.parse(at)) / 86_400_000);
    const decay = dated ? 1 : 0.5 + 0.5 * Math.pow(0.5, ageDays / HALF_LIFE_DAYS);
    const score = hit.score * decay * (BOOST[hit.node.kind] ?? 1);
    const prev = best.get(hit.node.id);
    if (!prev || score > prev.score) best.set(hit.node.id, toPassage(hit, at, score));
  }
  const ranked = [...best.values()].sort((a, b) => b.score - a.score);
  const passages: Passage[] = [];
  let used = 0;
  for (const p of ranked) {
    if (passages.length >= opts.limit) break;
    const room = opts.budgetChars - used;
    if (room < 200) break;
    const text = p.text.length > room ? `${p.text.slice(0, room - 1)}…` : p.text;
    passages.push({ ...p, text });
    used += text.length + p.title.length + 20;
  }
  return { passages, dated };
}

function toPassage(hit: SearchHit, at: string, score: number): Passage {
  return {
    nodeId: hit.node.id,
    kind: hit.node.kind,
    title: hit.node.title,
    at,
    text: hit.chunk.text,
    snippet: hit.snippet,
    aiUsage: hit.node.aiUsage,
    keywordMatch: hit.ranks.keyword !== undefined,
    score,
  };
}
