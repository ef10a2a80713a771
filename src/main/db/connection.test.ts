import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTempLibrary, tempDir } from '../../../tests/helpers/temp-library';
import { EngramError } from '../../shared/errors';
import { Engine } from '../engine/engine';
import { openDatabase } from './connection';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function scratch(): string {
  const dir = tempDir('engram-conn-');
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A real library with enough notes to span many pages, closed cleanly (WAL checkpointed into engram.db). */
async function writeLibrary(dir: string): Promise<string> {
  const engine = await Engine.open({ library: dir, paused: true });
  engine.nodes.createMany(
    Array.from({ length: 60 }, (_, i) => ({
      title: `Note ${i}`,
      body: `Paragraph ${i} about tidepools, kelp and barnacles. `.repeat(40),
      tags: ['ocean'],
    })),
  );
  await engine.close();
  const file = path.join(dir, 'engram.db');
  expect(fs.existsSync(`${file}-wal`)).toBe(false);
  return file;
}

function expectCorrupt(err: unknown, file: string) {
  expect(err).toBeInstanceOf(EngramError);
  const e = err as EngramError;
  expect(e.code).toBe('corrupt_library');
  expect(e.message).toContain(file);
  expect(e.message).toMatch(/Nothing was changed/);
  expect(e.message).toMatch(/Restore it from a backup/);
}

async function thrown(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('opening a damaged library', () => {
  it('refuses a file with garbage over its middle pages, and leaves the bytes as they were', async () => {
    const dir = scratch();
    const file = await writeLibrary(dir);
    const bytes = fs.readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    expect(bytes.length / pageSize).toBeGreaterThan(20);
    // Pages 2 to 8 (1-based) become a repeating junk pattern: not a valid b-tree page type.
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(pageSize * 7, 0xa7), 0, pageSize * 7, pageSize);
    fs.closeSync(fd);
    const damaged = sha(file);

    expectCorrupt(await thrown(() => openDatabase(file)), file);
    expect(sha(file)).toBe(damaged);

    expectCorrupt(await thrown(() => Engine.open({ library: dir })), file);
    expect(sha(file)).toBe(damaged);
    expect(fs.existsSync(`${file}-wal`) && fs.statSync(`${file}-wal`).size > 0).toBe(false);
  });

  it('refuses a file that is not SQLite at all, and leaves it as it was', async () => {
    const dir = scratch();
    const file = path.join(dir, 'engram.db');
    fs.writeFileSync(file, 'These are my shopping notes, saved under the wrong name.\n'.repeat(200));
    const before = sha(file);

    expectCorrupt(await thrown(() => openDatabase(file)), file);
    expect(sha(file)).toBe(before);

    expectCorrupt(await thrown(() => Engine.open({ library: dir })), file);
    expect(sha(file)).toBe(before);
  });

  it('opens the undamaged library it was made from', async () => {
    const dir = scratch();
    const file = await writeLibrary(dir);
    const db = openDatabase(file);
    expect(db.prepare('SELECT count(*) FROM nodes').pluck().get()).toBe(60);
    db.close();
  });
});

describe('online backup', () => {
  it('copies a live library while writes continue, into a folder that opens as a library', async () => {
    const lib = await openTempLibrary({ paused: true });
    cleanups.push(() => lib.cleanup());
    const { engine } = lib;
    // Several MB, so the backup takes many steps of 256 pages each.
    const before = engine.nodes.createMany(
      Array.from({ length: 400 }, (_, i) => ({
        title: `Seed ${i}`,
        body: `Seed note ${i}: ${'harbour lanterns and fog '.repeat(60)}`,
        tags: [`t${i % 7}`],
      })),
    );
    const photo = engine.blobs.put(Buffer.from('not really a jpeg'), 'image/jpeg');

    // Writes land between backup steps, through the same connection that is being copied.
    const during: string[] = [];
    let steps = 0;
    const out = path.join(scratch(), 'backup-1');
    const result = await engine.backup(out, (done, total) => {
      steps++;
      if (done < total) during.push(engine.nodes.create({ title: `During ${steps}`, body: `written mid-backup ${steps}` }).id);
    });
    expect(steps).toBeGreaterThan(2);
    expect(during.length).toBeGreaterThan(0);
    // And writes after it finished.
    const after = engine.nodes.create({ title: 'After', body: 'written after the backup' });

    expect(result.dir).toBe(path.resolve(out));
    expect(fs.readdirSync(out).sort()).toEqual(['blobs', 'engram.db']);
    expect(fs.existsSync(path.join(out, 'engram.db.partial'))).toBe(false);
    expect(fs.readFileSync(path.join(out, 'blobs', photo.path), 'utf8')).toBe('not really a jpeg');

    const copy = await Engine.open({ library: out, paused: true });
    try {
      const rows = (db: typeof engine.db) =>
        db.prepare('SELECT id, title, body FROM nodes ORDER BY id').all() as { id: string; title: string; body: string }[];
      const copied = rows(copy.db);
      const ids = new Set(copied.map((r) => r.id));
      for (const n of before) expect(ids.has(n.id)).toBe(true);
      expect(ids.has(after.id)).toBe(false);
      expect(copied).toHaveLength(before.length + during.length);
      // Every row in the copy is exactly the live row: no torn pages.
      const live = new Map(rows(engine.db).map((r) => [r.id, r]));
      for (const r of copied) expect(r).toEqual(live.get(r.id));
      // The copy's own indexes work.
      const hits = await copy.search.search({ query: 'lanterns', mode: 'keyword', limit: 5 });
      expect(hits.hits).toHaveLength(5);
      expect(hits.hits.every((h) => h.node.title.startsWith('Seed'))).toBe(true);
      // Writes made through the connection being copied reach the copy too: it is the library as it was when
      // the backup finished.
      for (const id of during) expect(ids.has(id)).toBe(true);
      expect(copy.blobs.get(photo.sha256)?.size).toBe(photo.size);
    } finally {
      await copy.close();
    }

    // A second backup into the same, now non-empty, folder is refused rather than overwriting it.
    await expect(engine.backup(out)).rejects.toMatchObject({ code: 'conflict' });
  });
});
