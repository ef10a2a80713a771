/**
 * Settings → Usage: model calls of a month by day (cost or tokens, as bars) and by feature and model (a table),
 * with the monthly budget: a warning from 80 %, and once it is spent paid models give way to a local one.
 */
import { keepPreviousData } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import { useClient } from '../../client/context';
import { useCall, useInvalidate } from '../../client/queries';
import { errorMessage, ProgressBar, Skeleton, useToast } from '../../components';
import type { UsageSummaryDTO } from './ai-types';
import {
  currentMonth, defaultMetric, featureLabel, formatTokens, formatUsd, monthTitle, parseBudget, providerHost, shiftMonth, usageRows, usageTotals, type UsageMetric, type UsageRow,
} from './usage-data';

/** Mid-tones that read on both themes, like the dashboard's. */
const COLOURS = { cost: '#6366f1', input: '#0ea5e9', output: '#f59e0b' };

export function UsageSection() {
  const [month, setMonth] = useState(currentMonth);
  const usage = useCall<UsageSummaryDTO>('ai.usage', { month }, { placeholderData: keepPreviousData });
  const [chosen, setChosen] = useState<UsageMetric | null>(null);
  const data = usage.data;
  const metric = chosen ?? (data ? defaultMetric(data.byDay) : 'tokens');
  const totals = data ? usageTotals(data.byDay) : null;
  const thisMonth = currentMonth();

  return (
    <section className="card stack" aria-labelledby="settings-usage">
      <div className="usage-head">
        <h2 id="settings-usage">Usage</h2>
        <span className="spacer" />
        <div className="row usage-month" role="group" aria-label="Month shown">
          <button type="button" className="icon-button" aria-label="Previous month" onClick={() => setMonth((m) => shiftMonth(m, -1))}>
            ‹
          </button>
          <span className="usage-month-name" aria-live="polite">
            {monthTitle(month)}
          </span>
          <button type="button" className="icon-button" aria-label="Next month" disabled={month >= thisMonth} onClick={() => setMonth((m) => shiftMonth(m, 1))}>
            ›
          </button>
        </div>
      </div>
      {usage.isPending ? (
        <Skeleton lines={5} label="Loading usage" />
      ) : usage.isError ? (
        <p className="form-error">Could not read the usage: {errorMessage(usage.error)}</p>
      ) : (
        <>
          {data!.budget.warning && (
            <p className={data!.budget.exceeded ? 'form-error' : 'usage-warning'} role="alert">
              {data!.budget.warning}
            </p>
          )}
          <p className="usage-totals" data-loading={usage.isPlaceholderData || undefined}>
            <strong>{totals!.calls === 1 ? '1 call' : `${totals!.calls.toLocaleString()} calls`}</strong>
            <span>
              {formatTokens(totals!.inputTokens)} tokens in, {formatTokens(totals!.outputTokens)} out
            </span>
            <span>{formatUsd(totals!.costUsd)} estimated</span>
          </p>
          {totals!.calls === 0 ? (
            <p className="muted small">No model was called in {monthTitle(month)}.</p>
          ) : (
            <>
              <div className="segmented usage-metric" role="group" aria-label="Chart shows">
                <button type="button" aria-pressed={metric === 'cost'} onClick={() => setChosen('cost')}>
                  Cost
                </button>
                <button type="button" aria-pressed={metric === 'tokens'} onClick={() => setChosen('tokens')}>
                  Tokens
                </button>
              </div>
              <UsageChart rows={usageRows(month, data!.byDay)} metric={metric} month={month} />
              <FeatureTable data={data!} />
            </>
          )}
        </>
      )}
      {data && <BudgetForm key={String(data.budget.budgetUsd)} budgetUsd={data.budget.budgetUsd} spentUsd={data.budget.spentUsd} />}
    </section>
  );
}

