import { describe, expect, it } from 'vitest';
import { daysOfMonth, defaultMetric, featureLabel, formatTokens, formatUsd, monthTitle, parseBudget, providerHost, shiftMonth, usageRows, usageTotals } from './usage-data';

const day = (d: string, costUsd: number, inputTokens = 100, outputTokens = 20, calls = 1) => ({ day: d, costUsd, inputTokens, outputTokens, calls });

describe('usage chart data', () => {
  it('has every day of the month, zeros where nothing was called', () => {
    expect(daysOfMonth('2026-02')).toHaveLength(28);
    expect(daysOfMonth('2024-02')).toHaveLength(29);
    const rows = usageRows('2026-07', [day('2026-07-03', 0.5), day('2026-07-31', 0.25)]);
    expect(rows).toHaveLength(31);
    expect(rows[0]).toEqual({ day: '2026-07-01', label: '1', costUsd: 0, inputTokens: 0, outputTokens: 0, calls: 0 });
    expect(rows[2]).toMatchObject({ label: '3', costUsd: 0.5, inputTokens: 100, calls: 1 });
    expect(rows[30]!.costUsd).toBe(0.25);
  });

  it('adds the month up and picks cost only when something cost money', () => {
    expect(usageTotals([day('a', 0.5), day('b', 0.25, 10, 5, 2)])).toEqual({ calls: 3, inputTokens: 110, outputTokens: 25, costUsd: 0.75 });
    expect(defaultMetric([day('a', 0)])).toBe('tokens');
    expect(defaultMetric([day('a', 0), day('b', 0.001)])).toBe('cost');
  });

  it('formats money and tokens', () => {
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.00123)).toBe('$0.0012');
    expect(formatUsd(3.456)).toBe('$3.46');
    expect(formatTokens(950)).toBe('950');
    expect(formatTokens(1234)).toBe('1.2k');
    expect(formatTokens(12_345)).toBe('12k');
    expect(formatTokens(4_500_000)).toBe('4.5M');
    expect(formatTokens(2_000_000)).toBe('2M');
  });

  it('moves between months', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(monthTitle('2026-07', 'en-GB')).toBe('July 2026');
  });

  it('reads the budget field', () => {
    expect(parseBudget('')).toEqual({ value: null });
    expect(parseBudget(' $5 ')).toEqual({ value: 5 });
    expect(parseBudget('2.499')).toEqual({ value: 2.5 });
    expect(parseBudget('-1')).toHaveProperty('error');
    expect(parseBudget('lots')).toHaveProperty('error');
    expect(parseBudget('200000')).toHaveProperty('error');
  });

  it('names features and hosts', () => {
    expect(featureLabel('chat')).toBe('Chat answers');
    expect(featureLabel('summary.week')).toBe('Weekly recaps');
    expect(featureLabel('other')).toBe('other');
    expect(providerHost('ollama:llama3.2@127.0.0.1:11434')).toBe('127.0.0.1:11434');
    expect(providerHost('odd')).toBe('odd');
  });
});
