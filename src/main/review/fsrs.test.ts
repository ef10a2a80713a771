import { describe, expect, it } from 'vitest';
import { useTempLibrary } from '../../../tests/helpers/temp-library';
import type { Engine } from '../engine/engine';
import { invoke } from '../engine/handlers';
import { registry } from '../engine/registry';
import { codeOf } from '../../../tests/helpers/error-code';
import {
  describeSpan, enrol, getCard, grade, history, queue, REVIEW_SETTINGS_KEY, stats, unenrol, type QueueItem,
} from './fsrs';

let engine: Engine;
useTempLibrary((e) => {
  engine = e;
  // ts-fsrs defaults, fuzz off: every interval below is deterministic.
  e.settings.set(REVIEW_SETTINGS_KEY, { enableFuzz: false });
});

const T0 = new Date('2026-03-01T09:00:00.000Z');
const DAY = 86_400_000;
const at = (iso: string) => new Date(iso);
const note = (title: string) => engine.nodes.create({ title, body: `About ${title}.` }).id;

/** Grades `good` each time the card falls due, `n` times, returning the due dates. */
function goodAtEachDue(id: string, n: number): Date[] {
  const dues: Date[] = [];
  let now = new Date(getCard(engine, id)!.due);
  for (let i = 0; i < n; i++) {
    const due = new Date(grade(engine, id, 'good', now).due);
    dues.push(due);
    now = due;
  }
  return dues;
}

describe('enrol and unenrol', () => {
  it('makes a new card due at once; enrolling again keeps its schedule', () => {
    const id = note('Photosynthesis');
    const card = enrol(engine, id, T0);
    expect(card).toMatchObject({ nodeId: id, state: 'new', due: T0.toISOString(), reps: 0, lapses: 0, retrievability: null });
    grade(engine, id, 'good', T0);
    const again = enrol(engine, id, at('2026-03-02T00:00:00Z'));
    expect(again.reps).toBe(1);
    expect(again.state).toBe('learning');
  });

  it('refuses missing and trashed nodes, and grading what is not enrolled', () => {
    expect(codeOf(() => enrol(engine, 'missing', T0))).toBe('not_found');
    const trashed = note('Gone');
    engine.nodes.trash(trashed);
    expect(codeOf(() => enrol(engine, trashed, T0))).toBe('not_found');
    const loose = note('Loose');
    expect(codeOf(() => grade(engine, loose, 'good', T0))).toBe('conflict');
  });

  it('unenrols, keeping the history; a purge removes card and history', () => {
    const id = note('Mitochondria');
    enrol(engine, id, T0);
    grade(engine, id, 'good', T0);
    expect(unenrol(engine, id)).toEqual({ removed: true });
    expect(unenrol(engine, id)).toEqual({ removed: false });
    expect(getCard(engine, id)).toBeNull();
    expect(history(engine, id)).toHaveLength(1);
    enrol(engine, id, T0);
    engine.nodes.trash(id);
    engine.nodes.purge(id);
    const count = (t: string) => engine.db.prepare(`SELECT count(*) FROM ${t} WHERE node_id = ?`).pluck().get(id);
    expect(count('review_cards')).toBe(0);
    expect(count('review_logs')).toBe(0);
  });
});

describe('grade', () => {
  it('schedules a new card graded good later than one graded again', () => {
    const a = note('A');
    const b = note('B');
    enrol(engine, a, T0);
    enrol(engine, b, T0);
    const good = grade(engine, a, 'good', T0);
    const again = grade(engine, b, 'again', T0);
    expect(new Date(good.due).getTime()).toBeGreaterThan(new Date(again.due).getTime());
    expect(new Date(again.due).getTime()).toBeGreaterThan(T0.getTime());
    const easy = grade(engine, enrol(engine, note('C'), T0).nodeId, 'easy', T0);
    expect(new Date(easy.due).getTime()).toBeGreaterThan(new Date(good.due).getTime());
    expect(easy.card.state).toBe('review');
  });

  it('grows the interval with each good review', () => {
    const id = note('Krebs cycle');
    enrol(engine, id, T0);
    const dues = goodAtEachDue(id, 6);
    const gaps = dues.map((d, i) => d.getTime() - (i === 0 ? T0 : dues[i - 1]!).getTime());
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]!, `gap ${i}`).toBeGreaterThan(gaps[i - 1]!);
    const card = getCard(engine, id, dues.at(-1))!;
    expect(card.state).toBe('review');
    expect(card.reps).toBe(6);
    expect(card.scheduledDays).toBeGreaterThan(10);
    // At its due date, recall is about the retention the schedule aims for.
    expect(card.retrievability).toBeGreaterThan(0.85);
    expect(card.retrievability).toBeLessThan(0.95);
  });

  it('resets a lapsed card to relearning with a short interval and lower stability', () => {
    const id = note('Ohm');
    enrol(engine, id, T0);
    const dues = goodAtEachDue(id, 4);
    const before = getCard(engine, id)!;
    expect(before.state).toBe('review');
    const lapseAt = dues.at(-1)!;
    const lapse = grade(engine, id, 'again', lapseAt);
    expect(lapse.card).toMatchObject({ state: 'relearning', lapses: 1, reps: 5 });
    expect(lapse.card.stability).toBeLessThan(before.stability);
    expect(new Date(lapse.due).getTime() - lapseAt.getTime()).toBeLessThan(DAY);
    // Relearnt, it comes back sooner than before the lapse.
    const back = grade(engine, id, 'good', new Date(lapse.due));
    expect(back.card.state).toBe('review');
    expect(back.card.scheduledDays).toBeLessThan(before.scheduledDays);
  });

  it('writes one log per grading with the rating and the time', () => {
    const id = note('Logs');
    enrol(engine, id, T0);
    const r1 = grade(engine, id, 'hard', T0);
    const t1 = at('2026-03-01T09:30:00Z');
    grade(engine, id, 'again', t1);
    const logs = history(engine, id);
    expect(logs.map((l) => [l.rating, l.state, l.review])).toEqual([
      ['hard', 'new', T0.toISOString()],
      ['again', 'learning', t1.toISOString()],
    ]);
    expect(logs[0]!.id).toBe(r1.logId);
  });

  it('refuses a review dated before the previous one, changing nothing', () => {
    const id = note('Clock');
    enrol(engine, id, T0);
    grade(engine, id, 'good', at('2026-03-02T00:00:00Z'));
    const before = getCard(engine, id);
    expect(codeOf(() => grade(engine, id, 'good', T0))).toBe('invalid_input');
    expect(getCard(engine, id)).toEqual(before);
    expect(history(engine, id)).toHaveLength(1);
  });
});

