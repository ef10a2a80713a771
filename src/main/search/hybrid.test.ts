import { beforeEach, describe, expect, it } from 'vitest';
import { useTempLibrary } from '../../../tests/helpers/temp-library';
import type { Engine } from '../engine/engine';
import type { NodeCreate, SearchHit, SearchInput } from '../../shared/schemas';
import { SearchService } from './hybrid';

let engine: Engine;
useTempLibrary((e) => (engine = e));

const ids = (hits: SearchHit[]) => new Set(hits.map((h) => h.node.id));
const search = (input: SearchInput) => engine.search.search(input);
const at = (iso: string) => ({ at: iso });

/** Chunk ids of a node, and which of them have a vector from the active embedder. */
function chunkState(nodeId: string) {
  const chunks = engine.db.prepare('SELECT id FROM chunks WHERE node_id = ? ORDER BY ordinal').pluck().all(nodeId) as number[];
  const active = engine.activeEmbedder()!;
  const table = engine.vectors.get(active.id)!.tableName;
  const marked = engine.db
    .prepare(`SELECT chunk_id FROM chunk_vectors WHERE embedder_id = ? AND chunk_id IN (${chunks.join(',') || 'NULL'})`)
    .pluck()
    .all(active.id) as number[];
  const stored = engine.db
    .prepare(`SELECT rowid FROM ${table} WHERE rowid IN (${chunks.join(',') || 'NULL'})`)
    .pluck()
    .all() as number[];
  return { chunks, marked: marked.sort(), stored: stored.sort() };
}

