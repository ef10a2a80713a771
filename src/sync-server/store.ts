/**
 * The relay's one SQLite file: the JWT secret, rooms and their ACLs, outstanding challenges, the audit log and
 * every room's Yjs updates. Updates are kept as opaque blobs: for private and circle rooms they hold only
 * ciphertext envelopes, and nothing here ever decodes them.
 */
import crypto from 'node:crypto';
import Database from 'better-sqlite3';

export type Db = Database.Database;

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS rooms (
  name TEXT PRIMARY KEY,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS members (
  room TEXT NOT NULL REFERENCES rooms(name) ON DELETE CASCADE,
  public_key TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('owner', 'member')),
  added_at INTEGER NOT NULL,
  PRIMARY KEY (room, public_key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS members_by_key ON members(public_key, role);

CREATE TABLE IF NOT EXISTS updates (
  id INTEGER PRIMARY KEY,
  room TEXT NOT NULL,
  data BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_by_room ON updates(room, id);

CREATE TABLE IF NOT EXISTS challenges (
  challenge TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  event TEXT NOT NULL,
  room TEXT,
  public_key TEXT,
  reason TEXT,
  remote TEXT
);
CREATE INDEX IF NOT EXISTS audit_by_room ON audit(room, id);
-- Append-only: rows can be added, never changed or removed, even by a bug elsewhere in the relay.
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
`;

export function openStore(file: string): Db {
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    // Each update is committed before it is broadcast; NORMAL in WAL mode keeps that durable across a crash of
    // the process (only an OS crash can lose the last transactions), at a fraction of FULL's fsyncs.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new Error(`${file} was written by a newer relay (schema ${version}); refusing to open it`);
    }
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** The HS256 secret for tokens, made once and kept in the database so tokens survive a restart. */
export function tokenSecret(db: Db): Uint8Array {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get('jwt_secret') as { value: Buffer } | undefined;
  if (row) return new Uint8Array(row.value);
  const secret = crypto.randomBytes(32);
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('jwt_secret', secret);
  return tokenSecret(db);
}

/** Appends and compacts each room's Yjs updates. */
export class UpdateStore {
  private readonly insert;
  private readonly select;
  private readonly count;
  private readonly replaceTx;

  constructor(db: Db, private readonly now: () => number) {
    this.insert = db.prepare('INSERT INTO updates (room, data, created_at) VALUES (?, ?, ?)');
    this.select = db.prepare('SELECT data FROM updates WHERE room = ? ORDER BY id');
    this.count = db.prepare('SELECT count(*) AS n FROM updates WHERE room = ?');
    const deleteAll = db.prepare('DELETE FROM updates WHERE room = ?');
    this.replaceTx = db.transaction((room: string, merged: Uint8Array) => {
      deleteAll.run(room);
      this.append(room, merged);
    });
  }

  append(room: string, update: Uint8Array): void {
    this.insert.run(room, Buffer.from(update.buffer, update.byteOffset, update.byteLength), this.now());
  }

  /** Every stored update of a room, oldest first. */
  load(room: string): Uint8Array[] {
    const rows = this.select.all(room) as { data: Buffer }[];
    return rows.map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength));
  }

  size(room: string): number {
    return (this.count.get(room) as { n: number }).n;
  }

  /**
   * Replaces all of a room's updates with one that covers them, atomically. The relay is single-threaded and
   * appends synchronously, so nothing can be appended between computing `merged` and this call.
   */
  replace(room: string, merged: Uint8Array): void {
    this.replaceTx(room, merged);
  }
}
