/** Settings → Usage: a month of model calls shaped for the chart and the table, and the budget field. */
import type { UsageDay } from './ai-types';

export type UsageMetric = 'cost' | 'tokens';

export interface UsageRow {
  day: string;
  /** The day of the month, for the axis. */
  label: string;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  calls: number;
}

/** "2026-02" → ["2026-02-01", …, "2026-02-28"]. */
export function daysOfMonth(month: string): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const count = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/** One row per day of the month, days without calls as zeros, so the bars sit on a steady axis. */
export function usageRows(month: string, byDay: UsageDay[]): UsageRow[] {
  const found = new Map(byDay.map((d) => [d.day, d]));
  return daysOfMonth(month).map((day) => {
    const d = found.get(day);
    return {
      day,
      label: String(Number(day.slice(8))),
      costUsd: d?.costUsd ?? 0,
      inputTokens: d?.inputTokens ?? 0,
      outputTokens: d?.outputTokens ?? 0,
      calls: d?.calls ?? 0,
    };
  });
}

export function usageTotals(byDay: Pick<UsageDay, 'calls' | 'inputTokens' | 'outputTokens' | 'costUsd'>[]) {
  return byDay.reduce(
    (t, d) => ({ calls: t.calls + d.calls, inputTokens: t.inputTokens + d.inputTokens, outputTokens: t.outputTokens + d.outputTokens, costUsd: t.costUsd + d.costUsd }),
    { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
  );
}

/** Which measure the chart shows by default: cost once anything cost money, else tokens (local models are free). */
export function defaultMetric(byDay: Pick<UsageDay, 'costUsd'>[]): UsageMetric {
  return byDay.some((d) => d.costUsd > 0) ? 'cost' : 'tokens';
}

/** Dollars with cents, and fractions of a cent for the tiny sums of a few calls. */
export function formatUsd(n: number): string {
  if (n === 0) return '$0.00';
  if (Math.abs(n) < 0.01) return `$${n.toFixed(4)}`;
  return `$${n.toFixed(2)}`;
}

/** 950 → "950", 12_300 → "12.3k", 4_500_000 → "4.5M". */
export function formatTokens(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0).replace(/\.0$/, '')}k`;
  return `${(n / 1_000_000).toFixed(1).replace(/\.0$/, '')}M`;
}

/** "2026-01" moved by `delta` months. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function monthTitle(month: string, locale?: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** The month of `now` as the engine counts months (UTC). */
export const currentMonth = (now = new Date()): string => now.toISOString().slice(0, 7);

/** The budget field: empty means no budget. */
export function parseBudget(text: string): { value: number | null } | { error: string } {
  const t = text.trim().replace(/^\$/, '');
  if (!t) return { value: null };
  const n = Number(t);
  if (!Number.isFinite(n) || n < 0) return { error: 'Write an amount in dollars, such as 5, or leave it empty for no budget' };
  if (n > 100_000) return { error: 'A budget can be at most $100,000 a month' };
  return { value: Math.round(n * 100) / 100 };
}

const FEATURES: Record<string, string> = {
  chat: 'Chat answers',
  describe: 'Photo descriptions',
  themes: 'Note themes',
  profile: 'Profile',
  'summary.day': 'Day summaries',
  'summary.week': 'Weekly recaps',
};
export const featureLabel = (feature: string): string => FEATURES[feature] ?? feature;

/** "ollama:llama3.2@127.0.0.1:11434" → "127.0.0.1:11434"; other ids as they are. */
export function providerHost(provider: string): string {
  const at = provider.lastIndexOf('@');
  return at === -1 ? provider : provider.slice(at + 1);
}