describe('search filters', () => {
  interface Fixture {
    id: string;
    kind: string;
    tags: string[];
    privacy: string;
    memoryType: string | null;
    when: string;
  }
  let made: Map<string, Fixture & { key: string }>;
  let folderId: string;

  beforeEach(async () => {
    made = new Map();
    const add = (key: string, input: NodeCreate) => {
      const n = engine.nodes.create(input);
      made.set(key, {
        key, id: n.id, kind: n.kind, tags: n.tags, privacy: n.privacyLevel, memoryType: n.memoryType,
        when: n.eventTime?.at ?? n.createdAt,
      });
      return n;
    };
    add('note', {
      title: 'Aurora over the fjord', body: 'Green aurora bands over the fjord at midnight.', tags: ['sky'],
      memoryType: 'semantic', eventTime: at('2024-01-10T22:00:00.000Z'), createdAt: '2024-01-11T08:00:00.000Z',
    });
    add('journal', {
      kind: 'journal', title: 'Trip diary', body: 'We chased the aurora by car all night.', tags: ['sky', 'trip'],
      privacyLevel: 'circles', memoryType: 'episodic', eventTime: at('2024-02-10T23:00:00.000Z'),
      createdAt: '2024-02-11T09:00:00.000Z',
    });
    add('memory', {
      kind: 'memory', title: 'How to photograph an aurora', body: 'Aurora photos: wide lens, ISO 3200, 8 second exposure.',
      privacyLevel: 'public', memoryType: 'procedural', createdAt: '2024-03-10T12:00:00.000Z',
    });
    const folder = add('folder', { kind: 'folder', title: 'Aurora trips', createdAt: '2024-04-01T12:00:00.000Z' });
    folderId = folder.id;
    const child = add('child', {
      parentId: folder.id, title: 'Tromsø', body: 'Aurora forecast for Tromsø was strong.', tags: ['trip'],
      createdAt: '2024-04-02T12:00:00.000Z',
    });
    add('grandchild', {
      parentId: child.id, title: 'Tromsø hotel', body: 'The hotel had an aurora wake-up call.',
      createdAt: '2024-04-03T12:00:00.000Z',
    });
    // Nodes that pass various filters but never mention the keyword: semantic hits may bring them in, and the
    // filters must hold for them too.
    add('other-note', { title: 'Groceries', body: 'Milk, eggs and bread.', tags: ['sky'], createdAt: '2024-01-12T12:00:00.000Z' });
    add('other-journal', {
      kind: 'journal', title: 'Monday', body: 'Long meeting about budgets.', privacyLevel: 'circles', memoryType: 'episodic',
      createdAt: '2024-02-12T12:00:00.000Z',
    });
    const trashed = add('trashed', {
      title: 'Aurora draft', body: 'An aurora note that went to the trash.', tags: ['sky', 'trip'], memoryType: 'semantic',
      privacyLevel: 'public', createdAt: '2024-01-15T12:00:00.000Z', parentId: folder.id,
    });
    engine.nodes.trash(trashed.id);
    await engine.indexed();
  });

  const key = (id: string) => [...made.values()].find((m) => m.id === id)?.key ?? `unknown ${id}`;
  const keysOf = (hits: SearchHit[]) => [...ids(hits)].map(key).sort();
  const subtree = () => new Set(['folder', 'child', 'grandchild', 'trashed'].map((k) => made.get(k)!.id));

  const cases: {
    name: string;
    filters: SearchInput['filters'];
    keep: (f: Fixture & { key: string }) => boolean;
    keyword: string[];
  }[] = [
    { name: 'kinds', filters: { kinds: ['journal', 'memory'] }, keep: (f) => ['journal', 'memory'].includes(f.kind), keyword: ['journal', 'memory'] },
    { name: 'tags (all of them)', filters: { tags: ['sky', 'trip'] }, keep: (f) => f.tags.includes('sky') && f.tags.includes('trip'), keyword: ['journal'] },
    { name: 'one tag, any case', filters: { tags: ['TRIP'] }, keep: (f) => f.tags.includes('trip'), keyword: ['child', 'journal'] },
    { name: 'privacy levels', filters: { privacyLevels: ['circles', 'public'] }, keep: (f) => f.privacy !== 'private', keyword: ['journal', 'memory'] },
    { name: 'memory types', filters: { memoryTypes: ['semantic', 'procedural'] }, keep: (f) => f.memoryType === 'semantic' || f.memoryType === 'procedural', keyword: ['memory', 'note'] },
    {
      name: 'from/to (event time, else creation time; end exclusive)',
      filters: { from: '2024-02-10T23:00:00.000Z', to: '2024-04-02T12:00:00.000Z' },
      keep: (f) => f.when >= '2024-02-10T23:00:00.000Z' && f.when < '2024-04-02T12:00:00.000Z',
      keyword: ['folder', 'journal', 'memory'],
    },
    { name: 'parent subtree', filters: { parentId: '$folder' }, keep: (f) => subtree().has(f.id), keyword: ['child', 'folder', 'grandchild'] },
    {
      name: 'combined',
      filters: { parentId: '$folder', tags: ['trip'], from: '2024-04-01T00:00:00.000Z' },
      keep: (f) => subtree().has(f.id) && f.tags.includes('trip') && f.when >= '2024-04-01T00:00:00.000Z',
      keyword: ['child'],
    },
  ];

  it.each(cases)('$name: keyword hits are exactly the matching nodes', async ({ filters, keyword }) => {
    const f = { ...filters, ...(filters?.parentId ? { parentId: folderId } : {}) };
    const res = await search({ query: 'aurora', mode: 'keyword', filters: f, limit: 50 });
    expect(keysOf(res.hits)).toEqual(keyword);
    expect(res.hits.every((h) => h.ranks.keyword !== undefined && h.ranks.semantic === undefined)).toBe(true);
  });

  it.each(cases)('$name: hybrid and semantic hits all pass the filter too', async ({ filters, keep, keyword }) => {
    const f = { ...filters, ...(filters?.parentId ? { parentId: folderId } : {}) };
    for (const mode of ['hybrid', 'semantic'] as const) {
      const res = await search({ query: 'aurora borealis northern lights', mode, filters: f, limit: 50 });
      expect(res.embedder).toBe(engine.activeEmbedder()!.id);
      const failing = res.hits.filter((h) => !keep(made.get(key(h.node.id))!));
      expect(failing.map((h) => key(h.node.id))).toEqual([]);
      // The vector list answers within the filter (unrelated neighbours fall under the similarity floor).
      expect(res.hits.length).toBeGreaterThan(0);
      if (mode === 'hybrid') for (const k of keyword) expect(keysOf(res.hits)).toContain(k);
    }
  });

  it('never returns trashed nodes, in any mode or listing, and returns them once restored', async () => {
    const trashed = made.get('trashed')!.id;
    const queries: SearchInput[] = [
      { query: 'aurora draft trash', mode: 'keyword', limit: 50 },
      { query: 'aurora draft trash', mode: 'semantic', limit: 50 },
      { query: 'aurora draft trash', mode: 'hybrid', limit: 50 },
      { query: 'aurora', filters: { tags: ['sky', 'trip'], memoryTypes: ['semantic'] }, limit: 50 },
      { query: 'January 2024', limit: 50 },
    ];
    for (const q of queries) expect(ids((await search(q)).hits).has(trashed), JSON.stringify(q)).toBe(false);

    engine.nodes.restore(trashed);
    for (const q of queries) expect(ids((await search(q)).hits).has(trashed), JSON.stringify(q)).toBe(true);
  });
});

