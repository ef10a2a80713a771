import { beforeEach, describe, expect, it } from 'vitest';
import { useTempLibrary } from '../../../tests/helpers/temp-library';
import type { Engine } from '../engine/engine';
import { invoke } from '../engine/handlers';
import { registry } from '../engine/registry';
import { addBookmark } from './bookmarks';
import { enrol, grade, getCard, REVIEW_SETTINGS_KEY } from './fsrs';
import { related, type RelatedResponse } from './recommend';

let engine: Engine;

const T0 = new Date('2026-03-01T09:00:00.000Z');
const DAY = 86_400_000;

const ids: Record<string, string> = {};

const SOURDOUGH = 'Sourdough bread baking: feed the starter, knead the dough, let the loaf rise overnight and bake it in a hot oven';
const BICYCLE = 'Bicycle repair: fix a flat tyre, adjust the brakes and oil the chain of your bike';
const TAXES = 'Filing your tax return: income tax deductions, receipts and deadlines for the tax office';

async function seed(): Promise<void> {
  ids.sourdough = addBookmark(engine, { url: 'https://bread.example.com/sourdough', title: 'Sourdough baking guide', note: SOURDOUGH }).node.id;
  ids.bicycle = addBookmark(engine, { url: 'https://bikes.example.com/repair', title: 'Bicycle repair manual', note: BICYCLE }).node.id;
  ids.taxes = addBookmark(engine, { url: 'https://tax.example.com/returns', title: 'Tax return checklist', note: TAXES }).node.id;
  ids.chain = engine.nodes.create({ title: 'Chain maintenance', body: 'Clean and lubricate the bicycle chain every few hundred kilometres; replace worn sprockets.' }).id;
  ids.receipts = engine.nodes.create({ title: 'Deductible receipts', body: 'Keep receipts for tax deductions: donations, work equipment, accountant fees.' }).id;
  ids.photo = engine.nodes.create({ kind: 'photo', title: 'Fresh sourdough loaf', body: 'A photo of bread from the oven.' }).id;
}

const writing = 'Tonight I am baking bread: the sourdough starter is bubbly, so I will knead the dough and bake a loaf in the oven.';

