import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempLibrary } from '../../../tests/helpers/temp-library';
import { invoke } from '../engine/handlers';
import { registry } from '../engine/registry';
import type { Engine } from '../engine/engine';
import type { JournalPageDTO } from '../../shared/journal';
import type { NodeDTO } from '../../shared/schemas';

let engine: Engine;
let dir: string;
useTempLibrary((e, d) => ((engine = e), (dir = d)));

const call = <T>(name: string, input: unknown) => invoke(registry, engine, name, input) as Promise<T>;
const today = (input: unknown) => call<NodeDTO>('journal.today', input);
const list = (input: unknown) => call<JournalPageDTO>('journal.list', input);

describe('journal.today', () => {
  it("creates the day's entry once, private, titled by the day, at local noon", async () => {
    const a = await today({ date: '2026-11-23', timezoneOffsetMinutes: 60 });
    expect(a).toMatchObject({
      kind: 'journal',
      title: 'Monday 23 November 2026',
      body: '',
      privacyLevel: 'private',
      aiUsage: 'none',
      metadata: { journalDate: '2026-11-23' },
      eventTime: { at: '2026-11-23T11:00:00.000Z', offsetMinutes: 60 },
    });
    const b = await today({ date: '2026-11-23', timezoneOffsetMinutes: 60 });
    expect(b.id).toBe(a.id);
    expect(engine.nodes.list({ kind: 'journal' }).total).toBe(1);
  });

  it('only looks when asked not to create, so a glance leaves no empty entry', async () => {
    expect(await today({ date: '2026-11-24', timezoneOffsetMinutes: 0, create: false })).toBeNull();
    expect(engine.nodes.list({ kind: 'journal' }).total).toBe(0);
    const made = await today({ date: '2026-11-24', timezoneOffsetMinutes: 0 });
    expect((await today({ date: '2026-11-24', timezoneOffsetMinutes: 0, create: false }))?.id).toBe(made.id);
  });

  it("takes today from the caller's clock, not the engine's", async () => {
    // 14 hours east of UTC it is already tomorrow for most of the UTC day; 12 west it is mostly still yesterday.
    const east = await today({ timezoneOffsetMinutes: 14 * 60 });
    const west = await today({ timezoneOffsetMinutes: -12 * 60 });
    const now = Date.now();
    const day = (offset: number) => new Date(now + offset * 60_000).toISOString().slice(0, 10);
    expect(east.metadata.journalDate).toBe(day(14 * 60));
    expect(west.metadata.journalDate).toBe(day(-12 * 60));
    expect(east.id).not.toBe(west.id);
  });

  it('keeps what was written and starts afresh once the entry is trashed', async () => {
    const first = await today({ date: '2026-01-02', timezoneOffsetMinutes: 0 });
    engine.nodes.update({ id: first.id, body: 'snow' });
    expect((await today({ date: '2026-01-02', timezoneOffsetMinutes: 0 })).body).toBe('snow');
    engine.nodes.trash(first.id);
    const next = await today({ date: '2026-01-02', timezoneOffsetMinutes: 0 });
    expect(next.id).not.toBe(first.id);
  });

  it('refuses days that do not exist and offsets out of range', async () => {
    await expect(today({ date: '2026-02-30', timezoneOffsetMinutes: 0 })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(today({ date: '23/11/2026', timezoneOffsetMinutes: 0 })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(today({ timezoneOffsetMinutes: 2000 })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(today({})).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('makes one entry a day when several processes open the same days at once', async () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    // Each child opens its own connection, says so, and waits for the word to go, so the calls really overlap.
    const script = `
      const { Engine } = await import(${JSON.stringify(path.join(here, '../engine/engine.ts'))});
      const { journalEntryFor } = await import(${JSON.stringify(path.join(here, 'journal.ts'))});
      const engine = await Engine.open({ library: ${JSON.stringify(dir)}, paused: true });
      console.log('ready');
      await new Promise((go) => process.stdin.once('data', go));
      const ids = [];
      for (let d = 1; d <= 20; d++) ids.push(journalEntryFor(engine, { date: '2026-03-' + String(d).padStart(2, '0'), timezoneOffsetMinutes: 0 }).id);
      await engine.close();
      console.log(JSON.stringify(ids));
      process.exit(0);`;
    const children = Array.from({ length: 4 }, () =>
      spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] }),
    );
    const lines = children.map((c) => readline.createInterface({ input: c.stdout })[Symbol.asyncIterator]());
    for (const l of lines) expect((await l.next()).value).toBe('ready');
    for (const c of children) c.stdin.write('go\n');
    const results = await Promise.all(lines.map(async (l) => JSON.parse((await l.next()).value as string) as string[]));
    await Promise.all(children.map((c) => (c.exitCode === null ? once(c, 'exit') : null)));
    for (const ids of results) expect(ids).toEqual(results[0]);
    expect(new Set(results[0]).size).toBe(20);
    expect(engine.nodes.list({ kind: 'journal' }).total).toBe(20);
  });
});

describe('journal.list', () => {
  async function entry(date: string, body: string, offset = 0) {
    const e = await today({ date, timezoneOffsetMinutes: offset });
    return engine.nodes.update({ id: e.id, body });
  }

  it('groups entries by local day, newest day first, with excerpts', async () => {
    await entry('2026-11-20', '# Friday\n\nShipped the **release**.');
    await entry('2026-11-22', 'Rain all day #weather');
    // A journal note without a journalDate lands on its event time's day, after the day's own entry.
    engine.nodes.create({
      kind: 'journal',
      title: 'Late thought',
      body: 'Could not sleep',
      eventTime: { at: '2026-11-22T23:30:00.000Z', offsetMinutes: 0 },
    });
    const page = await list({ limit: 10 });
    expect(page.total).toBe(2);
    expect(page.days.map((d) => d.date)).toEqual(['2026-11-22', '2026-11-20']);
    expect(page.days[0]!.entries.map((e) => [e.title, e.journalDate])).toEqual([
      ['Sunday 22 November 2026', '2026-11-22'],
      ['Late thought', null],
    ]);
    expect(page.days[0]!.entries[0]).toMatchObject({ excerpt: 'Rain all day #weather', tags: ['weather'], kind: 'journal' });
    expect(page.days[1]!.entries[0]!.excerpt).toBe('Friday Shipped the release.');
  });

  it("places entries on their own clock's day, and undated imports on the caller's", async () => {
    // 23:30 UTC on the 22nd is already the 23rd at +02:00.
    engine.nodes.create({ kind: 'journal', title: 'Abroad', eventTime: { at: '2026-11-22T23:30:00.000Z', offsetMinutes: 120 } });
    engine.nodes.create({ kind: 'journal', title: 'Imported', createdAt: '2026-11-22T23:30:00.000Z' });
    const utc = await list({});
    expect(utc.days.map((d) => [d.date, d.entries.map((e) => e.title)])).toEqual([
      ['2026-11-23', ['Abroad']],
      ['2026-11-22', ['Imported']],
    ]);
    const east = await list({ timezoneOffsetMinutes: 60 });
    expect(east.days.map((d) => [d.date, d.entries.map((e) => e.title)])).toEqual([['2026-11-23', ['Abroad', 'Imported']]]);
  });

  it('pages by day and filters by from/to; trashed entries and other kinds stay out', async () => {
    for (const d of ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04']) await entry(d, `day ${d}`);
    const gone = await entry('2026-11-05', 'oops');
    engine.nodes.trash(gone.id);
    engine.nodes.create({ kind: 'note', title: 'Not a journal', eventTime: { at: '2026-11-03T10:00:00.000Z' } });
    const first = await list({ limit: 2 });
    expect(first.total).toBe(4);
    expect(first.days.map((d) => d.date)).toEqual(['2026-11-04', '2026-11-03']);
    const second = await list({ limit: 2, offset: 2 });
    expect(second.days.map((d) => d.date)).toEqual(['2026-11-02', '2026-11-01']);
    const ranged = await list({ from: '2026-11-02', to: '2026-11-03' });
    expect(ranged.days.map((d) => d.date)).toEqual(['2026-11-03', '2026-11-02']);
    expect(ranged.days.flatMap((d) => d.entries).every((e) => e.kind === 'journal')).toBe(true);
    expect(await list({ from: '2027-01-01' })).toEqual({ days: [], total: 0, limit: 30, offset: 0 });
  });
});
