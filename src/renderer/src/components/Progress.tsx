/** A spinner for waits of unknown length, and a progress bar for work that counts (re-indexing, imports). */

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return <span className="spinner" role="status" aria-label={label} />;
}

export interface ProgressBarProps {
  /** Done so far. */
  value: number;
  /** Total; when 0 the bar shows as complete. */
  max: number;
  /** What is progressing, used as the accessible name and shown above the bar. */
  label: string;
  /** Shown after the label, e.g. "120 of 400 passages". Defaults to a percentage. */
  detail?: string;
}

export function ProgressBar({ value, max, label, detail }: ProgressBarProps) {
  const pct = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 100;
  return (
    <div className="progress">
      <div className="progress-text">
        <span>{label}</span>
        <span className="muted">{detail ?? `${pct}%`}</span>
      </div>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={detail ?? `${pct}%`}
      >
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
