/**
 * Day summaries and weekly recaps as `summary` nodes, linked to their sources (`derived_from`), searchable and
 * on the timeline. Written by the summaries model from the items whose AI use allows it; without a model,
 * an extractive digest (each episode's time, label and opening lines). A summary is never more open than what
 * it was made from: it takes the most private privacy level and AI use among its sources.
 */
import type { Engine } from '../engine/engine';
import type { AiUsage, NodeDTO, PrivacyLevel } from '../../shared/schemas';
import type { DayDTO } from '../../shared/media-schemas';
import { admit, buildPrompt, numberSources } from '../ai/policy';
import { day as timelineDay } from '../timeline/timeline';

export type SummaryKind = 'day' | 'week';

export interface SummaryResult {
  kind: SummaryKind;
  period: string;
  nodeId: string | null;
  mode: 'llm' | 'extractive' | 'empty';
  sources: number;
}

const PRIVACY_ORDER: PrivacyLevel[] = ['private', 'circles', 'public'];
const AI_ORDER: AiUsage[] = ['none', 'chat', 'train'];
const DAY_SYSTEM =
  "Write a short summary of the user's day from the numbered items (notes, photos, recordings, documents). One short paragraph per episode, in the first person plural is not needed: write plainly, past tense. Cite items as [n]. Do not invent anything.";
const WEEK_SYSTEM =
  "Write a weekly recap from the user's day summaries and items: the main threads of the week, what was done, and anything left open. A few short paragraphs; cite items as [n]. Do not invent anything.";

interface Item {
  id: string;
  title: string;
  at: string | null;
  text: string;
  aiUsage: AiUsage;
  privacyLevel: PrivacyLevel;
}

export async function summariseDay(engine: Engine, dayIso: string, offsetMinutes = 0): Promise<SummaryResult> {
  const day: DayDTO = timelineDay(engine, { day: dayIso, offsetMinutes });
  const ids = day.episodes.flatMap((e) => e.items.filter((i) => i.kind !== 'summary').map((i) => i.id));
  const items = loadItems(engine, ids);
  const extractive = () =>
    day.episodes
      .map((e) => {
        const own = e.items.filter((i) => i.kind !== 'summary');
        if (!own.length) return '';
        const lines = own.slice(0, 5).map((i) => `- ${i.title || i.kind}${i.excerpt ? `: ${i.excerpt.slice(0, 140)}` : ''}`);
        return `### ${time(e.start, offsetMinutes)}–${time(e.end, offsetMinutes)} · ${e.label}\n${lines.join('\n')}`;
      })
      .filter(Boolean)
      .join('\n\n');
  return write(engine, {
    kind: 'day',
    period: dayIso,
    title: `Day summary · ${dayIso}`,
    at: new Date(Date.parse(`${dayIso}T12:00:00Z`) - offsetMinutes * 60_000).toISOString(),
    offsetMinutes,
    items,
    system: DAY_SYSTEM,
    request: `Summarise ${dayIso}.`,
    extractive,
  });
}

/** The ISO week (Monday first) that `weekStart` (a Monday, YYYY-MM-DD) begins. */
export async function summariseWeek(engine: Engine, weekStart: string, offsetMinutes = 0): Promise<SummaryResult> {
  const start = new Date(Date.parse(`${weekStart}T00:00:00Z`) - offsetMinutes * 60_000);
  const end = new Date(start.getTime() + 7 * 86_400_000);
  const ids = engine.db
    .prepare(
      `SELECT id FROM nodes WHERE deleted_at IS NULL AND kind NOT IN ('folder','episode')
         AND coalesce(event_time, created_at) >= ? AND coalesce(event_time, created_at) < ?
         AND NOT (kind = 'summary' AND title LIKE 'Weekly recap%')
       ORDER BY kind = 'summary' DESC, coalesce(event_time, created_at) LIMIT 60`,
    )
    .pluck()
    .all(start.toISOString(), end.toISOString()) as string[];
  const items = loadItems(engine, ids);
  return write(engine, {
    kind: 'week',
    period: weekStart,
    title: `Weekly recap · week of ${weekStart}`,
    at: new Date(end.getTime() - 60_000).toISOString(),
    offsetMinutes,
    items,
    system: WEEK_SYSTEM,
    request: `Write the recap of the week starting ${weekStart}.`,
    extractive: () =>
      items
        .slice(0, 12)
        .map((i) => `- ${i.title}${i.text ? `: ${firstLine(i.text)}` : ''}`)
        .join('\n'),
  });
}

