/**
 * Spaced repetition with FSRS (ts-fsrs): enrol a node, see what is due, grade it. A card is one row of
 * `review_cards`; every grading also writes a `review_logs` row, in the same transaction as the card's update.
 * Every function takes `now`, so tests (and imports of past reviews) control the clock.
 */
import { createEmptyCard, fsrs, Rating, State, type Card, type FSRS, type Grade } from 'ts-fsrs';
import type { Engine } from '../engine/engine';
import { EngramError } from '../../shared/errors';
import { excerpt } from '../journal/excerpt';
import type { NodeKind } from '../../shared/schemas';
import type { QueueItem, ReviewCardDTO, ReviewState, ReviewStats } from '../../shared/review-schemas';

export type { QueueItem, ReviewCardDTO, ReviewState, ReviewStats } from '../../shared/review-schemas';

export const REVIEW_RATINGS = ['again', 'hard', 'good', 'easy'] as const;
export type ReviewRating = (typeof REVIEW_RATINGS)[number];

/** The library setting (JSON) that tunes the scheduler; every field is optional. */
export const REVIEW_SETTINGS_KEY = 'review.fsrs';
export interface ReviewSettings {
  /** The recall probability reviews are scheduled for (FSRS `request_retention`), 0.7..0.99. Default 0.9. */
  requestRetention?: number;
  /** The longest interval in days. Default 36500. */
  maximumInterval?: number;
  /** Spread long intervals a little so cards enrolled together do not stay together. Default true. */
  enableFuzz?: boolean;
}

interface CardRow {
  node_id: string;
  due: string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review: string | null;
  created_at: string;
}

const DAY_MS = 86_400_000;
const STATE_NAMES: Record<number, ReviewState> = {
  [State.New]: 'new', [State.Learning]: 'learning', [State.Review]: 'review', [State.Relearning]: 'relearning',
};
const GRADES: Record<ReviewRating, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

/** The scheduler with this library's settings (ts-fsrs defaults otherwise, fuzz on). */
export function scheduler(engine: Engine): FSRS {
  const s = engine.settings.get<ReviewSettings>(REVIEW_SETTINGS_KEY) ?? {};
  return fsrs({
    request_retention: s.requestRetention ?? 0.9,
    maximum_interval: s.maximumInterval ?? 36500,
    enable_fuzz: s.enableFuzz ?? true,
  });
}

const toCard = (r: CardRow): Card => ({
  due: new Date(r.due),
  stability: r.stability,
  difficulty: r.difficulty,
  elapsed_days: r.elapsed_days,
  scheduled_days: r.scheduled_days,
  learning_steps: r.learning_steps,
  reps: r.reps,
  lapses: r.lapses,
  state: r.state as State,
  last_review: r.last_review ? new Date(r.last_review) : undefined,
});

/** Recall probability at `now` with fractional days (ts-fsrs's own rounds elapsed time down to whole days). */
export function retrievabilityOf(f: FSRS, card: Pick<Card, 'state' | 'stability' | 'last_review'>, now: Date): number | null {
  if (card.state === State.New || !card.last_review || card.stability <= 0) return null;
  const days = Math.max(0, (now.getTime() - card.last_review.getTime()) / DAY_MS);
  return f.forgetting_curve(days, card.stability);
}

/**
 * How pressing a review is, 0..1: 1 once the card is due (a new card is due from the moment it is enrolled),
 * otherwise how far its recall probability has fallen from 1 towards the retention it is scheduled for
 * (0 right after a review, near 1 just before it falls due).
 */
export function urgencyOf(f: FSRS, card: Card, now: Date): number {
  if (card.due.getTime() <= now.getTime()) return 1;
  const r = retrievabilityOf(f, card, now);
  if (r === null) return 1;
  const target = f.parameters.request_retention;
  return Math.min(1, Math.max(0, (1 - r) / Math.max(1e-6, 1 - target)));
}

function toDTO(f: FSRS, r: CardRow, now: Date): ReviewCardDTO {
  const card = toCard(r);
  return {
    nodeId: r.node_id,
    due: r.due,
    state: STATE_NAMES[r.state] ?? 'new',
    stability: r.stability,
    difficulty: r.difficulty,
    reps: r.reps,
    lapses: r.lapses,
    scheduledDays: r.scheduled_days,
    lastReview: r.last_review,
    createdAt: r.created_at,
    retrievability: retrievabilityOf(f, card, now),
  };
}