describe('queue', () => {
  it('lists due cards, most overdue first, as of `now`, without trashed nodes', () => {
    const early = note('Early');
    const late = note('Late');
    const later = note('Later');
    const trashed = note('Trashed');
    enrol(engine, late, at('2026-03-01T10:00:00Z'));
    enrol(engine, early, at('2026-03-01T08:00:00Z'));
    enrol(engine, later, at('2026-03-01T12:00:00Z'));
    enrol(engine, trashed, at('2026-03-01T07:00:00Z'));
    engine.nodes.trash(trashed);

    const ids = (items: QueueItem[]) => items.map((i) => i.nodeId);
    expect(ids(queue(engine, { now: at('2026-03-01T07:59:00Z') }).items)).toEqual([]);
    expect(ids(queue(engine, { now: at('2026-03-01T11:00:00Z') }).items)).toEqual([early, late]);
    const all = queue(engine, { now: at('2026-03-02T00:00:00Z'), limit: 2 });
    expect(ids(all.items)).toEqual([early, late]);
    expect(all.total).toBe(3);
    expect(all.items[0]).toMatchObject({ title: 'Early', kind: 'note', excerpt: 'About Early.', url: null, state: 'new' });

    // Graded, a card leaves the queue until it is due again.
    const next = grade(engine, early, 'good', at('2026-03-02T00:00:00Z'));
    expect(ids(queue(engine, { now: at('2026-03-02T00:00:00Z') }).items)).toEqual([late, later]);
    const dueAgain = queue(engine, { now: new Date(next.due) }).items.find((i) => i.nodeId === early);
    expect(dueAgain?.retrievability).toBeGreaterThan(0.9);

    engine.nodes.restore(trashed);
    expect(ids(queue(engine, { now: at('2026-03-02T00:00:00Z') }).items)[0]).toBe(trashed);
  });
});

describe('stats', () => {
  it('counts due now, due today, new, learning and review cards', () => {
    const now = at('2026-03-01T12:00:00Z');
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(note) as [string, string, string, string];
    enrol(engine, a, now); // new, due now
    enrol(engine, b, at('2026-03-01T11:00:00Z'));
    grade(engine, b, 'good', at('2026-03-01T11:00:00Z')); // learning, due 11:10
    enrol(engine, c, at('2026-02-28T00:00:00Z'));
    grade(engine, c, 'easy', at('2026-02-28T00:00:00Z')); // review, due in a week or more
    enrol(engine, d, at('2026-03-01T11:55:00Z'));
    grade(engine, d, 'again', at('2026-03-01T11:55:00Z')); // learning, due 11:56
    expect(stats(engine, { now })).toEqual({
      total: 4, dueNow: 3, dueToday: 3, new: 1, learning: 2, review: 1, nextDue: '2026-03-01T11:10:00.000Z', reviewedToday: 2,
    });
    // Where the day starts depends on the caller's clock: at UTC+12 2 March has just begun.
    expect(stats(engine, { now, timezoneOffsetMinutes: 12 * 60 }).reviewedToday).toBe(0);
  });
});

describe('handlers', () => {
  it('enrol, grade, queue and stats through the registry, with `now` as ISO text', async () => {
    const id = note('Handlers');
    const call = (name: string, input: unknown) => invoke(registry, engine, name, input);
    await call('review.enrol', { id, now: T0.toISOString() });
    const q = (await call('review.queue', { now: T0.toISOString() })) as { items: QueueItem[] };
    expect(q.items.map((i) => i.nodeId)).toEqual([id]);
    const g = (await call('review.grade', { id, rating: 'good', now: T0.toISOString() })) as { due: string };
    expect(new Date(g.due).getTime()).toBeGreaterThan(T0.getTime());
    await expect(call('review.grade', { id, rating: 'perfect' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(call('review.queue', { now: 'yesterday' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await call('review.stats', { now: T0.toISOString() })).toMatchObject({ total: 1, learning: 1 });
    expect(await call('review.unenrol', { id })).toEqual({ removed: true });
  });
});

describe('describeSpan', () => {
  it('says durations in their largest unit', () => {
    expect(describeSpan(30_000)).toBe('1 minute');
    expect(describeSpan(10 * 60_000)).toBe('10 minutes');
    expect(describeSpan(-5 * 3_600_000)).toBe('5 hours');
    expect(describeSpan(2 * DAY)).toBe('2 days');
  });
});
