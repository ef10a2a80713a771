/**
 * Day summaries and weekly recaps on a real library: written by the scheduler for every finished day and week,
 * caught up after days the app was closed, linked to their sources, searchable and on the timeline; never more
 * open than their sources; by a model when one is set (only from items it may see), else extractively.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempLibrary } from '../../../tests/helpers/temp-library';
import type { Engine } from '../engine/engine';
import { closeAllServers, openaiChat, serve } from '../ai/llm/test-support';
import { SummaryScheduler } from './scheduler';
import { summariseDay } from './summaries';
import { rebuildProfile, themesOf } from './themes';
import { day as timelineDay } from '../timeline/timeline';

let lib: Awaited<ReturnType<typeof openTempLibrary>>;
let engine: Engine;
const at = (iso: string) => ({ at: iso, source: 'user', confidence: 1 });

beforeEach(async () => {
  lib = await openTempLibrary({ detectOllama: async () => null });
  engine = lib.engine;
  engine.settings.set('summaries.offsetMinutes', 0);
  // Monday 2026-11-02 and Tuesday 2026-11-03; nothing on Wednesday.
  engine.nodes.create({ title: 'Harbour walk', body: 'Walked along the harbour and watched the ferries.', eventTime: at('2026-11-02T09:00:00Z'), aiUsage: 'chat' });
  engine.nodes.create({ title: 'Fish market', body: 'Bought mackerel at the fish market.', eventTime: at('2026-11-02T09:40:00Z'), aiUsage: 'train' });
  engine.nodes.create({ title: 'Therapy notes', body: 'PRIVATE-MARKER talked about the move.', eventTime: at('2026-11-02T17:00:00Z'), aiUsage: 'none' });
  engine.nodes.create({ title: 'Tax return', body: 'Filed the tax return online.', eventTime: at('2026-11-03T20:00:00Z'), aiUsage: 'chat' });
});
afterEach(async () => {
  await closeAllServers();
  await lib.cleanup();
});

describe('the scheduler', () => {
  it('writes each finished day and week once, and catches up after days the app was closed', async () => {
    const first = new SummaryScheduler(engine, { now: () => new Date('2026-11-04T10:00:00Z'), maxCatchUpDays: 10 });
    const made = await first.runDue();
    expect(made.map((r) => `${r.kind}:${r.period}:${r.mode}`)).toEqual(['day:2026-11-02:extractive', 'day:2026-11-03:extractive']);
    expect(await first.runDue()).toEqual([]); // nothing twice

    // The app was closed for a week; items were added meanwhile (say, by sync or import).
    engine.nodes.create({ title: 'Dentist', body: 'Check-up, all fine.', eventTime: at('2026-11-06T08:00:00Z'), aiUsage: 'chat' });
    const later = new SummaryScheduler(engine, { now: () => new Date('2026-11-12T07:00:00Z'), maxCatchUpDays: 30 });
    const caught = await later.runDue();
    expect(caught.map((r) => `${r.kind}:${r.period}`)).toEqual(['day:2026-11-06', 'week:2026-11-02']);
  });

  it('makes summary nodes linked to their sources, on the timeline and found by search', async () => {
    const r = await summariseDay(engine, '2026-11-02');
    const node = engine.nodes.get(r.nodeId!);
    expect(node.kind).toBe('summary');
    expect(node.body).toMatch(/Harbour walk/);
    expect(node.body).toMatch(/Fish market/);
    const sources = engine.db.prepare(`SELECT target_title FROM links WHERE source_id = ? AND kind = 'derived_from' ORDER BY target_title`).pluck().all(node.id);
    expect(sources).toEqual(['Fish market', 'Harbour walk', 'Therapy notes']);
    // The extractive digest quoted the AI-use-none note, so the summary is "none" too.
    expect(node.aiUsage).toBe('none');
    expect(timelineDay(engine, { day: '2026-11-02', offsetMinutes: 0 }).episodes.flatMap((e) => e.items.map((i) => i.kind))).toContain('summary');
    await engine.indexed();
    const hits = await engine.search.search({ query: 'Day summary mackerel', limit: 3, mode: 'keyword' });
    expect(hits.hits[0]?.node.id).toBe(node.id);
  });

  it('regenerates in place', async () => {
    const a = await summariseDay(engine, '2026-11-02');
    engine.nodes.create({ title: 'Evening swim', body: 'Swam in the cold sea.', eventTime: at('2026-11-02T19:00:00Z'), aiUsage: 'chat' });
    const b = await summariseDay(engine, '2026-11-02');
    expect(b.nodeId).toBe(a.nodeId);
    expect(engine.nodes.get(b.nodeId!).body).toMatch(/Evening swim/);
  });
});

describe('with a summaries model', () => {
  it('writes the summary from the items it may see only, and the result is as open as they are', async () => {
    const server = await serve(openaiChat({ tokens: ['A harbour morning ', 'with ferries [1] ', 'and mackerel [2].'] }));
    await engine.ai.setChoice('summaries', { provider: 'openai', baseUrl: `${server.baseUrl}/v1`, model: 'm' });
    const r = await summariseDay(engine, '2026-11-02');
    expect(r.mode).toBe('llm');
    expect(r.sources).toBe(2);
    const node = engine.nodes.get(r.nodeId!);
    expect(node.body).toMatch(/^A harbour morning with ferries \[1\] and mackerel \[2\]\./);
    expect(node.aiUsage).toBe('chat');
    const sent = JSON.stringify(server.requests.map((q) => q.body));
    expect(sent).toContain('watched the ferries');
    expect(sent).not.toContain('PRIVATE-MARKER');
    expect(sent).not.toContain('Therapy notes');
    expect(engine.ai.metering.summary().byFeature[0]).toMatchObject({ feature: 'summary.day', calls: 1 });
  });
});

describe('themes and profile', () => {
  it('gives a none note local themes without calling the model, and builds the profile from "train" items only', async () => {
    const server = await serve(openaiChat({ tokens: ['- Likes the sea and fish markets'] }));
    await engine.ai.setChoice('summaries', { provider: 'openai', baseUrl: `${server.baseUrl}/v1`, model: 'm' });
    const note = engine.nodes.create({
      title: 'Private plans',
      body: 'Sailing sailing sailing plans for the summer; sailing club, sailing boat, harbour harbour moorings and winds.',
      aiUsage: 'none',
    });
    const themes = await themesOf(engine, note.id);
    expect(themes.mode).toBe('local');
    expect(themes.themes[0]).toBe('sailing');
    expect(server.requests).toHaveLength(0);

    const profile = await rebuildProfile(engine);
    expect(profile).toMatchObject({ mode: 'llm', sources: 1, text: '- Likes the sea and fish markets' });
    const sent = JSON.stringify(server.requests.map((q) => q.body));
    expect(sent).toContain('mackerel'); // the one "train" item
    expect(sent).not.toContain('harbour and watched'); // "chat" items are for answers, not the profile
  });
});