describe('filters over a large share of a bigger library', () => {
  it('hold on the vector path that scans first and filters after', async () => {
    // Over 2,000 candidate chunks: the vector list takes the vec0 scan with an over-fetch instead of an exact scan.
    const words = ['harbour', 'orchard', 'glacier', 'bakery', 'violin', 'comet', 'lantern', 'meadow'];
    engine.nodes.createMany(
      Array.from({ length: 2400 }, (_, i) => ({
        title: `Entry ${i}`,
        body: `${words[i % words.length]} ${words[(i * 3) % words.length]} entry number ${i}`,
        kind: i % 10 === 0 ? ('journal' as const) : ('note' as const),
        tags: i % 10 === 0 ? ['tenth'] : [],
      })),
    );
    const trashed = engine.nodes.create({ title: 'Trashed harbour', body: 'harbour harbour harbour orchard' });
    engine.nodes.trash(trashed.id);
    await engine.indexed();
    const noteChunks = engine.db
      .prepare(`SELECT count(*) FROM chunks c JOIN nodes n ON n.id = c.node_id WHERE n.kind = 'note' AND n.deleted_at IS NULL`)
      .pluck()
      .get() as number;
    expect(noteChunks).toBeGreaterThan(2000);

    const notes = await search({ query: 'harbour orchard', mode: 'semantic', filters: { kinds: ['note'] }, limit: 40 });
    expect(notes.hits.length).toBeGreaterThan(10);
    expect(notes.hits.every((h) => h.node.kind === 'note')).toBe(true);
    expect(ids(notes.hits).has(trashed.id)).toBe(false);

    const journals = await search({ query: 'harbour orchard', mode: 'semantic', filters: { tags: ['tenth'] }, limit: 40 });
    expect(journals.hits).toHaveLength(40);
    expect(journals.hits.every((h) => h.node.kind === 'journal' && h.node.tags.includes('tenth'))).toBe(true);

    const hybrid = await search({ query: 'glacier', filters: { kinds: ['note'] }, limit: 100 });
    expect(hybrid.hits).toHaveLength(100);
    expect(hybrid.hits.every((h) => h.node.kind === 'note')).toBe(true);
  });
});

