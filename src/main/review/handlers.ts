/** Bookmarks, highlights, spaced review and "related while writing" as handlers. */
import { z } from 'zod';
import { defineHandlers } from '../engine/handlers';
import { AiUsage, IsoDate, NodeId, PrivacyLevel, Tag } from '../../shared/schemas';
import { addBookmark, addHighlight } from './bookmarks';
import { enrol, grade, queue, REVIEW_RATINGS, stats, unenrol } from './fsrs';
import { related } from './recommend';

/** The clock of the request: tests and imports of past reviews pass it; otherwise the server's now. */
const Now = IsoDate.optional().transform((s) => (s ? new Date(s) : new Date()));

export const BookmarkAdd = z.object({
  url: z.string().trim().min(1).max(8192),
  title: z.string().max(500).optional(),
  note: z.string().max(1_000_000).optional(),
  tags: z.array(Tag).max(200).optional(),
  privacyLevel: PrivacyLevel.optional(),
  aiUsage: AiUsage.optional(),
  remember: z.boolean().default(false),
  now: Now,
});

export const HighlightAdd = z
  .object({
    sourceId: NodeId.optional(),
    url: z.string().trim().min(1).max(8192).optional(),
    text: z.string().trim().min(1).max(100_000),
    note: z.string().max(1_000_000).optional(),
    tags: z.array(Tag).max(200).optional(),
    privacyLevel: PrivacyLevel.optional(),
    aiUsage: AiUsage.optional(),
    remember: z.boolean().default(false),
    now: Now,
  })
  .refine((h) => h.sourceId !== undefined || h.url !== undefined, { message: 'give sourceId or url', path: ['sourceId'] });

const ReviewRef = z.object({ id: NodeId, now: Now });
export const ReviewQueue = z.object({
  limit: z.number().int().min(1).max(500).default(20),
  offset: z.number().int().min(0).default(0),
  now: Now,
});
export const ReviewGrade = z.object({ id: NodeId, rating: z.enum(REVIEW_RATINGS), now: Now });
export const ReviewStats = z.object({
  now: Now,
  /** The caller's clock offset, minutes east of UTC, so "today" ends at their midnight. */
  timezoneOffsetMinutes: z.number().int().min(-900).max(900).default(0),
});
export const RelatedInput = z.object({
  text: z.string().max(200_000),
  excludeId: NodeId.optional(),
  limit: z.number().int().min(1).max(50).default(8),
  /**
   * Leave out items less similar than this raw cosine. Similarity is otherwise relative to the best match, so
   * text about nothing in the library would still get "similar" items; unrelated text measured below 0.2 with
   * the default embedder and related text 0.7-0.8, so 0.3 keeps the sidebar honest (-1 turns it off).
   */
  minCosine: z.number().min(-1).max(1).default(0.3),
  now: Now,
});

export const reviewHandlers = defineHandlers({
  'bookmarks.add': {
    summary: 'Bookmark a web address (http/https, normalised); an address already bookmarked returns that bookmark',
    input: BookmarkAdd,
    run: (e, i) => addBookmark(e, i),
  },
  'highlights.add': {
    summary: 'Keep a passage from a node or web page as a note tagged highlight, linked to its source',
    input: HighlightAdd,
    run: (e, i) => addHighlight(e, i),
  },
  'review.enrol': {
    summary: 'Enrol a node for spaced review (FSRS); due at once, and enrolling again keeps its schedule',
    input: ReviewRef,
    run: (e, { id, now }) => enrol(e, id, now),
  },
  'review.unenrol': {
    summary: 'Take a node out of review; its review history is kept',
    input: z.object({ id: NodeId }),
    run: (e, { id }) => unenrol(e, id),
  },
  'review.queue': {
    summary: 'Cards due now, most overdue first, with title, excerpt and recall probability',
    input: ReviewQueue,
    run: (e, i) => queue(e, i),
  },
  'review.grade': {
    summary: 'Grade a review (again, hard, good, easy): schedules the next one and logs this one',
    input: ReviewGrade,
    run: (e, { id, rating, now }) => grade(e, id, rating, now),
  },
  'review.stats': {
    summary: 'Review counts: due now and today, new, learning, in review, reviewed today',
    input: ReviewStats,
    run: (e, i) => stats(e, i),
  },
  'recommend.related': {
    summary: 'Bookmarks and notes related to text being written, nudged up when due for review, each with a reason',
    input: RelatedInput,
    run: (e, i) => related(e, i),
  },
});
