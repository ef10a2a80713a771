/** Which day the journal shows, and how a day is named, relative to today in the user's clock. */
import { addDays, journalTitle, LocalDate } from '../../../../shared/journal';

/** The route's day when it is a real day, else today. */
export function shownDay(routeDate: string | undefined, today: string): string {
  return routeDate && LocalDate.safeParse(routeDate).success ? routeDate : today;
}

/** "Today", "Yesterday" or "Tomorrow" where they apply, else the full title of the day. */
export function dayName(date: string, today: string): string {
  if (date === today) return 'Today';
  if (date === addDays(today, -1)) return 'Yesterday';
  if (date === addDays(today, 1)) return 'Tomorrow';
  return journalTitle(date);
}