function readRow(engine: Engine, nodeId: string): CardRow | undefined {
  return engine.db.prepare('SELECT * FROM review_cards WHERE node_id = ?').get(nodeId) as CardRow | undefined;
}

/** The node's card, or null when it is not enrolled. */
export function getCard(engine: Engine, nodeId: string, now = new Date()): ReviewCardDTO | null {
  const row = readRow(engine, nodeId);
  return row ? toDTO(scheduler(engine), row, now) : null;
}

/** Cards of several nodes at once, by node id (for ranking). Nodes not enrolled are absent from the map. */
export function cardsOf(engine: Engine, nodeIds: readonly string[]): Map<string, Card> {
  if (nodeIds.length === 0) return new Map();
  const rows = engine.db
    .prepare(`SELECT * FROM review_cards WHERE node_id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(nodeIds)) as CardRow[];
  return new Map(rows.map((r) => [r.node_id, toCard(r)]));
}

/** Enrols a live node for review, due at once. Enrolling again keeps the card (and its schedule) as it is. */
export function enrol(engine: Engine, nodeId: string, now = new Date()): ReviewCardDTO {
  return engine.db.transaction(() => {
    engine.nodes.get(nodeId);
    const card = createEmptyCard(now);
    engine.db
      .prepare(
        `INSERT OR IGNORE INTO review_cards (node_id, due, stability, difficulty, elapsed_days, scheduled_days,
           learning_steps, reps, lapses, state, last_review, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
      )
      .run(
        nodeId, card.due.toISOString(), card.stability, card.difficulty, card.elapsed_days, card.scheduled_days,
        card.learning_steps, card.reps, card.lapses, card.state, now.toISOString(),
      );
    return toDTO(scheduler(engine), readRow(engine, nodeId)!, now);
  })();
}

/** Takes a node out of review. Its review history stays; enrolling it again starts a new card. */
export function unenrol(engine: Engine, nodeId: string): { removed: boolean } {
  return { removed: engine.db.prepare('DELETE FROM review_cards WHERE node_id = ?').run(nodeId).changes > 0 };
}

export interface GradeResult {
  /** When the card is next due (same as `card.due`). */
  due: string;
  card: ReviewCardDTO;
  logId: number;
}

