/**
 * The dashboard's numbers shaped for display: the monthly counts as chart rows (every one of the last twelve
 * months present, kinds as columns), how far the current batch of media work has got, and what "Optimise
 * storage" did, in words.
 */
import type { DashboardDTO } from '../../../../shared/media-schemas';
import { MONTHS_SHORT } from '../timeline/heatmap-grid';
import { formatBytes } from '../stats/format';

export interface MonthRow {
  month: string;
  /** "Nov", with the year on January and on the first row: "Jan 2026". */
  label: string;
  [kind: string]: number | string;
}

/** The twelve months ending with `thisMonth` (`YYYY-MM`), oldest first. */
export function lastMonths(thisMonth: string, count = 12): string[] {
  const [y, m] = thisMonth.split('-').map(Number);
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y!, m! - 1 - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

/** Chart rows for a stacked bar chart, and the kinds in it, most items first (the stack's order). */
export function monthRows(byKindOverTime: DashboardDTO['byKindOverTime'], thisMonth: string): { rows: MonthRow[]; kinds: string[] } {
  const months = lastMonths(thisMonth);
  const totals = new Map<string, number>();
  for (const r of byKindOverTime) if (months.includes(r.month)) totals.set(r.kind, (totals.get(r.kind) ?? 0) + r.count);
  const kinds = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
  const rows = months.map((month, i): MonthRow => {
    const name = MONTHS_SHORT[Number(month.slice(5, 7)) - 1]!;
    const row: MonthRow = { month, label: i === 0 || month.endsWith('-01') ? `${name} ${month.slice(0, 4)}` : name };
    for (const k of kinds) row[k] = 0;
    return row;
  });
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  for (const r of byKindOverTime) {
    const row = byMonth.get(r.month);
    if (row) row[r.kind] = (row[r.kind] as number) + r.count;
  }
  return { rows, kinds };
}

export interface QueueCounts {
  queued: number;
  running: number;
  done: number;
  failed: number;
  waiting: number;
}

/** Steps that will still run by themselves; waiting steps need the user (a setting) first. */
export const outstanding = (q: QueueCounts): number => q.queued + q.running;

/**
 * Progress of the work under way, counted from when it began: `baseline` is the finished (done or failed) count
 * when the queue was last empty. Null when nothing remains.
 */
export function batchProgress(q: QueueCounts, baseline: number): { value: number; max: number } | null {
  const left = outstanding(q);
  if (left === 0) return null;
  const value = Math.max(0, q.done + q.failed - baseline);
  return { value, max: value + left };
}

/** The baseline to keep after a new reading: reset to the finished count whenever the queue is empty. */
export function nextBaseline(q: QueueCounts, baseline: number | null): number {
  return outstanding(q) === 0 || baseline === null ? q.done + q.failed : baseline;
}

/** Storage by kind with each kind's share of the total (0–1), largest first as the engine sends it. */
export function storageShares(storage: DashboardDTO['storage']): { kind: string; bytes: number; share: number }[] {
  return storage.byKind.map((k) => ({ ...k, share: storage.totalBytes > 0 ? k.bytes / storage.totalBytes : 0 }));
}

/** The toast after "Optimise storage". */
export function optimiseText(r: { freedBytes: number; originalsDropped: number; orphansRemoved: number }): string {
  const parts: string[] = [];
  if (r.originalsDropped) parts.push(`dropped ${r.originalsDropped} original${r.originalsDropped === 1 ? '' : 's'} past the retention age`);
  if (r.orphansRemoved) parts.push(`removed ${r.orphansRemoved} unused file${r.orphansRemoved === 1 ? '' : 's'}`);
  if (!parts.length) return 'Nothing to free: no originals are past the retention age and no files are unused.';
  return `Freed ${formatBytes(r.freedBytes)}: ${parts.join(' and ')}.`;
}

/** What the queue card says above the items with a failed step (`shown` of them listed, `more` beyond those). */
export function failedText(failedSteps: number, shown: number, more: boolean): string {
  const steps = `${failedSteps.toLocaleString()} step${failedSteps === 1 ? '' : 's'} failed`;
  if (shown === 0) return `${steps}.`;
  const items = more ? `more than ${shown} items` : shown === 1 ? 'this item' : `these ${shown} items`;
  return `${steps}, on ${items}. Open ${shown === 1 ? 'it' : 'one'} to see why and retry.`;
}
