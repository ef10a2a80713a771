/**
 * Items by kind per month over the last year, as stacked bars. Colours are mid-tones that read on both themes;
 * axis text and grid lines take the theme's variables through styles.css. A table under it (visually hidden)
 * gives screen readers the same numbers.
 */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import { kindLabel } from '../search/hit-text';
import type { MonthRow } from './dashboard-data';

/** One colour per kind, the same in the chart and the storage bars. */
const KIND_COLOURS: Record<string, string> = {
  photo: '#6366f1', video: '#ec4899', audio: '#10b981', document: '#0ea5e9', screenshot: '#a855f7', camera_frame: '#14b8a6',
  note: '#f59e0b', journal: '#ef4444', memory: '#84cc16', bookmark: '#d946ef', transcript: '#22c55e', summary: '#f97316',
};
const OTHER = ['#64748b', '#78716c', '#0891b2', '#65a30d'];
export function kindColour(kind: string): string {
  return KIND_COLOURS[kind] ?? OTHER[[...kind].reduce((h, c) => h + c.charCodeAt(0), 0) % OTHER.length]!;
}

export function KindChart({ rows, kinds }: { rows: MonthRow[]; kinds: string[] }) {
  return (
    <>
      <div className="dash-chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid vertical={false} strokeDasharray="3 3" />
            <XAxis dataKey="label" tickLine={false} interval={0} fontSize={11} />
            <YAxis allowDecimals={false} tickLine={false} axisLine={false} fontSize={11} />
            <Tooltip cursor={{ fill: 'var(--bg-hover)' }} content={<MonthTooltip />} />
            <Legend iconType="square" iconSize={10} wrapperStyle={{ fontSize: 12 }} formatter={(k: string) => kindLabel(k)} />
            {kinds.map((k) => (
              <Bar key={k} dataKey={k} name={k} stackId="items" fill={kindColour(k)} maxBarSize={36} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="visually-hidden">
        <caption>Items by kind per month</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            {kinds.map((k) => (
              <th key={k} scope="col">
                {kindLabel(k)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.month}>
              <th scope="row">{monthName(r.month)}</th>
              {kinds.map((k) => (
                <td key={k}>{r[k]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const monthName = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

/** The hovered month's counts, kinds with none left out. */
function MonthTooltip(props: Partial<TooltipContentProps<number, string>>) {
  const row = props.payload?.[0]?.payload as MonthRow | undefined;
  if (!props.active || !row) return null;
  const shown = (props.payload ?? []).filter((p) => Number(p.value) > 0).reverse();
  return (
    <div className="dash-tip">
      <strong>{monthName(row.month)}</strong>
      {shown.length ? (
        shown.map((p) => (
          <span key={String(p.dataKey)} className="dash-tip-row">
            <span className="dash-tip-swatch" style={{ background: kindColour(String(p.dataKey)) }} />
            {kindLabel(String(p.dataKey))}
            <span className="dash-tip-value">{Number(p.value).toLocaleString()}</span>
          </span>
        ))
      ) : (
        <span className="muted">Nothing</span>
      )}
    </div>
  );
}
