import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/helpers/temp-library';
import { openDatabase } from './connection';
import { LATEST_VERSION, migrate, migrations, type Migration } from './migrations';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function libraryFile(): string {
  const dir = tempDir('engram-migrations-');
  dirs.push(dir);
  return path.join(dir, 'engram.db');
}

const NODE_ID = '0190a000-0000-7000-8000-000000000001';

/** A library as the first release wrote it: schema 1 only, in WAL mode, with one note and its chunk. */
function buildVersion1Library(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.transaction(() => {
    migrations[0]!.up(db);
    db.pragma('user_version = 1');
  })();
  const now = '2024-03-01T10:00:00.000Z';
  db.prepare(
    `INSERT INTO nodes (id, kind, title, body, created_at, updated_at, metadata)
     VALUES (?, 'note', 'Old note', 'Written before blobs existed about a lighthouse', ?, ?, '{"from":"v1"}')`,
  ).run(NODE_ID, now, now);
  db.prepare(
    `INSERT INTO chunks (node_id, ordinal, text, context, start_offset, end_offset)
     VALUES (?, 0, 'Written before blobs existed about a lighthouse', 'Old note', 0, 47)`,
  ).run(NODE_ID);
  db.close();
}

const tables = (db: Database.Database) =>
  db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).pluck().all() as string[];
const schemaSql = (db: Database.Database) =>
  db.prepare(`SELECT type, name, sql FROM sqlite_schema ORDER BY type, name`).all();
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('migrations', () => {
  it('are numbered 1..n without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(migrations.length);
  });

  it('bring a schema-1 library forward, keeping its data and its full-text index', () => {
    const file = libraryFile();
    buildVersion1Library(file);

    const db = openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(tables(db)).toEqual(expect.arrayContaining(['blobs', 'node_blobs', 'nodes', 'chunks']));
      const node = db.prepare('SELECT title, body, metadata, privacy_level, ai_usage FROM nodes WHERE id = ?').get(NODE_ID);
      expect(node).toEqual({
        title: 'Old note',
        body: 'Written before blobs existed about a lighthouse',
        metadata: '{"from":"v1"}',
        privacy_level: 'private',
        ai_usage: 'none',
      });
      const hit = db.prepare(`SELECT c.node_id FROM chunks_fts f JOIN chunks c ON c.id = f.rowid WHERE chunks_fts MATCH 'lighthouse'`).pluck().all();
      expect(hit).toEqual([NODE_ID]);
      // The new tables work, with their foreign keys onto the old ones.
      db.prepare(`INSERT INTO blobs (sha256, mime, size, path, created_at) VALUES ('ab', 'text/plain', 1, 'a/b', 'now')`).run();
      db.prepare(`INSERT INTO node_blobs (node_id, sha256) VALUES (?, 'ab')`).run(NODE_ID);
      expect(() => db.prepare(`INSERT INTO node_blobs (node_id, sha256) VALUES ('missing', 'ab')`).run()).toThrow(/FOREIGN KEY/);
    } finally {
      db.close();
    }

    // Opening again is a no-op: every migration already ran.
    const again = openDatabase(file);
    expect(again.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(again.prepare('SELECT count(*) FROM node_blobs').pluck().get()).toBe(1);
    again.close();
  });

  it.each([
    ['a WAL library', true],
    ['a rollback-journal library', false],
  ])('refuse %s written by a newer Engram and leave it untouched', (_, wal) => {
    const file = libraryFile();
    const seed = new Database(file);
    if (wal) seed.pragma('journal_mode = WAL');
    seed.exec(`CREATE TABLE future_things (x TEXT); INSERT INTO future_things VALUES ('from the future')`);
    seed.pragma(`user_version = ${LATEST_VERSION + 1}`);
    seed.close();
    const before = sha(file);

    expect(() => openDatabase(file)).toThrow(/newer Engram.*Update Engram/s);

    expect(sha(file)).toBe(before);
    expect(fs.existsSync(`${file}-wal`) && fs.statSync(`${file}-wal`).size > 0).toBe(false);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1);
    expect(check.pragma('journal_mode', { simple: true })).toBe(wal ? 'wal' : 'delete');
    expect(tables(check)).toEqual(['future_things']);
    check.close();
  });

  it('roll a failing migration back whole: user_version and schema stay as they were', () => {
    const file = libraryFile();
    const db = openDatabase(file);
    try {
      db.prepare(`INSERT INTO settings (key, value) VALUES ('kept', '1')`).run();
      const schemaBefore = schemaSql(db);
      const broken: Migration = {
        version: LATEST_VERSION + 1,
        name: 'half a migration, then a failure',
        up: (d) => {
          d.exec(`CREATE TABLE half_done (x TEXT); ALTER TABLE nodes ADD COLUMN half_done TEXT;`);
          d.prepare(`UPDATE settings SET value = '2' WHERE key = 'kept'`).run();
          throw new Error('migration exploded');
        },
      };

      expect(() => migrate(db, [...migrations, broken])).toThrow('migration exploded');

      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(schemaSql(db)).toEqual(schemaBefore);
      expect(db.prepare(`SELECT value FROM settings WHERE key = 'kept'`).pluck().get()).toBe('1');
      expect(db.inTransaction).toBe(false);
    } finally {
      db.close();
    }
    // The library still opens normally afterwards.
    const reopened = openDatabase(file);
    expect(reopened.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    reopened.close();
  });

  it('keep the migrations that succeeded before a later one fails', () => {
    const file = libraryFile();
    buildVersion1Library(file);
    const db = new Database(file);
    try {
      const failing: Migration = { version: LATEST_VERSION + 1, name: 'fails', up: () => { throw new Error('no'); } };
      expect(() => migrate(db, [...migrations, failing])).toThrow('no');
      // Migration 2.. committed on their own; only the failing one is missing.
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(tables(db)).toContain('blobs');
    } finally {
      db.close();
    }
  });
});