/** Records a review: the card's next state and due date, and the log row, in one transaction. */
export function grade(engine: Engine, nodeId: string, rating: ReviewRating, now = new Date()): GradeResult {
  const g = GRADES[rating];
  if (g === undefined) throw new EngramError('invalid_input', `Unknown rating ${String(rating)}; use again, hard, good or easy`);
  const f = scheduler(engine);
  const run = engine.db.transaction((): GradeResult => {
    engine.nodes.get(nodeId);
    const row = readRow(engine, nodeId);
    if (!row) throw new EngramError('conflict', `Node ${nodeId} is not enrolled for review; enrol it first`);
    if (row.last_review && new Date(row.last_review).getTime() > now.getTime()) {
      throw new EngramError('invalid_input', `A review at ${now.toISOString()} would be before the last one (${row.last_review})`);
    }
    const { card, log } = f.next(toCard(row), now, g);
    engine.db
      .prepare(
        `UPDATE review_cards SET due = @due, stability = @stability, difficulty = @difficulty,
           elapsed_days = @elapsed_days, scheduled_days = @scheduled_days, learning_steps = @learning_steps,
           reps = @reps, lapses = @lapses, state = @state, last_review = @last_review
         WHERE node_id = @node_id`,
      )
      .run({
        node_id: nodeId,
        due: card.due.toISOString(),
        stability: card.stability,
        difficulty: card.difficulty,
        elapsed_days: card.elapsed_days,
        scheduled_days: card.scheduled_days,
        learning_steps: card.learning_steps,
        reps: card.reps,
        lapses: card.lapses,
        state: card.state,
        last_review: (card.last_review ?? now).toISOString(),
      });
    const logId = engine.db
      .prepare(
        `INSERT INTO review_logs (node_id, rating, state, due, stability, difficulty, elapsed_days,
           last_elapsed_days, scheduled_days, learning_steps, review)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        nodeId, log.rating, log.state, log.due.toISOString(), log.stability, log.difficulty, log.elapsed_days,
        log.last_elapsed_days, log.scheduled_days, log.learning_steps, log.review.toISOString(),
      ).lastInsertRowid;
    const dto = toDTO(f, readRow(engine, nodeId)!, now);
    return { due: dto.due, card: dto, logId: Number(logId) };
  });
  // IMMEDIATE: read-modify-write of one card must not interleave with another process grading it.
  return run.immediate();
}

export interface ReviewLogDTO {
  id: number;
  nodeId: string;
  rating: ReviewRating | 'manual';
  state: ReviewState;
  due: string;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  review: string;
}

/** A node's review history, oldest first. */
export function history(engine: Engine, nodeId: string): ReviewLogDTO[] {
  const names = ['manual', ...REVIEW_RATINGS] as const;
  const rows = engine.db.prepare('SELECT * FROM review_logs WHERE node_id = ? ORDER BY review, id').all(nodeId) as {
    id: number; node_id: string; rating: number; state: number; due: string; stability: number; difficulty: number;
    scheduled_days: number; review: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    nodeId: r.node_id,
    rating: names[r.rating] ?? 'manual',
    state: STATE_NAMES[r.state] ?? 'new',
    due: r.due,
    stability: r.stability,
    difficulty: r.difficulty,
    scheduledDays: r.scheduled_days,
    review: r.review,
  }));
}

export interface QueueInput {
  now?: Date;
  limit?: number;
  offset?: number;
}

/** Cards due at `now` on live nodes, most overdue first. */
export function queue(engine: Engine, input: QueueInput = {}): { items: QueueItem[]; total: number } {
  const now = input.now ?? new Date();
  const f = scheduler(engine);
  const at = now.toISOString();
  const total = engine.db
    .prepare(
      `SELECT count(*) FROM review_cards r JOIN nodes n ON n.id = r.node_id WHERE n.deleted_at IS NULL AND r.due <= ?`,
    )
    .pluck()
    .get(at) as number;
  const rows = engine.db
    .prepare(
      `SELECT r.*, n.kind, n.title, substr(n.body, 1, 2000) AS head, json_extract(n.metadata, '$.url') AS url
       FROM review_cards r JOIN nodes n ON n.id = r.node_id
       WHERE n.deleted_at IS NULL AND r.due <= ?
       ORDER BY r.due, r.node_id LIMIT ? OFFSET ?`,
    )
    .all(at, input.limit ?? 20, input.offset ?? 0) as (CardRow & { kind: NodeKind; title: string; head: string; url: unknown })[];
  return {
    items: rows.map((r) => ({
      ...toDTO(f, r, now),
      kind: r.kind,
      title: r.title,
      excerpt: excerpt(r.head),
      url: typeof r.url === 'string' ? r.url : null,
    })),
    total,
  };
}

/** Counts for a review badge or dashboard. `timezoneOffsetMinutes` (east of UTC) says where "today" ends. */
export function stats(engine: Engine, input: { now?: Date; timezoneOffsetMinutes?: number } = {}): ReviewStats {
  const now = input.now ?? new Date();
  const offsetMs = (input.timezoneOffsetMinutes ?? 0) * 60_000;
  const localMidnight = Math.floor((now.getTime() + offsetMs) / DAY_MS) * DAY_MS - offsetMs;
  const startOfDay = new Date(localMidnight).toISOString();
  const endOfDay = new Date(localMidnight + DAY_MS).toISOString();
  const row = engine.db
    .prepare(
      `SELECT count(*) AS total,
         coalesce(sum(r.due <= @now), 0) AS dueNow,
         coalesce(sum(r.due < @endOfDay), 0) AS dueToday,
         coalesce(sum(r.state = 0), 0) AS new,
         coalesce(sum(r.state IN (1, 3)), 0) AS learning,
         coalesce(sum(r.state = 2), 0) AS review,
         min(r.due) AS nextDue
       FROM review_cards r JOIN nodes n ON n.id = r.node_id WHERE n.deleted_at IS NULL`,
    )
    .get({ now: now.toISOString(), endOfDay }) as Omit<ReviewStats, 'reviewedToday'>;
  const reviewedToday = engine.db
    .prepare('SELECT count(*) FROM review_logs WHERE review >= ? AND review <= ?')
    .pluck()
    .get(startOfDay, now.toISOString()) as number;
  return { ...row, reviewedToday };
}

/** "2 days", "5 hours", "10 minutes": a duration for people, rounded to its largest unit. */
export function describeSpan(ms: number): string {
  const span = Math.abs(ms);
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (span < 3_600_000) return unit(Math.max(1, Math.round(span / 60_000)), 'minute');
  if (span < DAY_MS) return unit(Math.round(span / 3_600_000), 'hour');
  return unit(Math.round(span / DAY_MS), 'day');
}
