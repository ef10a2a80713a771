/** The journal as handlers: today's entry (made on first open) and entries grouped by day. */
import { defineHandlers } from '../engine/handlers';
import { JournalList, JournalToday } from '../../shared/journal';
import { journalEntryFor, listJournal } from './journal';

export const journalHandlers = defineHandlers({
  'journal.today': {
    summary: "The journal entry of today (or of `date`) in the caller's clock, created when missing",
    input: JournalToday,
    run: (e, i) => journalEntryFor(e, i),
  },
  'journal.list': {
    summary: 'Journal entries grouped by local day, newest day first, with excerpts; paged by day',
    input: JournalList,
    run: (e, i) => listJournal(e.db, i),
  },
});
