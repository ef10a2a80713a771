/**
 * Numbered schema migrations. Each runs inside one transaction together with the bump of `user_version`,
 * so a crash leaves the library at the previous version, never between two.
 */
import type Database from 'better-sqlite3';
import { EngramError } from '../../shared/errors';
import { reviewMigration } from '../review/schema';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database.Database) => void;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'nodes, versions, tags, links, chunks, full-text index, settings',
    up: (db) =>
      db.exec(`
        CREATE TABLE nodes (
          id TEXT PRIMARY KEY,
          parent_id TEXT REFERENCES nodes(id) ON DELETE CASCADE,
          position REAL NOT NULL DEFAULT 0,
          kind TEXT NOT NULL,
          title TEXT NOT NULL DEFAULT '',
          body TEXT NOT NULL DEFAULT '',
          memory_type TEXT CHECK (memory_type IN ('semantic','episodic','procedural')),
          importance REAL NOT NULL DEFAULT 0.5,
          privacy_level TEXT NOT NULL DEFAULT 'private' CHECK (privacy_level IN ('private','circles','public')),
          ai_usage TEXT NOT NULL DEFAULT 'none' CHECK (ai_usage IN ('none','chat','train')),
          event_time TEXT,
          event_offset_min INTEGER,
          event_source TEXT,
          event_confidence REAL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          access_count INTEGER NOT NULL DEFAULT 0,
          metadata TEXT NOT NULL DEFAULT '{}',
          deleted_at TEXT,
          delete_batch TEXT
        );
        CREATE INDEX nodes_parent ON nodes(parent_id, position);
        CREATE INDEX nodes_kind_created ON nodes(kind, created_at);
        CREATE INDEX nodes_created ON nodes(created_at);
        CREATE INDEX nodes_event_time ON nodes(event_time);
        -- Partial: an index on deleted_at for live rows would lure the planner into scanning every live node.
        CREATE INDEX nodes_trashed ON nodes(deleted_at) WHERE deleted_at IS NOT NULL;

        CREATE TABLE node_versions (
          node_id TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
          version INTEGER NOT NULL,
          title TEXT NOT NULL,
          body TEXT NOT NULL,
          created_at TEXT NOT NULL,
          PRIMARY KEY (node_id, version)
        );

        CREATE TABLE node_tags (
          node_id TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
          tag TEXT NOT NULL,
          source TEXT NOT NULL CHECK (source IN ('explicit','hashtag')),
          PRIMARY KEY (node_id, tag, source)
        );
        CREATE INDEX node_tags_tag ON node_tags(tag);

        CREATE TABLE links (
          source_id TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
          target_title TEXT NOT NULL,
          target_id TEXT REFERENCES nodes(id) ON DELETE SET NULL,
          kind TEXT NOT NULL CHECK (kind IN ('wikilink','derived_from')),
          PRIMARY KEY (source_id, kind, target_title)
        );
        CREATE INDEX links_target ON links(target_id);
        CREATE INDEX links_target_title ON links(target_title COLLATE NOCASE);

        CREATE TABLE chunks (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          node_id TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
          ordinal INTEGER NOT NULL,
          text TEXT NOT NULL,
          context TEXT NOT NULL DEFAULT '',
          start_offset INTEGER NOT NULL,
          end_offset INTEGER NOT NULL,
          heading_path TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX chunks_node ON chunks(node_id, ordinal);

        -- External-content FTS over chunks: the text, and the node title plus heading path as context.
        CREATE VIRTUAL TABLE chunks_fts USING fts5(
          text, context, content='chunks', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER chunks_ai AFTER INSERT ON chunks BEGIN
          INSERT INTO chunks_fts(rowid, text, context) VALUES (new.id, new.text, new.context);
        END;
        CREATE TRIGGER chunks_ad AFTER DELETE ON chunks BEGIN
          INSERT INTO chunks_fts(chunks_fts, rowid, text, context) VALUES ('delete', old.id, old.text, old.context);
        END;
        CREATE TRIGGER chunks_au AFTER UPDATE ON chunks BEGIN
          INSERT INTO chunks_fts(chunks_fts, rowid, text, context) VALUES ('delete', old.id, old.text, old.context);
          INSERT INTO chunks_fts(rowid, text, context) VALUES (new.id, new.text, new.context);
        END;

        -- Which embedder made the vector of a chunk. Vectors live in one vec0 table per embedder.
        CREATE TABLE embedders (
          id TEXT PRIMARY KEY,
          table_name TEXT NOT NULL UNIQUE,
          dimensions INTEGER NOT NULL,
          config TEXT NOT NULL,
          created_at TEXT NOT NULL
        );
        CREATE TABLE chunk_vectors (
          chunk_id INTEGER NOT NULL REFERENCES chunks(id) ON DELETE CASCADE,
          embedder_id TEXT NOT NULL REFERENCES embedders(id) ON DELETE CASCADE,
          PRIMARY KEY (embedder_id, chunk_id)
        ) WITHOUT ROWID;
        CREATE INDEX chunk_vectors_chunk ON chunk_vectors(chunk_id);

        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        );
      `),
  },
  {
    version: 2,
    name: 'content-addressed blobs attached to nodes',
    up: (db) =>
      db.exec(`
        CREATE TABLE blobs (
          sha256 TEXT PRIMARY KEY,
          mime TEXT NOT NULL,
          size INTEGER NOT NULL,
          path TEXT NOT NULL,
          created_at TEXT NOT NULL
        );
        CREATE TABLE node_blobs (
          node_id TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
          sha256 TEXT NOT NULL REFERENCES blobs(sha256),
          role TEXT NOT NULL DEFAULT 'original',
          filename TEXT,
          PRIMARY KEY (node_id, role)
        );
        CREATE INDEX node_blobs_sha ON node_blobs(sha256);
      `),
  },
  {
    version: 3,
    name: 'IVF centroids for large vector tables',
    up: (db) =>
      db.exec(`
        CREATE TABLE ivf_centroids (
          embedder_id TEXT PRIMARY KEY REFERENCES embedders(id) ON DELETE CASCADE,
          lists INTEGER NOT NULL,
          dimensions INTEGER NOT NULL,
          centroids BLOB NOT NULL,
          trained_on INTEGER NOT NULL,
          created_at TEXT NOT NULL
        );
      `),
  },
  {
    version: 4,
    name: 'durable jobs and the step cache',
    up: (db) =>
      db.exec(`
        -- One row per (item, step, input fingerprint, step version). Times used for scheduling and leases are
        -- epoch milliseconds so they compare as numbers; created/updated are ISO text like everywhere else.
        -- node_id is deliberately not a foreign key: jobs of a deleted item are removed by the pipeline
        -- (JobQueue.removeForNode), and a job without an item (a library-wide task) keeps it null.
        CREATE TABLE jobs (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          kind TEXT NOT NULL,
          node_id TEXT,
          step TEXT NOT NULL,
          fingerprint TEXT NOT NULL,
          step_version INTEGER NOT NULL,
          payload TEXT NOT NULL DEFAULT 'null',
          status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','done','failed')),
          attempts INTEGER NOT NULL DEFAULT 0,
          next_run_at INTEGER NOT NULL,
          lease_owner TEXT,
          lease_expires_at INTEGER,
          progress REAL,
          error TEXT,
          result TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX jobs_identity ON jobs(coalesce(node_id, ''), step, fingerprint, step_version);
        CREATE INDEX jobs_due ON jobs(status, next_run_at);
        CREATE INDEX jobs_node ON jobs(node_id) WHERE node_id IS NOT NULL;

        -- A step's result for an input, so the same input at the same step version is never computed twice.
        CREATE TABLE step_cache (
          step TEXT NOT NULL,
          step_version INTEGER NOT NULL,
          fingerprint TEXT NOT NULL,
          result TEXT NOT NULL,
          created_at TEXT NOT NULL,
          PRIMARY KEY (step, step_version, fingerprint)
        ) WITHOUT ROWID;
      `),
  },
  {
    version: 5,
    name: 'media items, near-duplicates, watched folders, resumable uploads',
    up: (db) =>
      db.exec(`
        -- What the pipeline learned about a media node (one per photo, video, audio or document node).
        -- Deleting the node deletes this row; blobs no longer attached to any node are removed by the purge.
        CREATE TABLE media_items (
          node_id TEXT PRIMARY KEY REFERENCES nodes(id) ON DELETE CASCADE,
          sha256 TEXT NOT NULL REFERENCES blobs(sha256),
          media_kind TEXT NOT NULL CHECK (media_kind IN ('photo','video','audio','document')),
          mime TEXT NOT NULL,
          size INTEGER NOT NULL,
          file_name TEXT NOT NULL,
          source TEXT NOT NULL,
          source_path TEXT,
          width INTEGER,
          height INTEGER,
          duration_sec REAL,
          phash TEXT,
          gps_lat REAL,
          gps_lon REAL,
          -- Per step, what it found (EXIF summary, OCR text, tags, faces, transcript, warnings): JSON by step.
          facts TEXT NOT NULL DEFAULT '{}',
          -- Near-duplicate of an earlier item (a resized or re-encoded copy), with the pHash distance.
          canonical_id TEXT REFERENCES nodes(id) ON DELETE SET NULL,
          duplicate_distance INTEGER,
          originals_dropped_at TEXT,
          created_at TEXT NOT NULL
        );
        CREATE INDEX media_items_sha ON media_items(sha256);
        CREATE INDEX media_items_phash ON media_items(phash) WHERE phash IS NOT NULL;
        CREATE INDEX media_items_canonical ON media_items(canonical_id) WHERE canonical_id IS NOT NULL;

        CREATE TABLE watched_folders (
          id TEXT PRIMARY KEY,
          path TEXT NOT NULL UNIQUE,
          label TEXT NOT NULL DEFAULT '',
          created_at TEXT NOT NULL,
          last_scan_at TEXT,
          last_error TEXT
        );

        -- Resumable uploads: bytes arrive in chunks into <library>/tmp/uploads/<id> until complete.
        CREATE TABLE uploads (
          id TEXT PRIMARY KEY,
          file_name TEXT NOT NULL,
          size INTEGER NOT NULL,
          received INTEGER NOT NULL DEFAULT 0,
          meta TEXT NOT NULL DEFAULT '{}',
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
      `),
  },
  {
    version: 6,
    name: 'AI usage metering, chat sessions and messages, summary runs',
    up: (db) =>
      db.exec(`
        -- One row per model call: what it cost and what it was for, for the usage chart and the budget.
        CREATE TABLE usage_events (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          at TEXT NOT NULL,
          provider TEXT NOT NULL,
          model TEXT NOT NULL,
          feature TEXT NOT NULL,
          input_tokens INTEGER NOT NULL,
          output_tokens INTEGER NOT NULL,
          estimated INTEGER NOT NULL DEFAULT 0,
          cost_usd REAL,
          ok INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX usage_events_at ON usage_events(at);

        CREATE TABLE chat_sessions (
          id TEXT PRIMARY KEY,
          title TEXT NOT NULL DEFAULT '',
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE TABLE chat_messages (
          id TEXT PRIMARY KEY,
          session_id TEXT NOT NULL REFERENCES chat_sessions(id) ON DELETE CASCADE,
          role TEXT NOT NULL CHECK (role IN ('user','assistant')),
          content TEXT NOT NULL,
          -- How the answer was made: by a model, or extractively from the passages when none was available.
          mode TEXT CHECK (mode IN ('llm','extractive','nothing')),
          provider TEXT,
          model TEXT,
          citations TEXT NOT NULL DEFAULT '[]',
          feedback INTEGER CHECK (feedback IN (-1, 1)),
          created_at TEXT NOT NULL
        );
        CREATE INDEX chat_messages_session ON chat_messages(session_id, created_at);

        -- Which period a summary node covers, so the scheduler knows what is done and catches up on the rest.
        CREATE TABLE summary_runs (
          kind TEXT NOT NULL CHECK (kind IN ('day','week')),
          period TEXT NOT NULL,
          node_id TEXT REFERENCES nodes(id) ON DELETE SET NULL,
          sources TEXT NOT NULL DEFAULT '[]',
          generated_at TEXT NOT NULL,
          mode TEXT NOT NULL,
          PRIMARY KEY (kind, period)
        );
      `),
  },
  reviewMigration,
];

export const LATEST_VERSION = migrations[migrations.length - 1]!.version;

/** Refuses a library written by a newer build before anything in it is touched. */
export function assertKnownVersion(db: Database.Database, latest = LATEST_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new EngramError(
      'conflict',
      `This library was written by a newer Engram (schema ${current}, this build knows ${latest}). ` +
        'Update Engram to open it.',
    );
  }
}

/** Brings the schema up to the last of `list` (this build's migrations unless a test passes its own). */
export function migrate(db: Database.Database, list: readonly Migration[] = migrations): void {
  assertKnownVersion(db, list.at(-1)?.version ?? 0);
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of list) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
