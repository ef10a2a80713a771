/** The processing steps of a media item with their state; a failed one shows its error and a Retry button. */
import type { StepStateDTO } from '../../../../shared/media-schemas';
import { useAction } from '../../client/actions';
import { TIMELINE_QUERIES } from '../../client/events';

const STATUS_TEXT: Record<StepStateDTO['status'], string> = {
  queued: 'Queued',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  waiting: 'Waiting',
};

export function StepList({ steps }: { steps: StepStateDTO[] }) {
  const run = useAction();
  if (!steps.length) return <p className="muted small">No processing steps.</p>;
  return (
    <ul className="tl-steps" aria-label="Processing steps">
      {steps.map((s) => (
        <li key={s.jobId} className="tl-step" data-status={s.status}>
          <span className="tl-step-dot" aria-hidden="true" />
          <span className="tl-step-main">
            <span className="tl-step-label">{s.label}</span>
            {s.status === 'running' && s.progress !== null && s.progress > 0 && s.progress < 1 && (
              <span className="muted small"> · {Math.round(s.progress * 100)} %</span>
            )}
            {s.attempts > 1 && s.status !== 'done' && <span className="muted small"> · tried {s.attempts} times</span>}
            {s.error && <span className={s.status === 'failed' ? 'tl-step-error' : 'tl-step-note muted'}>{s.error}</span>}
          </span>
          <span className={`badge tl-step-status tl-state-${s.status}`}>{STATUS_TEXT[s.status]}</span>
          {s.status === 'failed' && (
            <button
              type="button"
              className="button button-small"
              aria-label={`Retry ${s.label}`}
              onClick={() => void run('media.retry', { jobId: s.jobId }, { invalidates: TIMELINE_QUERIES, failure: `Could not retry “${s.label}”` })}
            >
              Retry
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