describe('freshness', () => {
  it('a kind filter follows a node whose kind changed, inside the vector scan', async () => {
    const n = engine.nodes.create({ kind: 'note', title: 'Orchard', body: 'Pruning the apple trees before the frost.' });
    engine.nodes.create({ kind: 'memory', body: 'The dentist moved to Tuesday.' });
    await engine.indexed();
    const memories = () => search({ query: 'apple orchard pruning', mode: 'semantic', filters: { kinds: ['memory'] }, limit: 10 });
    expect(ids((await memories()).hits).has(n.id)).toBe(false);
    engine.nodes.update({ id: n.id, kind: 'memory' });
    const after = await memories();
    expect(after.hits[0]!.node.id).toBe(n.id);
    expect(after.hits.every((h) => h.node.kind === 'memory')).toBe(true);
  });

  it('finds a note by keyword the moment it is created, and by meaning once indexed', async () => {
    engine.nodes.create({ title: 'Tax', body: 'Quarterly tax return: invoices, receipts and deductions for the accountant.' });
    engine.nodes.create({ title: 'Bread', body: 'Baked sourdough with rye flour after a long overnight proof.' });
    const dog = engine.nodes.create({ title: 'Beach walk', body: 'Walked the dog along the beach; the puppy chased gulls and fetched sticks.' });
    // Nothing has been embedded yet: the write committed only chunks and their full-text rows.
    expect(chunkState(dog.id).marked).toEqual([]);

    const byWord = await search({ query: 'puppy', mode: 'keyword' });
    expect(byWord.hits.map((h) => h.node.id)).toEqual([dog.id]);
    const hybrid = await search({ query: 'puppy gulls' });
    expect(hybrid.hits[0]!.node.id).toBe(dog.id);
    expect(hybrid.hits[0]!.ranks.keyword).toBe(1);

    await engine.indexed();
    const state = chunkState(dog.id);
    expect(state.marked).toEqual(state.chunks);
    expect(state.stored).toEqual(state.chunks);
    // No word of the query is in the note.
    const byMeaning = await search({ query: 'pets animals', mode: 'semantic' });
    expect(byMeaning.hits[0]!.node.id).toBe(dog.id);
    expect((await search({ query: 'pets animals', mode: 'keyword' })).hits).toEqual([]);
    const mixed = await search({ query: 'pets animals' });
    expect(mixed.hits[0]!.node.id).toBe(dog.id);
    expect(mixed.hits[0]!.ranks).toEqual({ semantic: 1 });
  });

  it('re-chunks an edited note: the old text stops matching and the new chunks get vectors', async () => {
    const other = engine.nodes.create({ title: 'Kitchen', body: 'Recipes for lentil soup and flatbread.' });
    const n = engine.nodes.create({ title: 'Island animals', body: 'The quokka smiles for photos on Rottnest.' });
    await engine.indexed();
    const before = chunkState(n.id);
    expect(before.marked).toEqual(before.chunks);
    expect((await search({ query: 'quokka', mode: 'keyword' })).hits.map((h) => h.node.id)).toEqual([n.id]);

    engine.nodes.update({ id: n.id, body: 'A wombat digs burrows under the gum trees.\n\n## Later\n\nIt sleeps all day.' });

    const after = chunkState(n.id);
    expect(after.chunks.some((id) => before.chunks.includes(id))).toBe(false);
    const texts = engine.db.prepare('SELECT text FROM chunks WHERE node_id = ?').pluck().all(n.id) as string[];
    expect(texts.join(' ')).not.toMatch(/quokka/);
    expect(texts.join(' ')).toMatch(/wombat/);
    // The old chunks' vectors went with them; the new chunks wait for theirs.
    const oldTable = engine.vectors.get(engine.activeEmbedder()!.id)!.tableName;
    const oldLeft = engine.db
      .prepare(`SELECT count(*) FROM ${oldTable} WHERE rowid IN (${before.chunks.join(',')})`)
      .pluck()
      .get();
    expect(oldLeft).toBe(0);
    expect(after.marked).toEqual([]);

    expect((await search({ query: 'quokka', mode: 'keyword' })).hits).toEqual([]);
    const wombat = await search({ query: 'wombat', mode: 'keyword' });
    expect(wombat.hits.map((h) => h.node.id)).toEqual([n.id]);
    expect(after.chunks).toContain(wombat.hits[0]!.chunk.id);

    await engine.indexed();
    const refreshed = chunkState(n.id);
    expect(refreshed.chunks).toEqual(after.chunks);
    expect(refreshed.marked).toEqual(after.chunks);
    expect(refreshed.stored).toEqual(after.chunks);
    // The vector list now answers with the new chunks only.
    const semantic = await search({ query: 'wombat burrows', mode: 'semantic', limit: 10 });
    const hit = semantic.hits.find((h) => h.node.id === n.id)!;
    expect(after.chunks).toContain(hit.chunk.id);
    expect(semantic.hits[0]!.node.id).toBe(n.id);
    // The unrelated note is not dragged in just for being a neighbour.
    expect(ids(semantic.hits).has(other.id)).toBe(false);
  });
});

