/**
 * The journal: today's entry ready to type into (Ctrl/⌘+J from anywhere), the days before it one click or
 * link away, and a list of every day with entries.
 */
import { addDays } from '../../../../shared/journal';
import { routeHref, useRoute } from '../../router';
import { ScreenHeader } from '../../components';
import { DayList } from './DayList';
import { DayView } from './DayView';
import { shownDay } from './days';
import { useToday } from './use-today';
import './journal.css';

export default function JournalScreen() {
  const route = useRoute();
  const today = useToday();
  const day = shownDay(route.screen === 'journal' ? route.date : undefined, today);

  return (
    <>
      <ScreenHeader title="Journal">
        <nav className="row journal-nav" aria-label="Move between days">
          <a className="button" href={routeHref({ screen: 'journal', date: addDays(day, -1) })}>
            ← Previous day
          </a>
          <a className="button" href={routeHref({ screen: 'journal' })} aria-current={day === today ? 'date' : undefined}>
            Today
          </a>
          {day < today && (
            <a className="button" href={routeHref({ screen: 'journal', date: addDays(day, 1) })}>
              Next day →
            </a>
          )}
        </nav>
      </ScreenHeader>
      <div className="journal">
        {/* Keyed by day: each day starts with its own editor and save state. */}
        <DayView key={day} day={day} today={today} />
        <DayList selected={day} today={today} />
      </div>
    </>
  );
}
