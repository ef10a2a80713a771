import { EventEmitter, once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/helpers/temp-library';
import type { EngineEvents } from '../../shared/events';
import { Engine } from './engine';
import { EventBus } from './event-bus';

const DIMS = 32;
const MODEL = 'test-embed';
const OPENAI_ID = `openai:${MODEL}@${DIMS}`;

/** A deterministic stand-in for an embedding model: a hashed bag of words, L2-normalised. */
function bagOfWords(text: string): number[] {
  const v = new Array<number>(DIMS).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    let h = 2166136261;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619) >>> 0;
    v[h % DIMS]! += h & 0x100 ? 1 : -1;
  }
  if (!v.some((x) => x !== 0)) v[0] = 1;
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

/**
 * A real HTTP server speaking the OpenAI embeddings wire format (POST /v1/embeddings). While held, requests are
 * accepted and left waiting; `release` answers them.
 */
async function fakeOpenAI() {
  const requests: { model: string; input: string[] }[] = [];
  const waiting: (() => void)[] = [];
  const signals = new EventEmitter();
  let held: false | { model?: string } = false;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/embeddings') {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
        return;
      }
      const body = JSON.parse(raw) as { model: string; input: string[]; encoding_format?: string };
      requests.push({ model: body.model, input: body.input });
      const answer = () => {
        if (res.destroyed) return;
        const tokens = body.input.reduce((n, t) => n + t.split(/\s+/).length, 0);
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            object: 'list',
            // Out of order on purpose: clients must use `index`.
            data: body.input.map((t, index) => ({ object: 'embedding', index, embedding: bagOfWords(t) })).reverse(),
            model: body.model,
            usage: { prompt_tokens: tokens, total_tokens: tokens },
          }),
        );
      };
      if (held && (!held.model || held.model === body.model)) {
        waiting.push(answer);
        signals.emit('held');
      } else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  let closed = false;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    /** Holds every request, or only those for `model`. */
    hold(model?: string) {
      held = { model };
    },
    release() {
      held = false;
      for (const answer of waiting.splice(0)) answer();
    },
    /** Resolves once a request is being held. */
    async heldRequest(): Promise<void> {
      if (waiting.length === 0) await once(signals, 'held');
    },
    async close() {
      if (closed) return;
      closed = true;
      held = false;
      waiting.splice(0);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function library(opts: { events?: EventBus } = {}) {
  const dir = tempDir('engram-engine-');
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const engine = await track(Engine.open({ library: dir, ...opts }));
  return { dir, engine };
}
async function track(opening: Promise<Engine>): Promise<Engine> {
  const engine = await opening;
  cleanups.push(() => engine.close());
  return engine;
}
async function server() {
  const s = await fakeOpenAI();
  cleanups.push(() => s.close());
  return s;
}

const NOTES = [
  { title: 'Garden', body: 'Planted tomatoes and basil in the raised beds; watered the seedlings.' },
  { title: 'Taxes', body: 'Quarterly tax return: invoices, receipts and deductions for the accountant.' },
  { title: 'Bread', body: 'Baked sourdough with rye flour after a long overnight proof.' },
  { title: 'Beach', body: 'Walked the dog along the beach; the puppy chased gulls.' },
  {
    title: 'Long read',
    body: Array.from({ length: 6 }, (_, i) => `## Part ${i}\n\n${`Section ${i} on lighthouses and their keepers. `.repeat(25)}`).join('\n\n'),
  },
];

function seed(engine: Engine) {
  return engine.nodes.createMany(NOTES);
}

/** Every chunk has a vector from `embedderId` (bookkeeping and the vec0 table agree), and nothing else has. */
function expectFullyEmbedded(engine: Engine, embedderId: string) {
  const chunks = engine.db.prepare('SELECT id FROM chunks ORDER BY id').pluck().all() as number[];
  expect(chunks.length).toBeGreaterThan(NOTES.length);
  const table = engine.vectors.get(embedderId)!.tableName;
  expect(engine.db.prepare(`SELECT rowid FROM ${table} ORDER BY rowid`).pluck().all()).toEqual(chunks);
  expect(engine.db.prepare('SELECT DISTINCT embedder_id FROM chunk_vectors').pluck().all()).toEqual([embedderId]);
  expect(engine.vectors.counts(embedderId)).toEqual({ total: chunks.length, done: chunks.length, pending: 0 });
}

const tableExists = (engine: Engine, name: string) =>
  engine.db.prepare(`SELECT 1 FROM sqlite_schema WHERE name = ?`).get(name) !== undefined;

function record<K extends keyof EngineEvents>(bus: EventBus, name: K): EngineEvents[K][] {
  const seen: EngineEvents[K][] = [];
  bus.on(name, (p) => seen.push(p));
  return seen;
}

/**
 * A seeded, fully embedded library in the middle of a switch to the fake OpenAI provider, which holds the
 * first embedding request so the switch cannot finish until the test releases it.
 */
async function heldSwitch(holdModel?: string) {
  const { dir, engine } = await library();
  seed(engine);
  await engine.indexed();
  const staticId = engine.embedderStatus.active!;
  const warnings = record(engine.events, 'engine.warning');
  const provider = await server();
  await engine.setEmbedder({ provider: 'openai', baseUrl: provider.baseUrl, model: MODEL });
  provider.hold(holdModel);
  await provider.heldRequest();
  return { dir, engine, staticId, provider, warnings };
}

describe('switching embedder', () => {
  it('re-embeds in the background while search keeps answering with the old vectors', async () => {
    const { engine } = await library();
    const [garden] = seed(engine);
    await engine.indexed();
    const staticId = engine.embedderStatus.active!;
    expect(staticId).toMatch(/^static:/);
    const staticTable = engine.vectors.get(staticId)!.tableName;
    expectFullyEmbedded(engine, staticId);
    const switches = record(engine.events, 'index.embedder');

    const provider = await server();
    await engine.setEmbedder({ provider: 'openai', baseUrl: provider.baseUrl, model: MODEL });
    provider.hold();
    await provider.heldRequest();

    // Mid-switch: the static embedder still answers, with semantic hits.
    expect(engine.embedderStatus).toMatchObject({ active: staticId, target: OPENAI_ID });
    expect(engine.embedderStatus.config).toEqual({ provider: 'openai', baseUrl: provider.baseUrl, model: MODEL });
    expect(engine.embedderStatus.progress).toMatchObject({ done: 0 });
    const during = await engine.search.search({ query: 'vegetable gardening' });
    expect(during.embedder).toBe(staticId);
    expect(during.hits[0]!.node.id).toBe(garden!.id);
    expect(during.hits[0]!.ranks.semantic).toBeDefined();
    expect(tableExists(engine, staticTable)).toBe(true);
    // Writes go on, and are searchable by keyword at once.
    const fresh = engine.nodes.create({ title: 'Kayak', body: 'Paddled the kayak around the headland.' });
    expect((await engine.search.search({ query: 'kayak', mode: 'keyword' })).hits.map((h) => h.node.id)).toEqual([fresh.id]);
    expect(switches.at(-1)).toEqual({ active: staticId, target: OPENAI_ID });

    provider.release();
    await engine.indexed();

    expect(engine.embedderStatus).toMatchObject({ active: OPENAI_ID, target: OPENAI_ID });
    expect(engine.settings.get('embedder.active')).toBe(OPENAI_ID);
    expect(engine.vectors.get(staticId)).toBeUndefined();
    expect(tableExists(engine, staticTable)).toBe(false);
    expectFullyEmbedded(engine, OPENAI_ID);
    expect(switches.at(-1)).toEqual({ active: OPENAI_ID, target: OPENAI_ID });
    expect(provider.requests.every((r) => r.model === MODEL)).toBe(true);

    // The new vectors answer queries (the stand-in model matches shared words).
    const after = await engine.search.search({ query: 'kayak headland', mode: 'semantic' });
    expect(after.embedder).toBe(OPENAI_ID);
    expect(after.hits[0]!.node.id).toBe(fresh.id);
    const hybrid = await engine.search.search({ query: 'sourdough rye' });
    expect(hybrid.hits[0]!.node.title).toBe('Bread');
    expect(hybrid.hits[0]!.ranks).toMatchObject({ keyword: 1, semantic: 1 });

    // New notes are embedded by the new provider.
    const later = engine.nodes.create({ title: 'Later', body: 'A note about the harbour crane.' });
    await engine.indexed();
    expectFullyEmbedded(engine, OPENAI_ID);
    expect(provider.requests.some((r) => r.input.some((t) => t.includes('harbour crane')))).toBe(true);
    expect((await engine.search.search({ query: 'harbour crane', mode: 'semantic' })).hits[0]!.node.id).toBe(later.id);
  });

  it('resumes a switch that was under way when the library closed', async () => {
    const { dir, engine, staticId, provider } = await heldSwitch();

    // Closing does not wait for the provider to answer.
    await engine.close();
    provider.release();

    const events = new EventBus();
    const switches = record(events, 'index.embedder');
    const warnings = record(events, 'engine.warning');
    const reopened = await track(Engine.open({ library: dir, events }));
    // Hold the resumed re-embed (its first request cannot have reached the server yet) to look at the midpoint.
    provider.hold();
    expect(reopened.embedderStatus).toMatchObject({ active: staticId, target: OPENAI_ID });
    await provider.heldRequest();
    const during = await reopened.search.search({ query: 'tomatoes basil', mode: 'semantic' });
    expect(during.embedder).toBe(staticId);
    expect(during.hits[0]!.node.title).toBe('Garden');

    provider.release();
    await reopened.indexed();
    expect(reopened.embedderStatus).toMatchObject({ active: OPENAI_ID, target: OPENAI_ID });
    expect(reopened.vectors.get(staticId)).toBeUndefined();
    expectFullyEmbedded(reopened, OPENAI_ID);
    expect(switches.at(-1)).toEqual({ active: OPENAI_ID, target: OPENAI_ID });
    expect(warnings).toEqual([]);
    const res = await reopened.search.search({ query: 'lighthouses keepers' });
    expect(res.embedder).toBe(OPENAI_ID);
    expect(res.hits[0]!.node.title).toBe('Long read');
    expect(res.hits[0]!.ranks.semantic).toBeDefined();
  });

  it('changing one\'s mind half way drops the abandoned partial vectors, without a warning', async () => {
    const { engine, staticId, provider, warnings } = await heldSwitch(MODEL);
    const abandonedTable = engine.vectors.get(OPENAI_ID)!.tableName;

    await engine.setEmbedder({ provider: 'openai', baseUrl: provider.baseUrl, model: 'other-embed' });
    expect(engine.embedderStatus).toMatchObject({ active: staticId, target: `openai:other-embed@${DIMS}` });
    expect(engine.vectors.get(OPENAI_ID)).toBeUndefined();
    expect(tableExists(engine, abandonedTable)).toBe(false);

    await engine.indexed();
    expect(engine.embedderStatus.active).toBe(`openai:other-embed@${DIMS}`);
    expect(engine.vectors.all().map((e) => e.id)).toEqual([`openai:other-embed@${DIMS}`]);
    expectFullyEmbedded(engine, `openai:other-embed@${DIMS}`);
    expect(warnings).toEqual([]);
  });

  it('going back to the answering embedder mid-switch keeps it and drops the partial vectors', async () => {
    const { engine, staticId, warnings } = await heldSwitch();

    await engine.setEmbedder({ provider: 'static' });
    expect(engine.embedderStatus).toMatchObject({ active: staticId, target: staticId });
    expect(engine.vectors.all().map((e) => e.id)).toEqual([staticId]);
    await engine.indexed();
    expectFullyEmbedded(engine, staticId);
    const res = await engine.search.search({ query: 'vegetable gardening', mode: 'semantic' });
    expect(res.hits[0]!.node.title).toBe('Garden');
    expect(warnings).toEqual([]);
  });

  it('a query being embedded when a switch completes is answered by the new embedder', async () => {
    const { engine } = await library();
    seed(engine);
    const provider = await server();
    await engine.setEmbedder({ provider: 'openai', baseUrl: provider.baseUrl, model: MODEL });
    await engine.indexed();
    expect(engine.embedderStatus.active).toBe(OPENAI_ID);

    // Back to the built-in embedder; the provider now holds every request, so the query below waits there.
    provider.hold();
    await engine.setEmbedder({ provider: 'static' });
    const searching = engine.search.search({ query: 'vegetable gardening' });
    await provider.heldRequest();
    // The switch completes and closes the OpenAI embedder, aborting the query's request.
    await engine.indexed();
    const staticId = engine.embedderStatus.active!;
    expect(staticId).toMatch(/^static:/);

    const res = await searching;
    expect(res.embedder).toBe(staticId);
    expect(res.hits[0]!.node.title).toBe('Garden');
    expect(res.hits[0]!.ranks.semantic).toBe(1);
  });

  it('choosing the current embedder again changes nothing', async () => {
    const { engine } = await library();
    seed(engine);
    await engine.indexed();
    const staticId = engine.embedderStatus.active!;
    await engine.setEmbedder({ provider: 'static' });
    await engine.indexed();
    expect(engine.embedderStatus).toMatchObject({ active: staticId, target: staticId });
    expectFullyEmbedded(engine, staticId);
    const res = await engine.search.search({ query: 'vegetable gardening', mode: 'semantic' });
    expect(res.hits[0]!.node.title).toBe('Garden');
  });
});

describe('a provider that is down', () => {
  it('when chosen: the choice is refused as provider_unavailable and nothing changes', async () => {
    const { engine } = await library();
    const provider = await server();
    await provider.close();
    const before = engine.embedderStatus;
    await expect(engine.setEmbedder({ provider: 'openai', baseUrl: provider.baseUrl, model: MODEL })).rejects.toMatchObject({
      code: 'provider_unavailable',
      message: expect.stringMatching(/could not start, so nothing was changed/),
    });
    expect(engine.embedderStatus).toEqual(before);
  });

  it('at open: warns, and keyword search still works', async () => {
    const { dir, engine } = await library();
    seed(engine);
    const provider = await server();
    await engine.setEmbedder({ provider: 'openai', baseUrl: provider.baseUrl, model: MODEL });
    await engine.indexed();
    expect(engine.embedderStatus.active).toBe(OPENAI_ID);
    await engine.close();
    await provider.close();

    const events = new EventBus();
    const warnings = record(events, 'engine.warning');
    const reopened = await track(Engine.open({ library: dir, events }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/could not start.*keywords/);
    expect(warnings[0]!.detail).toContain(provider.baseUrl);
    expect(reopened.embedderStatus.active).toBeNull();

    const res = await reopened.search.search({ query: 'sourdough rye' });
    expect(res.embedder).toBeNull();
    expect(res.hits.map((h) => h.node.title)).toEqual(['Bread']);
    expect(res.hits[0]!.ranks).toEqual({ keyword: 1 });
    // The library is fully usable otherwise.
    const n = reopened.nodes.create({ title: 'Offline', body: 'Written while the provider was down.' });
    expect((await reopened.search.search({ query: 'provider down' })).hits[0]!.node.id).toBe(n.id);
    await reopened.indexed();
  });

  it('while open: hybrid search falls back to keywords, semantic search says why it cannot answer', async () => {
    const { engine } = await library();
    seed(engine);
    const provider = await server();
    await engine.setEmbedder({ provider: 'openai', baseUrl: provider.baseUrl, model: MODEL });
    await engine.indexed();
    expect((await engine.search.search({ query: 'sourdough rye' })).embedder).toBe(OPENAI_ID);
    await provider.close();

    const res = await engine.search.search({ query: 'sourdough rye' });
    expect(res.embedder).toBeNull();
    expect(res.hits.map((h) => h.node.title)).toEqual(['Bread']);
    expect(res.hits[0]!.ranks).toEqual({ keyword: 1 });
    await expect(engine.search.search({ query: 'sourdough rye', mode: 'semantic' })).rejects.toMatchObject({
      code: 'provider_unavailable',
      message: expect.stringContaining(provider.baseUrl),
    });
  });

  it('in the middle of a switch: warns, and the old embedder keeps answering', async () => {
    const { dir, engine, staticId, provider } = await heldSwitch();
    await engine.close();
    await provider.close();

    const events = new EventBus();
    const warnings = record(events, 'engine.warning');
    const reopened = await track(Engine.open({ library: dir, events }));
    expect(warnings.map((w) => w.message)).toEqual([expect.stringMatching(/could not start/)]);
    expect(reopened.embedderStatus.active).toBe(staticId);
    const res = await reopened.search.search({ query: 'vegetable gardening' });
    expect(res.embedder).toBe(staticId);
    expect(res.hits[0]!.node.title).toBe('Garden');
    expect(res.hits[0]!.ranks.semantic).toBe(1);
    // New notes still get vectors from the embedder that answers.
    const n = reopened.nodes.create({ title: 'Fishing', body: 'Caught trout in the river.' });
    await reopened.indexed();
    expect(reopened.vectors.counts(staticId).pending).toBe(0);
    expect((await reopened.search.search({ query: 'trout river', mode: 'semantic' })).hits[0]!.node.id).toBe(n.id);
  });
});
