/** The review screen's decisions and words: keys, progress, when the next review is, the counts line. */
import type { ReviewStats } from '../../../../shared/review-schemas';

export const RATINGS = [
  { rating: 'again', label: 'Again', hint: 'Forgot it', key: '1' },
  { rating: 'hard', label: 'Hard', hint: 'Barely', key: '2' },
  { rating: 'good', label: 'Good', hint: 'Remembered', key: '3' },
  { rating: 'easy', label: 'Easy', hint: 'Easily', key: '4' },
] as const;
export type Rating = (typeof RATINGS)[number]['rating'];

export type ReviewKeyAction = { type: 'show' } | { type: 'grade'; rating: Rating } | null;

/**
 * What a key does on the review screen: Space or Enter shows the answer, then 1–4 grade it (Again, Hard, Good,
 * Easy). Keys with a modifier, and keys while typing or on a button (whose own Enter/Space click them), do nothing.
 */
export function reviewKeyAction(
  e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean },
  shown: boolean,
  context: { typing: boolean; onControl: boolean },
): ReviewKeyAction {
  if (e.ctrlKey || e.metaKey || e.altKey || context.typing) return null;
  if (!shown) return (e.key === ' ' || e.key === 'Enter') && !context.onControl ? { type: 'show' } : null;
  const r = RATINGS.find((x) => x.key === e.key);
  return r ? { type: 'grade', rating: r.rating } : null;
}

/** "Card 3 of 7": `done` graded on this visit, `left` still due (including the one shown). */
export function progressText(done: number, left: number): string {
  const total = done + left;
  return left === 0 ? `All ${total} done` : `Card ${done + 1} of ${total}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** When a review falls due, for people: "in 10 minutes", "in 3 hours", "tomorrow at 09:00", "on 12 Mar 2026". */
export function dueText(dueIso: string, now: Date, locale?: string): string {
  const due = new Date(dueIso);
  const ms = due.getTime() - now.getTime();
  if (ms <= 0) return 'now';
  const time = due.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  if (ms < HOUR) {
    const m = Math.max(1, Math.round(ms / MINUTE));
    return `in ${m} minute${m === 1 ? '' : 's'}`;
  }
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const dayIndex = Math.floor((new Date(due.getFullYear(), due.getMonth(), due.getDate()).getTime() - startOfToday) / DAY + 0.5);
  if (dayIndex === 0) {
    const h = Math.round(ms / HOUR);
    return `in ${h} hour${h === 1 ? '' : 's'} (at ${time})`;
  }
  if (dayIndex === 1) return `tomorrow at ${time}`;
  if (dayIndex < 7) return `on ${due.toLocaleDateString(locale, { weekday: 'long' })} at ${time}`;
  return `on ${due.toLocaleDateString(locale, { dateStyle: 'medium' })}`;
}

/** The counts under the heading, leaving out what is zero (except what is due). */
export function statsParts(s: Omit<ReviewStats, 'nextDue'>): string[] {
  const parts = [`${s.dueNow} due now`];
  if (s.dueToday > s.dueNow) parts.push(`${s.dueToday} due today`);
  if (s.reviewedToday) parts.push(`${s.reviewedToday} reviewed today`);
  if (s.new) parts.push(`${s.new} new`);
  if (s.learning) parts.push(`${s.learning} learning`);
  if (s.review) parts.push(`${s.review} in review`);
  parts.push(`${s.total} enrolled`);
  return parts;
}

/** How likely the card is remembered now, as words for the card's header. */
export function recallText(retrievability: number | null): string | null {
  return retrievability === null ? null : `${Math.round(retrievability * 100)}% likely remembered`;
}

/** The host of a bookmark's address without "www.", for its link text. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}
