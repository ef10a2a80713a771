/**
 * What the review handlers answer (src/main/review: `review.queue`, `review.stats`, `recommend.related`),
 * shared by the engine and the renderer.
 */
import type { NodeKind } from './schemas';

export type ReviewState = 'new' | 'learning' | 'review' | 'relearning';

export interface ReviewCardDTO {
  nodeId: string;
  due: string;
  state: ReviewState;
  stability: number;
  difficulty: number;
  reps: number;
  lapses: number;
  /** Days between the last review and `due` (0 while in learning steps). */
  scheduledDays: number;
  lastReview: string | null;
  createdAt: string;
  /** Probability of recall at `now` by the FSRS forgetting curve; null for a card never reviewed. */
  retrievability: number | null;
}

export interface QueueItem extends ReviewCardDTO {
  kind: NodeKind;
  title: string;
  excerpt: string;
  /** The bookmark's address, for bookmarks (and highlights of a web page). */
  url: string | null;
}

export interface ReviewStats {
  /** Cards enrolled (on live nodes). */
  total: number;
  /** Due at `now`. */
  dueNow: number;
  /** Due before the end of the caller's local day. */
  dueToday: number;
  new: number;
  /** In learning or relearning steps. */
  learning: number;
  review: number;
  /** When the next card falls due (ISO), null when none is enrolled. */
  nextDue: string | null;
  /** Gradings since the start of the caller's local day. */
  reviewedToday: number;
}

export interface RelatedItem {
  nodeId: string;
  kind: NodeKind;
  title: string;
  excerpt: string;
  /** The passage that matched best. */
  passage: string;
  url: string | null;
  tags: string[];
  score: number;
  /** 0..1, relative to the closest candidate. */
  similarity: number;
  /** The raw cosine similarity of the best passage to the text; null when keyword ranks stood in for it. */
  cosine: number | null;
  /** 0..1; 0 when not enrolled for review. */
  urgency: number;
  review: { due: string; state: ReviewState; retrievability: number | null } | null;
  /** Why it is shown, in words. */
  reason: string;
}

export interface RelatedResponse {
  items: RelatedItem[];
  /** The embedder that measured similarity, or null when keyword ranks stood in for it. */
  embedder: string | null;
}
