/**
 * Review: what is due for spaced review (FSRS), one card at a time. The title (and a bookmark's address) first;
 * Show (Space) brings the note, then Again / Hard / Good / Easy (1–4) schedule the next review. Beside it the
 * counts and a form to bookmark an address, optionally enrolled for review at once.
 */
import { useEffect, useMemo, useState } from 'react';
import { clockOffsetMinutes } from '../../../../shared/journal';
import type { QueueItem, ReviewState, ReviewStats } from '../../../../shared/review-schemas';
import { useAction } from '../../client/actions';
import { useCall, useInvalidate } from '../../client/queries';
import { EmptyState, errorMessage, isTypingTarget, Kbd, ProgressBar, QueryState, ScreenHeader, Skeleton, useToast } from '../../components';
import { routeHref } from '../../router';
import { kindLabel } from '../search/hit-text';
import { BookmarkForm } from './BookmarkForm';
import { dueText, hostOf, progressText, RATINGS, recallText, reviewKeyAction, statsParts, type Rating } from './review-logic';

interface QueueDTO {
  items: QueueItem[];
  total: number;
}

const QUEUE_PAGE = 50;
/** Queries the queue at this instant to find the earliest card of all, i.e. when the next review is. */
const FAR_FUTURE = new Date(Date.UTC(2200, 0, 1)).toISOString();
/** A next review closer than this refreshes the screen by itself when it falls due. */
const WATCH_MS = 60 * 60_000;

const STATE_TEXT: Record<ReviewState, string> = { new: 'New', learning: 'Learning', review: 'Review', relearning: 'Relearning' };

export default function ReviewScreen() {
  const offset = useMemo(() => clockOffsetMinutes(), []);
  const queue = useCall<QueueDTO>('review.queue', { limit: QUEUE_PAGE });
  const stats = useCall<ReviewStats>('review.stats', { timezoneOffsetMinutes: offset });
  const [done, setDone] = useState(0);

  return (
    <>
      <ScreenHeader title="Review" />
      <div className="screen-body">
        <div className="review">
          <div className="review-main">
            {stats.data && (
              <p className="review-stats muted small" aria-label="Review counts">
                {statsParts(stats.data).join(' · ')}
              </p>
            )}
            <QueryState query={queue} loading="Loading the review queue" failure="Could not read the review queue" lines={6}>
              {(q) => (q.items[0] ? <Reviewer key={q.items[0].nodeId} item={q.items[0]} done={done} left={q.total} onGraded={() => setDone((d) => d + 1)} /> : <NothingDue done={done} />)}
            </QueryState>
          </div>
          <aside className="review-side">
            <BookmarkForm />
          </aside>
        </div>
      </div>
    </>
  );
}

function Reviewer({ item, done, left, onGraded }: { item: QueueItem; done: number; left: number; onGraded: () => void }) {
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const run = useAction();
  const toast = useToast();

  const grade = async (rating: Rating) => {
    if (busy) return;
    setBusy(true);
    const result = await run<{ due: string }>('review.grade', { id: item.nodeId, rating }, { invalidates: ['review.queue', 'review.stats'], failure: 'Could not save the grade' });
    setBusy(false);
    if (!result) return;
    onGraded();
    toast.info(`“${item.title || 'Untitled'}” comes back ${dueText(result.due, new Date())}.`, { duration: 3000 });
  };

  const stop = async () => {
    setBusy(true);
    const result = await run('review.unenrol', { id: item.nodeId }, { invalidates: ['review.queue', 'review.stats'], failure: 'Could not take it out of review' });
    setBusy(false);
    if (result) toast.info(`“${item.title || 'Untitled'}” is no longer reviewed.`);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || document.querySelector('dialog[open], [cmdk-dialog]')) return;
      const target = e.target as HTMLElement | null;
      const action = reviewKeyAction(e, shown, { typing: isTypingTarget(target), onControl: !!target?.closest?.('button, a, summary') });
      if (!action) return;
      e.preventDefault();
      if (action.type === 'show') setShown(true);
      else void grade(action.rating);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const recall = recallText(item.retrievability);
  return (
    <div className="stack">
      <ProgressBar value={done} max={done + left} label="Due now" detail={progressText(done, left)} />
      <section className="card review-card" aria-labelledby="review-card-title" aria-busy={busy || undefined}>
        <div className="review-card-head">
          <span className="badge">{kindLabel(item.kind)}</span>
          <span className="muted small">
            {STATE_TEXT[item.state]}
            {recall ? ` · ${recall}` : ''}
          </span>
          <span className="spacer" />
          <a className="small" href={routeHref({ screen: 'notes', id: item.nodeId })}>
            Open
          </a>
        </div>
        <h2 id="review-card-title" className="review-card-title">
          {item.title || 'Untitled'}
        </h2>
        {item.url && (
          <a className="review-card-url" href={item.url} target="_blank" rel="noopener noreferrer">
            {hostOf(item.url)} ↗
          </a>
        )}
        {shown ? (
          <>
            <div className="review-card-answer">{item.excerpt ? <p>{item.excerpt}</p> : <p className="muted">Nothing is written in it: recall what the page was about.</p>}</div>
            <div className="review-grades" role="group" aria-label="How well did you remember it?">
              {RATINGS.map((r) => (
                <button key={r.rating} type="button" className={`button review-grade review-grade-${r.rating}`} disabled={busy} aria-keyshortcuts={r.key} onClick={() => void grade(r.rating)}>
                  <span className="review-grade-label">
                    <Kbd keys={[r.key]} /> {r.label}
                  </span>
                  <span className="review-grade-hint">{r.hint}</span>
                </button>
              ))}
            </div>
          </>
        ) : (
          <div className="review-show">
            <p className="muted small">Recall what it says, then check.</p>
            <button type="button" className="button button-primary" aria-keyshortcuts="Space" onClick={() => setShown(true)} autoFocus>
              Show <Kbd keys={['Space']} />
            </button>
          </div>
        )}
        <div className="review-card-foot">
          <button type="button" className="button button-small button-ghost" disabled={busy} onClick={() => void stop()}>
            Stop reviewing this
          </button>
        </div>
      </section>
    </div>
  );
}

/** The queue is empty: when the next card falls due (and the screen refreshes itself then, if that is soon). */
function NothingDue({ done }: { done: number }) {
  const invalidate = useInvalidate();
  const next = useCall<QueueDTO>('review.queue', { limit: 1, now: FAR_FUTURE }, { staleTime: 0 });
  const due = next.data?.items[0]?.due;

  useEffect(() => {
    if (!due) return;
    const ms = Date.parse(due) - Date.now();
    if (ms > WATCH_MS) return;
    const timer = setTimeout(() => void invalidate('review.queue', 'review.stats'), Math.max(0, ms) + 1000);
    return () => clearTimeout(timer);
  }, [due, invalidate]);

  if (next.isPending) return <Skeleton lines={2} label="Loading the next review" />;
  if (next.isError) return <p className="form-error">Could not read the review queue: {errorMessage(next.error)}</p>;
  return (
    <EmptyState title={due ? `Nothing due — next review ${dueText(due, new Date())}` : 'Nothing to review yet'}>
      {done > 0 && <p>{done === 1 ? 'One card reviewed.' : `${done} cards reviewed.`} Well done.</p>}
      {due ? (
        <p>Cards come back when you are about to forget them.</p>
      ) : (
        <p>Bookmark a page with “Remember it” ticked, or enrol a note, and it will come back here just before you would forget it.</p>
      )}
    </EmptyState>
  );
}
