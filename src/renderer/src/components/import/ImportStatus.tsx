/**
 * The import's cards among the toasts: the import under way (a progress bar in bytes and files, the file being
 * sent, Cancel), and one card per finished import with its summary and a Details button that lists what was
 * not added and why. They join the toasts' column (`section.toasts` of Toasts.tsx) so notifications stack in
 * one place; without it they get a corner of their own.
 */
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { ImportResult, UploadProgress } from '../../../../shared/client';
import { Dialog } from '../Dialog';
import { ProgressBar } from '../Progress';
import { displayName, importTitle, outcomeGroups, progressDetail, summaryText } from './import-text';

export interface ActiveImport {
  id: number;
  files: File[];
  label?: string;
  progress: UploadProgress;
  cancelling: boolean;
}

export interface FinishedImport {
  id: number;
  label?: string;
  result?: ImportResult;
  error?: string;
}

// A clean result leaves on its own; one with files not added stays until dismissed, like an error toast.
const CLEAN_RESULT_MS = 8000;

interface Props {
  active: ActiveImport | null;
  waiting: number;
  finished: FinishedImport[];
  onCancel: () => void;
  onDismiss: (id: number) => void;
  onRetry: (id: number) => void;
}

export function ImportStatus({ active, waiting, finished, onCancel, onDismiss, onRetry }: Props) {
  const [details, setDetails] = useState<FinishedImport | null>(null);
  const [host, setHost] = useState<Element | null>(null);
  useEffect(() => setHost(document.querySelector('section.toasts')), []);
  const cards = (active || finished.length > 0) && (
    <div className="import-status-cards" role="group" aria-label="Imports">
      {/* Oldest first: the newest sits at the bottom, as toasts do. */}
      {[...finished].reverse().map((f) => (
        <ResultCard key={f.id} item={f} onDismiss={() => onDismiss(f.id)} onDetails={() => setDetails(f)} onRetry={() => onRetry(f.id)} />
      ))}
      {active && (
        <div className="import-card import-card-active">
          <ProgressBar label={importTitle(active.files, active.label)} value={active.progress.sentBytes} max={active.progress.totalBytes} detail={progressDetail(active.progress)} />
          <div className="import-card-row">
            <span className="import-current muted small" title={active.progress.currentFile ?? undefined}>
              {active.cancelling ? 'Cancelling…' : active.progress.currentFile ? displayName(active.progress.currentFile) : 'Finishing…'}
              {waiting > 0 && ` · ${waiting} more waiting`}
            </span>
            <button type="button" className="button button-small" onClick={onCancel} disabled={active.cancelling}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </div>
  );
  return (
    <>
      {cards && (host ? createPortal(cards, host) : <section className="import-status">{cards}</section>)}
      <ImportDetails item={details} onClose={() => setDetails(null)} />
    </>
  );
}

function ResultCard({ item, onDismiss, onDetails, onRetry }: { item: FinishedImport; onDismiss: () => void; onDetails: () => void; onRetry: () => void }) {
  const r = item.result;
  const trouble = !r || r.rejected + r.skipped > 0;
  // The card's identity decides its timer, not the callback's (a new function each render).
  const dismiss = useRef(onDismiss);
  dismiss.current = onDismiss;
  useEffect(() => {
    if (trouble) return;
    const timer = setTimeout(() => dismiss.current(), CLEAN_RESULT_MS);
    return () => clearTimeout(timer);
  }, [item.id, trouble]);
  const tone = !r ? 'error' : r.rejected + r.skipped > 0 ? 'warning' : r.cancelled ? 'info' : 'success';
  const worthDetails = r && r.duplicates + r.rejected + r.skipped > 0;
  return (
    <div className={`import-card import-card-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <span className="import-card-message">
        {r ? summaryText(r, item.label) : `${item.label ?? 'The import'} failed: ${item.error}`}
      </span>
      {worthDetails && (
        <button type="button" className="button button-small" onClick={onDetails}>
          Details
        </button>
      )}
      {!r && (
        <button type="button" className="button button-small" onClick={onRetry}>
          Retry
        </button>
      )}
      <button type="button" className="icon-button" aria-label="Dismiss import summary" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}

export function ImportDetails({ item, onClose }: { item: FinishedImport | null; onClose: () => void }) {
  const groups = item?.result ? outcomeGroups(item.result.outcomes) : [];
  return (
    <Dialog
      open={item !== null}
      onClose={onClose}
      title="What became of each file"
      wide
      actions={
        <button type="button" className="button" onClick={onClose} autoFocus>
          Close
        </button>
      }
    >
      <div className="import-details">
        {groups.map((g) =>
          g.title === 'Added' && groups.length > 1 ? (
            <details key={g.title}>
              <summary>
                {g.title} ({g.items.length.toLocaleString()})
              </summary>
              <OutcomeList items={g.items} />
            </details>
          ) : (
            <section key={g.title} aria-label={g.title}>
              <h3 className={`import-group import-group-${g.tone}`}>
                {g.title} ({g.items.length.toLocaleString()})
              </h3>
              <OutcomeList items={g.items} />
            </section>
          ),
        )}
      </div>
    </Dialog>
  );
}

function OutcomeList({ items }: { items: NonNullable<FinishedImport['result']>['outcomes'] }) {
  return (
    <ul className="import-outcomes">
      {items.map((o, i) => (
        <li key={`${o.file}-${i}`}>
          <span className="import-file" title={o.file}>
            {displayName(o.file)}
          </span>
          {o.reason && <span className="muted small">{o.reason}</span>}
        </li>
      ))}
    </ul>
  );
}
