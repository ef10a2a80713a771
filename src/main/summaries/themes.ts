/**
 * Themes of a text being written (3-5 short topics) and the user profile. Both go through the policy: a
 * note whose AI use is "none" gets themes computed locally (word statistics), never by a model, and the
 * profile is built only from items whose AI use is "train".
 */
import type { Engine } from '../engine/engine';
import { admit, buildPrompt, numberSources } from '../ai/policy';
import { contentWords } from '../chat/query';

export interface Themes {
  themes: string[];
  mode: 'llm' | 'local';
}

export interface Profile {
  text: string;
  updatedAt: string | null;
  /** How it was made: edited by the owner, written by a model, or from word statistics. */
  mode: 'edited' | 'llm' | 'local' | 'empty';
  sources: number;
}

export async function themesOf(engine: Engine, nodeId: string): Promise<Themes> {
  const node = engine.nodes.get(nodeId);
  const [allowed] = admit([{ title: node.title, at: node.eventTime?.at ?? null, text: node.body, aiUsage: node.aiUsage }], 'answer');
  if (allowed && node.body.trim().length > 40) {
    const completion = await engine.ai
      .complete('summaries', 'themes', buildPrompt({
        system: 'List the 3 to 5 main topics of source [1], each 1 to 3 words, one per line, no numbering, no other text.',
        sources: numberSources([allowed]),
        request: 'Topics:',
      }), { maxTokens: 60 })
      .catch(() => null);
    const themes = completion?.text.split('\n').map((l) => l.replace(/^[-*\d.\s]+/, '').trim()).filter((l) => l && l.length <= 40).slice(0, 5);
    if (themes?.length) return { themes, mode: 'llm' };
  }
  return { themes: topWords(`${node.title}\n${node.body}`, 5), mode: 'local' };
}

export function profile(engine: Engine): Profile {
  return engine.settings.get<Profile>('profile') ?? { text: '', updatedAt: null, mode: 'empty', sources: 0 };
}

export function setProfile(engine: Engine, text: string): Profile {
  const next: Profile = { text, updatedAt: new Date().toISOString(), mode: 'edited', sources: profile(engine).sources };
  engine.settings.set('profile', next);
  return next;
}

/** Rebuilds the profile from the newest items whose AI use is "train" (only those). */
export async function rebuildProfile(engine: Engine): Promise<Profile> {
  const rows = engine.db
    .prepare(
      `SELECT title, coalesce(event_time, created_at) AS at, substr(body, 1, 1500) AS text, ai_usage AS aiUsage FROM nodes
       WHERE deleted_at IS NULL AND ai_usage = 'train' AND kind NOT IN ('folder') ORDER BY updated_at DESC LIMIT 40`,
    )
    .all() as { title: string; at: string; text: string; aiUsage: 'train' }[];
  const allowed = admit(rows, 'profile');
  let next: Profile = { text: '', updatedAt: new Date().toISOString(), mode: 'empty', sources: 0 };
  if (allowed.length) {
    const completion = await engine.ai
      .complete('summaries', 'profile', buildPrompt({
        system: "From the numbered items, describe the user in a few bullet points: interests, routines, projects, people and places that recur. Plain statements only; nothing not supported by the items.",
        sources: numberSources(allowed),
        request: 'Profile:',
      }), { maxTokens: 400 })
      .catch(() => null);
    next = completion
      ? { text: completion.text.trim(), updatedAt: next.updatedAt, mode: 'llm', sources: allowed.length }
      : { text: `Recurring topics: ${topWords(allowed.map((a) => `${a.title} ${a.text}`).join('\n'), 10).join(', ')}.`, updatedAt: next.updatedAt, mode: 'local', sources: allowed.length };
  }
  engine.settings.set('profile', next);
  return next;
}

// Words that carry no topic but are common in notes; the question stop words are removed already.
const FILLER = new Set('along also just very over under after before while where which there their again still really every then past into onto once back went came made took today'.split(' '));

/** The most frequent content words of 4+ letters, folded by a shared 5-letter prefix ("kayak", "kayaking"), each shown in its most used form. */
function topWords(text: string, n: number): string[] {
  const groups = new Map<string, { count: number; forms: Map<string, number> }>();
  for (const w of contentWords(text)) {
    if (w.length < 4 || /^\d+$/.test(w) || FILLER.has(w)) continue;
    const group = groups.get(w.slice(0, 5)) ?? { count: 0, forms: new Map<string, number>() };
    group.count++;
    group.forms.set(w, (group.forms.get(w) ?? 0) + 1);
    groups.set(w.slice(0, 5), group);
  }
  const form = (forms: Map<string, number>) => [...forms].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0]![0];
  return [...groups.values()].sort((a, b) => b.count - a.count).slice(0, n).map((g) => form(g.forms));
}
