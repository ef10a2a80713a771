/**
 * The review tables: one FSRS card per node enrolled for spaced repetition, and one log row per grading.
 * Columns follow ts-fsrs's `Card` and `ReviewLog` one to one (dates as ISO text, enums as their integers:
 * state New 0, Learning 1, Review 2, Relearning 3; rating Manual 0, Again 1, Hard 2, Good 3, Easy 4), so a card
 * can be rebuilt exactly, and the log is enough to replay or re-optimise a card's history later.
 */
import type { Migration } from '../db/migrations';

export const reviewMigration: Migration = {
  version: 7,
  name: 'review cards and logs',
  up: (db) =>
    db.exec(`
      -- A node enrolled for review. Unenrolling deletes the card (its logs stay as history); deleting the node
      -- for good deletes both. A trashed node keeps its card but is left out of the queue until it is restored.
      CREATE TABLE review_cards (
        node_id TEXT PRIMARY KEY REFERENCES nodes(id) ON DELETE CASCADE,
        due TEXT NOT NULL,
        stability REAL NOT NULL DEFAULT 0,
        difficulty REAL NOT NULL DEFAULT 0,
        elapsed_days INTEGER NOT NULL DEFAULT 0,
        scheduled_days INTEGER NOT NULL DEFAULT 0,
        learning_steps INTEGER NOT NULL DEFAULT 0,
        reps INTEGER NOT NULL DEFAULT 0,
        lapses INTEGER NOT NULL DEFAULT 0,
        state INTEGER NOT NULL DEFAULT 0 CHECK (state IN (0, 1, 2, 3)),
        last_review TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX review_cards_due ON review_cards(due);

      -- One row per grading. state, due, stability and difficulty are the card's memory state as ts-fsrs logs
      -- it (state and due from before the review); review is when the grading happened.
      CREATE TABLE review_logs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        node_id TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
        rating INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 4),
        state INTEGER NOT NULL CHECK (state IN (0, 1, 2, 3)),
        due TEXT NOT NULL,
        stability REAL NOT NULL,
        difficulty REAL NOT NULL,
        elapsed_days INTEGER NOT NULL,
        last_elapsed_days INTEGER NOT NULL,
        scheduled_days INTEGER NOT NULL,
        learning_steps INTEGER NOT NULL,
        review TEXT NOT NULL
      );
      CREATE INDEX review_logs_node ON review_logs(node_id, review);
    `),
};