describe('date phrases', () => {
  // Sunday 19 May 2024, noon UTC: "yesterday" is Saturday the 18th, "last week" is Monday 6 to Sunday 12 May.
  const fixedNow = new Date('2024-05-19T12:00:00.000Z');
  let service: SearchService;
  let n: Record<string, string>;

  beforeEach(async () => {
    service = new SearchService({
      db: engine.db,
      vectors: engine.vectors,
      queryEmbedder: () => engine.activeEmbedder(),
      now: () => fixedNow,
    });
    const make = (title: string, body: string, when: string) =>
      engine.nodes.create({ title, body, eventTime: at(when) }).id;
    n = {
      morning: make('Pond', 'A grey heron stood at the pond in the morning.', '2024-05-18T09:00:00.000Z'),
      dentist: make('Dentist', 'Dentist appointment, filling replaced.', '2024-05-18T15:00:00.000Z'),
      evening: make('Evening', 'The heron flew off over the reeds at dusk.', '2024-05-18T20:00:00.000Z'),
      tenDays: make('Nest', 'Herons building a nest in the alder.', '2024-05-09T10:00:00.000Z'),
      today: make('Today', 'No heron this morning, only ducks.', '2024-05-19T08:00:00.000Z'),
      april: make('April', 'First heron of the spring.', '2024-04-01T10:00:00.000Z'),
    };
    // Created now, with no event time: far outside every range below.
    n.undated = engine.nodes.create({ title: 'Undated', body: 'A heron drawing.' }).id;
    await engine.indexed();
  });

  const q = (query: string, extra: Partial<SearchInput> = {}) =>
    service.search({ query, timezoneOffsetMinutes: 0, limit: 50, ...extra });
  const names = (hits: SearchHit[]) => hits.map((h) => Object.keys(n).find((k) => n[k] === h.node.id)!);

  it('"yesterday" restricts matches to that day and reports the range', async () => {
    const res = await q('heron yesterday', { mode: 'keyword' });
    expect(names(res.hits).sort()).toEqual(['evening', 'morning']);
    expect(res.interpreted).toEqual({
      text: 'heron',
      range: { from: '2024-05-18T00:00:00.000Z', to: '2024-05-19T00:00:00.000Z', phrase: 'yesterday' },
    });
    // Hybrid: the vector list is held to the same day.
    const hybrid = await q('heron yesterday');
    // Only that day's nodes; the unrelated one of that day may fall under the similarity floor.
    expect(['dentist', 'evening', 'morning']).toEqual(expect.arrayContaining(names(hybrid.hits)));
    expect(names(hybrid.hits)).toEqual(expect.arrayContaining(['evening', 'morning']));
    expect(hybrid.hits.filter((h) => h.ranks.keyword !== undefined).map((h) => h.node.id).sort()).toEqual([n.evening, n.morning].sort());
  });

  it('"last week" is the previous calendar week', async () => {
    const res = await q('herons last week');
    expect(names(res.hits)).toEqual(['tenDays']);
    expect(res.interpreted).toEqual({
      text: 'herons',
      range: { from: '2024-05-06T00:00:00.000Z', to: '2024-05-13T00:00:00.000Z', phrase: 'last week' },
    });
  });

  it('the asker\'s time zone moves the day boundaries', async () => {
    // At UTC+10 it is already the evening of 19 May; yesterday is 18 May from 14:00 UTC on the 17th.
    const res = await q('heron yesterday', { mode: 'keyword', timezoneOffsetMinutes: 600 });
    expect(res.interpreted.range).toMatchObject({ from: '2024-05-17T14:00:00.000Z', to: '2024-05-18T14:00:00.000Z' });
    expect(names(res.hits)).toEqual(['morning']);
  });

  it('a query that is only a date lists that day, newest first', async () => {
    const res = await q('yesterday');
    expect(names(res.hits)).toEqual(['evening', 'dentist', 'morning']);
    expect(res.interpreted.text).toBe('');
    expect(res.hits.every((h) => h.ranks.keyword === undefined && h.ranks.semantic === undefined)).toBe(true);
    expect(names((await q('May 9 2024')).hits)).toEqual(['tenDays']);
  });

  it('without a date phrase, or with date parsing off, nothing is filtered by date', async () => {
    const all = await q('heron', { mode: 'keyword' });
    expect(names(all.hits).sort()).toEqual(['april', 'evening', 'morning', 'tenDays', 'today', 'undated']);
    expect(all.interpreted.range).toBeUndefined();
    const literal = await q('heron yesterday', { mode: 'keyword', parseDates: false });
    expect(literal.interpreted).toEqual({ text: 'heron yesterday' });
    expect(names(literal.hits).length).toBeGreaterThan(2);
  });

  it('the engine\'s own search uses the real clock: 2024 is not "yesterday"', async () => {
    expect((await engine.search.search({ query: 'heron yesterday', mode: 'keyword' })).hits).toEqual([]);
  });
});

describe('snippets', () => {
  it('escape HTML in note text and mark the matched words', async () => {
    const n = engine.nodes.create({
      title: 'Logs',
      body: `Warning: <script>alert('pwned')</script> appeared in the zebra logs & then "vanished".`,
    });
    const res = await search({ query: 'zebra log', mode: 'keyword' });
    expect(res.hits.map((h) => h.node.id)).toEqual([n.id]);
    const { snippet } = res.hits[0]!;
    expect(snippet).not.toContain('<script');
    expect(snippet).toContain('&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;');
    expect(snippet).toContain('<mark>zebra</mark> <mark>logs</mark> &amp; then &quot;vanished&quot;.');
    expect(snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);

    const script = await search({ query: 'script', mode: 'keyword' });
    expect(script.hits[0]!.snippet).toContain('&lt;<mark>script</mark>&gt;');
    // The chunk itself keeps the raw text; only the snippet is HTML.
    expect(script.hits[0]!.chunk.text).toContain(`<script>alert('pwned')</script>`);
  });

  it('show the part of a long chunk around the match', async () => {
    const filler = 'plain words without the thing we want. '.repeat(30);
    engine.nodes.create({ title: 'Long', body: `${filler}Here the narwhal surfaced. ${filler}` });
    const [hit] = (await search({ query: 'narwhal', mode: 'keyword' })).hits;
    expect(hit!.snippet.startsWith('…')).toBe(true);
    expect(hit!.snippet.endsWith('…')).toBe(true);
    expect(hit!.snippet).toContain('the <mark>narwhal</mark> surfaced');
    expect(hit!.snippet.length).toBeLessThan(300);
  });
});
