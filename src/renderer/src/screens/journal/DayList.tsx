/** Days with journal entries, newest first, each with the start of what was written; more days on request. */
import { useState } from 'react';
import { clockOffsetMinutes, type JournalPageDTO } from '../../../../shared/journal';
import { useCall } from '../../client/queries';
import { EmptyState, errorMessage, Skeleton, useArrowKeys } from '../../components';
import { routeHref } from '../../router';
import { dayName } from './days';

const PAGE_DAYS = 30;

export function DayList({ selected, today }: { selected: string; today: string }) {
  const [limit, setLimit] = useState(PAGE_DAYS);
  const page = useCall<JournalPageDTO>('journal.list', { limit, timezoneOffsetMinutes: clockOffsetMinutes() }, {
    placeholderData: (previous) => previous,
  });
  const onKeyDown = useArrowKeys();

  return (
    <nav className="journal-days" aria-labelledby="journal-days-title">
      <h2 id="journal-days-title" className="journal-days-title">
        Entries by day
      </h2>
      {page.isPending ? (
        <Skeleton lines={5} label="Loading days" />
      ) : page.isError ? (
        <p className="form-error">Could not list the journal: {errorMessage(page.error)}</p>
      ) : page.data.days.length === 0 ? (
        <EmptyState compact title="No entries yet">
          What you write today shows up here.
        </EmptyState>
      ) : (
        <>
          <ul className="list" onKeyDown={onKeyDown}>
            {page.data.days.map(({ date, entries }) => {
              const first = entries.find((e) => e.excerpt);
              return (
                <li key={date}>
                  <a
                    className="list-row journal-day-row"
                    href={routeHref({ screen: 'journal', date })}
                    aria-current={date === selected ? 'true' : undefined}
                    data-nav-item
                  >
                    <span className="journal-day-row-head">
                      <span className="journal-day-row-name">{dayName(date, today)}</span>
                      {entries.length > 1 && <span className="badge">{entries.length}</span>}
                    </span>
                    <span className="muted journal-excerpt">{first?.excerpt ?? 'Nothing written yet'}</span>
                  </a>
                </li>
              );
            })}
          </ul>
          {page.data.total > page.data.days.length && (
            <button type="button" className="button button-small journal-more" onClick={() => setLimit((l) => l + PAGE_DAYS)}>
              Show older days
            </button>
          )}
        </>
      )}
    </nav>
  );
}
