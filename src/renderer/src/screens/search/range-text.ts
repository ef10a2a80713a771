/** A date range the engine read from the query, as people write it: "16–22 Nov", "30 Nov – 6 Dec 2025". */
import { localDateOf, parseLocalDate } from '../../../../shared/journal';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `from` inclusive and `to` exclusive (UTC instants, as the engine returns them), shown in a clock `offsetMinutes` east. */
export function rangeText(range: { from: string; to: string }, offsetMinutes: number, thisYear: number): string {
  const a = parseLocalDate(localDateOf(new Date(range.from), offsetMinutes));
  const b = parseLocalDate(localDateOf(new Date(new Date(range.to).getTime() - 1), offsetMinutes));
  const year = (d: Date) => (d.getUTCFullYear() === thisYear && a.getUTCFullYear() === b.getUTCFullYear() ? '' : ` ${d.getUTCFullYear()}`);
  const dm = (d: Date) => `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
  if (a.getTime() === b.getTime()) return `${dm(a)}${year(a)}`;
  if (a.getUTCFullYear() === b.getUTCFullYear() && a.getUTCMonth() === b.getUTCMonth()) {
    // A whole month reads better by its name.
    const lastDay = new Date(Date.UTC(a.getUTCFullYear(), a.getUTCMonth() + 1, 0)).getUTCDate();
    if (a.getUTCDate() === 1 && b.getUTCDate() === lastDay) return `${MONTHS[a.getUTCMonth()]}${year(a)}`;
    return `${a.getUTCDate()}–${dm(b)}${year(b)}`;
  }
  const sameYear = a.getUTCFullYear() === b.getUTCFullYear();
  return `${dm(a)}${sameYear ? '' : ` ${a.getUTCFullYear()}`} – ${dm(b)}${year(b)}`;
}