describe('related', () => {
  useTempLibrary((e) => {
    engine = e;
    e.settings.set(REVIEW_SETTINGS_KEY, { enableFuzz: false });
  });
  beforeEach(async () => {
    await seed();
    await engine.indexed();
  });

  it('ranks the bookmark on the topic being written about first, and says why', async () => {
    const { items, embedder } = await related(engine, { text: writing, now: T0 });
    expect(embedder).toBeTruthy();
    expect(items[0]).toMatchObject({
      nodeId: ids.sourdough,
      kind: 'bookmark',
      url: 'https://bread.example.com/sourdough',
      similarity: 1,
      urgency: 0,
      review: null,
    });
    expect(items[0]!.reason).toMatch(/similar to what you are writing/i);
    expect(items[0]!.score).toBeCloseTo(0.7, 5);
    // Only bookmarks and notes are recommended; scores never increase down the list.
    expect(items.map((i) => i.nodeId)).not.toContain(ids.photo);
    for (let i = 1; i < items.length; i++) expect(items[i]!.score).toBeLessThanOrEqual(items[i - 1]!.score);

    const bikes = await related(engine, { text: 'My bike has a flat tyre and the chain squeaks; time to repair it.', now: T0 });
    expect([ids.bicycle, ids.chain]).toContain(bikes.items[0]!.nodeId);
    expect(bikes.items.slice(0, 2).map((i) => i.nodeId).sort()).toEqual([ids.bicycle, ids.chain].sort());
  });

  it('puts an overdue enrolled item above an equally similar one not enrolled', async () => {
    // Twins: the same title and text, so the same similarity; only review urgency tells them apart.
    const make = () =>
      engine.nodes.create({ title: 'Kimchi fermentation', body: 'Salt the napa cabbage, add chili paste and ferment the kimchi in a jar.' }).id;
    const enrolled = make();
    const plain = make();
    await engine.indexed();
    enrol(engine, enrolled, T0);
    let due = new Date(grade(engine, enrolled, 'good', T0).due);
    due = new Date(grade(engine, enrolled, 'good', due).due);
    expect(getCard(engine, enrolled)!.state).toBe('review');

    const text = 'Fermenting cabbage into kimchi with salt and chili in a jar.';
    const late = new Date(due.getTime() + 3 * DAY);
    const { items } = await related(engine, { text, now: late });
    const twin = (id: string) => items.find((i) => i.nodeId === id)!;
    expect(twin(enrolled).similarity).toBeCloseTo(twin(plain).similarity, 6);
    expect(items[0]!.nodeId).toBe(enrolled);
    expect(items[1]!.nodeId).toBe(plain);
    expect(twin(enrolled)).toMatchObject({ urgency: 1, review: { state: 'review' } });
    expect(twin(enrolled).reason).toBe('Similar to what you are writing; overdue for review by 3 days');
    expect(twin(plain).reason).toBe('Similar to what you are writing');

    // Just reviewed, it is not pressing: the urgency is near 0 and the reason says when it is due.
    const fresh = new Date(grade(engine, enrolled, 'good', late).due);
    const after = await related(engine, { text, now: late });
    expect(twin(enrolled).urgency).toBe(1);
    const again = after.items.find((i) => i.nodeId === enrolled)!;
    expect(again.urgency).toBeLessThan(0.01);
    expect(again.reason).toMatch(/^Similar to what you are writing; due for review in \d+ days$/);
    expect(again.review?.due).toBe(fresh.toISOString());
  });

  it('leaves out the node being written and trashed nodes', async () => {
    const draft = engine.nodes.create({ title: 'Draft about bread', body: writing }).id;
    await engine.indexed();
    const withDraft = await related(engine, { text: writing, now: T0 });
    expect(withDraft.items[0]!.nodeId).toBe(draft);

    const without = await related(engine, { text: writing, excludeId: draft, now: T0 });
    expect(without.items.map((i) => i.nodeId)).not.toContain(draft);
    expect(without.items[0]!.nodeId).toBe(ids.sourdough);

    engine.nodes.trash(ids.sourdough!);
    const trashed = await related(engine, { text: writing, excludeId: draft, now: T0 });
    expect(trashed.items.map((i) => i.nodeId)).not.toContain(ids.sourdough);
  });

  it('includes private and AI-restricted items: it is the owner looking', async () => {
    const secret = engine.nodes.create({
      title: 'Grandma rye sourdough', body: 'Rye sourdough bread: starter, dough, bake the loaf in the oven.', privacyLevel: 'private', aiUsage: 'none',
    }).id;
    await engine.indexed();
    const { items } = await related(engine, { text: writing, now: T0 });
    expect(items.map((i) => i.nodeId)).toContain(secret);
  });

  it('respects the limit and answers nothing for empty text', async () => {
    expect((await related(engine, { text: writing, limit: 1, now: T0 })).items).toHaveLength(1);
    expect(await related(engine, { text: '   ' })).toEqual({ items: [], embedder: null });
  });

  it('carries the raw cosine, and leaves out what is below `minCosine`', async () => {
    const { items } = await related(engine, { text: writing, now: T0 });
    expect(items[0]!.cosine).toBeGreaterThan(0.5);
    const unrelated = 'Quantum chromodynamics describes gluon fields binding quarks.';
    expect((await related(engine, { text: unrelated, now: T0 })).items.length).toBeGreaterThan(0);
    expect((await related(engine, { text: unrelated, minCosine: 0.4, now: T0 })).items).toEqual([]);
    expect((await related(engine, { text: writing, minCosine: 0.4, now: T0 })).items[0]!.nodeId).toBe(ids.sourdough);
  });

  it('is a handler', async () => {
    const out = (await invoke(registry, engine, 'recommend.related', { text: writing, limit: 3 })) as RelatedResponse;
    expect(out.items[0]!.nodeId).toBe(ids.sourdough);
    expect(out.items.length).toBeLessThanOrEqual(3);
    await expect(invoke(registry, engine, 'recommend.related', { text: writing, limit: 0 })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('related before anything is embedded', () => {
  useTempLibrary((e) => (engine = e), { paused: true });

  it('ranks by keywords instead', async () => {
    await seed();
    const { items, embedder } = await related(engine, { text: writing, now: T0 });
    expect(embedder).toBeNull();
    expect(items[0]).toMatchObject({ nodeId: ids.sourdough, similarity: 1, cosine: null });
    expect(items[0]!.reason).toMatch(/similar/i);
    expect(items.map((i) => i.nodeId)).not.toContain(ids.photo);
  });
});