async function write(
  engine: Engine,
  s: {
    kind: SummaryKind;
    period: string;
    title: string;
    at: string;
    offsetMinutes: number;
    items: Item[];
    system: string;
    request: string;
    extractive: () => string;
  },
): Promise<SummaryResult> {
  if (s.items.length === 0) {
    record(engine, s.kind, s.period, null, [], 'empty');
    return { kind: s.kind, period: s.period, nodeId: null, mode: 'empty', sources: 0 };
  }
  const allowed = admit(s.items, 'summarise');
  let body: string | null = null;
  let used: Item[] = s.items;
  if (allowed.length > 0) {
    const completion = await engine.ai
      .complete('summaries', `summary.${s.kind}`, buildPrompt({ system: s.system, sources: numberSources(allowed), request: s.request }), { maxTokens: 600 })
      .catch(() => null); // a model that fails leaves the extractive digest; the next regenerate may do better
    if (completion) {
      body = `${completion.text.trim()}\n\n${allowed.map((i, n) => `[${n + 1}]: [[${i.title || i.id}]]`).join('\n')}`;
      used = allowed;
    }
  }
  const mode = body === null ? 'extractive' : 'llm';
  body ??= s.extractive();
  const node = upsertSummaryNode(engine, s, body, used);
  record(engine, s.kind, s.period, node.id, used.map((i) => i.id), mode);
  return { kind: s.kind, period: s.period, nodeId: node.id, mode, sources: used.length };
}

function upsertSummaryNode(engine: Engine, s: { kind: SummaryKind; period: string; title: string; at: string; offsetMinutes: number }, body: string, sources: Item[]): NodeDTO {
  const privacyLevel = mostPrivate(PRIVACY_ORDER, sources.map((i) => i.privacyLevel));
  const aiUsage = mostPrivate(AI_ORDER, sources.map((i) => i.aiUsage));
  const existing = engine.db.prepare('SELECT node_id FROM summary_runs WHERE kind = ? AND period = ?').pluck().get(s.kind, s.period) as string | null | undefined;
  const live = existing && engine.db.prepare('SELECT 1 FROM nodes WHERE id = ? AND deleted_at IS NULL').get(existing);
  return engine.db.transaction(() => {
    const node = live
      ? engine.nodes.update({ id: existing!, body, privacyLevel, aiUsage })
      : engine.nodes.create({
          kind: 'summary',
          title: s.title,
          body,
          tags: [s.kind === 'day' ? 'day-summary' : 'weekly-recap'],
          privacyLevel,
          aiUsage,
          eventTime: { at: s.at, offsetMinutes: s.offsetMinutes, source: 'summary', confidence: 1 },
          metadata: { summaryOf: { kind: s.kind, period: s.period } },
        });
    engine.db.prepare(`DELETE FROM links WHERE source_id = ? AND kind = 'derived_from'`).run(node.id);
    const link = engine.db.prepare(`INSERT OR IGNORE INTO links (source_id, target_title, target_id, kind) VALUES (?, ?, ?, 'derived_from')`);
    for (const i of sources) link.run(node.id, i.title || i.id, i.id);
    return node;
  })();
}

function record(engine: Engine, kind: SummaryKind, period: string, nodeId: string | null, sources: string[], mode: string): void {
  engine.db
    .prepare(
      `INSERT INTO summary_runs (kind, period, node_id, sources, generated_at, mode) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(kind, period) DO UPDATE SET node_id = excluded.node_id, sources = excluded.sources,
         generated_at = excluded.generated_at, mode = excluded.mode`,
    )
    .run(kind, period, nodeId, JSON.stringify(sources), new Date().toISOString(), mode);
}

function loadItems(engine: Engine, ids: string[]): Item[] {
  const get = engine.db.prepare(
    `SELECT id, title, coalesce(event_time, created_at) AS at, substr(body, 1, 2000) AS text, ai_usage AS aiUsage,
       privacy_level AS privacyLevel FROM nodes WHERE id = ?`,
  );
  return ids.map((id) => get.get(id) as Item).filter(Boolean);
}

function mostPrivate<T>(order: T[], values: T[]): T {
  return values.reduce((min, v) => (order.indexOf(v) < order.indexOf(min) ? v : min), order.at(-1)!);
}

const time = (iso: string, offsetMinutes: number) => new Date(Date.parse(iso) + offsetMinutes * 60_000).toISOString().slice(11, 16);
const firstLine = (text: string) => text.replace(/^#+\s*/gm, '').split(/\n|(?<=\.)\s/)[0]!.slice(0, 160);