function UsageChart({ rows, metric, month }: { rows: UsageRow[]; metric: UsageMetric; month: string }) {
  return (
    <div className="usage-chart-block">
      <div className="usage-chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={200}>
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: metric === 'cost' ? 0 : -8 }}>
            <CartesianGrid vertical={false} strokeDasharray="3 3" />
            <XAxis dataKey="label" tickLine={false} fontSize={11} interval="preserveStartEnd" minTickGap={8} />
            <YAxis
              tickLine={false}
              axisLine={false}
              fontSize={11}
              allowDecimals={metric === 'cost'}
              tickFormatter={(v: number) => (metric === 'cost' ? formatUsd(v) : formatTokens(v))}
            />
            <Tooltip cursor={{ fill: 'var(--bg-hover)' }} content={<DayTooltip month={month} />} />
            {metric === 'cost' ? (
              <Bar dataKey="costUsd" name="Cost" fill={COLOURS.cost} maxBarSize={18} isAnimationActive={false} />
            ) : (
              [
                <Bar key="in" dataKey="inputTokens" name="Tokens in" stackId="t" fill={COLOURS.input} maxBarSize={18} isAnimationActive={false} />,
                <Bar key="out" dataKey="outputTokens" name="Tokens out" stackId="t" fill={COLOURS.output} maxBarSize={18} isAnimationActive={false} />,
              ]
            )}
            {metric === 'tokens' && <Legend iconType="square" iconSize={10} wrapperStyle={{ fontSize: 12 }} />}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="visually-hidden">
        <caption>Model use by day in {monthTitle(month)}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Calls</th>
            <th scope="col">Tokens in</th>
            <th scope="col">Tokens out</th>
            <th scope="col">Cost</th>
          </tr>
        </thead>
        <tbody>
          {rows
            .filter((r) => r.calls > 0)
            .map((r) => (
              <tr key={r.day}>
                <th scope="row">{r.day}</th>
                <td>{r.calls}</td>
                <td>{r.inputTokens}</td>
                <td>{r.outputTokens}</td>
                <td>{formatUsd(r.costUsd)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}

function DayTooltip(props: Partial<TooltipContentProps<number, string>> & { month: string }) {
  const row = props.payload?.[0]?.payload as UsageRow | undefined;
  if (!props.active || !row) return null;
  const date = new Date(`${row.day}T12:00:00Z`).toLocaleDateString(undefined, { day: 'numeric', month: 'long', timeZone: 'UTC' });
  return (
    <div className="dash-tip">
      <strong>{date}</strong>
      <span className="dash-tip-row">
        Calls<span className="dash-tip-value">{row.calls}</span>
      </span>
      <span className="dash-tip-row">
        Tokens in<span className="dash-tip-value">{row.inputTokens.toLocaleString()}</span>
      </span>
      <span className="dash-tip-row">
        Tokens out<span className="dash-tip-value">{row.outputTokens.toLocaleString()}</span>
      </span>
      <span className="dash-tip-row">
        Cost<span className="dash-tip-value">{formatUsd(row.costUsd)}</span>
      </span>
    </div>
  );
}

function FeatureTable({ data }: { data: UsageSummaryDTO }) {
  return (
    <div className="usage-table-wrap">
      <table className="usage-table">
        <caption className="visually-hidden">Model use by feature and model in {monthTitle(data.month)}</caption>
        <thead>
          <tr>
            <th scope="col">Feature</th>
            <th scope="col">Model</th>
            <th scope="col" className="num">
              Calls
            </th>
            <th scope="col" className="num">
              Tokens in
            </th>
            <th scope="col" className="num">
              Tokens out
            </th>
            <th scope="col" className="num">
              Cost
            </th>
          </tr>
        </thead>
        <tbody>
          {data.byFeature.map((f) => (
            <tr key={`${f.feature}|${f.provider}|${f.model}`}>
              <th scope="row">{featureLabel(f.feature)}</th>
              <td>
                {f.model} <span className="muted small">at {providerHost(f.provider)}</span>
              </td>
              <td className="num">{f.calls.toLocaleString()}</td>
              <td className="num">{formatTokens(f.inputTokens)}</td>
              <td className="num">{formatTokens(f.outputTokens)}</td>
              <td className="num">{formatUsd(f.costUsd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function BudgetForm({ budgetUsd, spentUsd }: { budgetUsd: number | null; spentUsd: number }) {
  const client = useClient();
  const invalidate = useInvalidate();
  const toast = useToast();
  const id = useId();
  const [text, setText] = useState(budgetUsd === null ? '' : String(budgetUsd));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const parsed = parseBudget(text);
  const dirty = 'value' in parsed ? parsed.value !== budgetUsd : true;

  const save = async () => {
    if ('error' in parsed) return setError(parsed.error);
    setError(null);
    setBusy(true);
    try {
      await client.call('ai.budget.set', { monthlyUsd: parsed.value });
      await invalidate('ai.usage', 'ai.providers.get');
      toast.success(parsed.value === null ? 'No monthly AI budget.' : `Monthly AI budget set to ${formatUsd(parsed.value)}.`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="settings-fieldset usage-budget"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {budgetUsd !== null && budgetUsd > 0 && (
        <ProgressBar value={Math.min(spentUsd, budgetUsd)} max={budgetUsd} label="This month’s budget used" detail={`${formatUsd(spentUsd)} of ${formatUsd(budgetUsd)}`} />
      )}
      <div className="settings-field">
        <label htmlFor={`${id}-budget`}>Monthly budget</label>
        <span className="settings-input-row">
          <span className="muted">$</span>
          <input
            id={`${id}-budget`}
            className="input settings-number"
            inputMode="decimal"
            value={text}
            placeholder="No budget"
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="button" disabled={busy || !dirty}>
            {busy ? 'Saving…' : 'Save budget'}
          </button>
        </span>
        {error && (
          <span id={`${id}-error`} className="settings-field-error">
            {error}
          </span>
        )}
        <span id={`${id}-hint`} className="muted small">
          {formatUsd(spentUsd)} spent this month. A warning shows from 80 % of the budget; once it is spent, paid models are set aside
          for a local one (or answers without a model) until the month ends. Empty means no budget.
        </span>
      </div>
    </form>
  );
}
