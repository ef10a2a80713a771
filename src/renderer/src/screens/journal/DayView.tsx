/**
 * One day of the journal: its entry in an editor, and any other journal items of that day. Today opens ready to
 * type into, and its entry is made on the first keystroke; a past day without one offers to add it.
 */
import { useState } from 'react';
import { clockOffsetMinutes, journalTitle, type JournalPageDTO } from '../../../../shared/journal';
import type { NodeDTO } from '../../../../shared/schemas';
import { useAction } from '../../client/actions';
import { useCall } from '../../client/queries';
import { EmptyState, errorMessage, Skeleton } from '../../components';
import { routeHref } from '../../router';
import { dayName } from './days';
import { DraftEntry, EntryEditor } from './EntryEditor';

export function DayView({ day, today }: { day: string; today: string }) {
  // The clock's offset on that day at noon, so an entry added in winter for a summer day gets summer time.
  const timezoneOffsetMinutes = clockOffsetMinutes(new Date(`${day}T12:00:00`));
  const isToday = day === today;
  const todays = useCall<NodeDTO | null>('journal.today', { date: day, timezoneOffsetMinutes, create: false }, { enabled: isToday });
  const listed = useCall<JournalPageDTO>('journal.list', { from: day, to: day, timezoneOffsetMinutes });
  const run = useAction();
  // Today's entry made from the draft field, with what was typed while it was being made.
  const [drafted, setDrafted] = useState<{ day: string; id: string; typed: string } | null>(null);
  const draft = drafted?.day === day ? drafted : null;

  const entries = listed.data?.days[0]?.entries ?? [];
  const mainId = draft?.id ?? (isToday ? todays.data?.id : entries.find((e) => e.journalDate === day)?.id);
  const others = entries.filter((e) => e.id !== mainId);
  const title = journalTitle(day);
  const name = dayName(day, today);
  const error = todays.error ?? listed.error;

  return (
    <article className="journal-day" aria-labelledby="journal-day-title">
      <h2 id="journal-day-title" className="journal-day-title">
        {name === title ? title : `${name} · ${title}`}
      </h2>
      {error ? (
        <p className="form-error">Could not open the journal: {errorMessage(error)}</p>
      ) : mainId ? (
        <EntryEditor id={mainId} label={`Journal entry for ${title}`} autoFocus={isToday} typed={draft?.typed} />
      ) : listed.isPending || todays.isLoading ? (
        <Skeleton lines={6} label="Loading the day" />
      ) : isToday ? (
        <DraftEntry
          label={`Journal entry for ${title}`}
          create={() =>
            run<NodeDTO>('journal.today', { date: day, timezoneOffsetMinutes }, { invalidates: ['journal.list'], failure: 'Could not start the entry' })
          }
          onCreated={(id, typed) => setDrafted({ day, id, typed })}
        />
      ) : (
        <EmptyState
          title="No entry for this day"
          action={
            <button
              type="button"
              className="button button-primary"
              onClick={() =>
                void run('journal.today', { date: day, timezoneOffsetMinutes }, { invalidates: ['journal.list'], failure: 'Could not add the entry' })
              }
            >
              Add entry for this day
            </button>
          }
        >
          Write down what you remember of {title}.
        </EmptyState>
      )}
      {others.length > 0 && (
        <section className="journal-others" aria-label="Also on this day">
          <h3 className="muted">Also on this day</h3>
          <ul className="list">
            {others.map((e) => (
              <li key={e.id}>
                <a className="list-row journal-other" href={routeHref({ screen: 'notes', id: e.id })}>
                  <span className="journal-other-title">{e.title || 'Untitled'}</span>
                  {e.excerpt && <span className="muted journal-excerpt">{e.excerpt}</span>}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
