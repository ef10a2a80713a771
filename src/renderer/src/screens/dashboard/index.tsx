/**
 * The dashboard: what came into the library over the last year by kind, the newest items, the space each kind
 * takes against the budget, and the media pipeline's queue with its progress and the items whose steps failed.
 * Step events keep it live (the shell's live cache, client/events.ts); while work remains it also polls, in
 * case an event was missed.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { clockOffsetMinutes } from '../../../../shared/journal';
import type { DashboardDTO, TimelineItemDTO, TimelinePageDTO } from '../../../../shared/media-schemas';
import { useAction } from '../../client/actions';
import { TIMELINE_QUERIES } from '../../client/events';
import { useCall } from '../../client/queries';
import { EmptyState, errorMessage, ProgressBar, QueryState, ScreenHeader, useToast } from '../../components';
import { routeHref } from '../../router';
import { kindLabel } from '../search/hit-text';
import { formatBytes } from '../stats/format';
import { ItemDrawer, type DrawerTarget } from '../timeline/ItemDrawer';
import { ItemTile, itemTitle, TilesSkeleton } from '../timeline/ItemTile';
import { countText } from '../timeline/time-text';
import { batchProgress, failedText, monthRows, nextBaseline, optimiseText, outstanding, storageShares } from './dashboard-data';
import { KindChart, kindColour } from './KindChart';

const BUSY_POLL_MS = 3000;
/** How many items with a failed step the queue card lists. */
const FAILED_SHOWN = 12;

export default function DashboardScreen() {
  const [busy, setBusy] = useState(false);
  const dash = useCall<DashboardDTO>('dashboard.get', {}, { refetchInterval: busy ? BUSY_POLL_MS : false });
  const queue = dash.data?.queue;
  useEffect(() => setBusy(queue ? outstanding(queue) > 0 : false), [queue]);
  const [target, setTarget] = useState<DrawerTarget | null>(null);
  const run = useAction();
  const toast = useToast();
  const [optimising, setOptimising] = useState(false);

  const optimise = async () => {
    setOptimising(true);
    const result = await run<{ freedBytes: number; originalsDropped: number; orphansRemoved: number }>(
      'media.optimiseStorage',
      {},
      { invalidates: [...TIMELINE_QUERIES, 'library.stats'], failure: 'Could not optimise storage' },
    );
    setOptimising(false);
    if (result) toast.success(optimiseText(result));
  };

  return (
    <>
      <ScreenHeader title="Dashboard">
        <button
          type="button"
          className="button"
          onClick={() => void optimise()}
          disabled={optimising}
          title="Drops originals past the retention age set in Settings (previews and text stay) and removes files nothing uses"
        >
          {optimising ? 'Optimising…' : 'Optimise storage'}
        </button>
      </ScreenHeader>
      <div className="screen-body">
        <QueryState query={dash} loading="Loading the dashboard" failure="Could not read the dashboard">
          {(d) => <DashboardBody d={d} onOpen={(item) => setTarget({ id: item.id, media: item.state !== null, title: itemTitle(item) })} />}
        </QueryState>
      </div>
      <ItemDrawer target={target} onClose={() => setTarget(null)} onOpen={setTarget} />
    </>
  );
}

function DashboardBody({ d, onOpen }: { d: DashboardDTO; onOpen: (item: TimelineItemDTO) => void }) {
  const thisMonth = new Date().toISOString().slice(0, 7);
  const { rows, kinds } = useMemo(() => monthRows(d.byKindOverTime, thisMonth), [d.byKindOverTime, thisMonth]);
  const offsetMinutes = clockOffsetMinutes();

  return (
    <div className="dash">
      <section className="card dash-card dash-wide" aria-labelledby="dash-kinds">
        <h2 id="dash-kinds">Items by kind, last 12 months</h2>
        {kinds.length ? (
          <KindChart rows={rows} kinds={kinds} />
        ) : (
          <EmptyState title="Nothing added in the last year" compact>
            Drop photos anywhere or use Import; notes and journal entries count too.
          </EmptyState>
        )}
      </section>

      <QueueCard queue={d.queue} offsetMinutes={offsetMinutes} onOpen={onOpen} />
      <StorageCard storage={d.storage} />

      <section className="card dash-card dash-wide" aria-labelledby="dash-recent">
        <div className="row">
          <h2 id="dash-recent" className="spacer">
            Recently added
          </h2>
          <a className="button button-small button-ghost" href={routeHref({ screen: 'timeline' })}>
            Open the timeline
          </a>
        </div>
        {d.recent.length ? (
          <div className="tl-grid dash-recent">
            {d.recent.map((item) => (
              <ItemTile key={item.id} item={item} offsetMinutes={offsetMinutes} withDate onOpen={onOpen} />
            ))}
          </div>
        ) : (
          <EmptyState title="Nothing here yet" compact>
            Drop photos anywhere or use Import to add them.
          </EmptyState>
        )}
      </section>
    </div>
  );
}

function QueueCard({ queue, offsetMinutes, onOpen }: { queue: DashboardDTO['queue']; offsetMinutes: number; onOpen: (item: TimelineItemDTO) => void }) {
  // Finished steps when the queue was last empty: the bar counts this batch, not every step ever run.
  const baseline = useRef<number | null>(null);
  baseline.current = nextBaseline(queue, baseline.current);
  const progress = batchProgress(queue, baseline.current);
  const figures: [string, number, string?][] = [
    ['Queued', queue.queued],
    ['Running', queue.running],
    ['Waiting', queue.waiting, 'Steps that wait for a setting, such as a speech-to-text provider for transcripts'],
    ['Failed', queue.failed],
    ['Done', queue.done],
  ];
  return (
    <section className="card dash-card" aria-labelledby="dash-queue">
      <h2 id="dash-queue">Processing</h2>
      <dl className="dash-figures">
        {figures.map(([label, value, hint]) => (
          <div key={label} className="dash-figure" data-kind={label.toLowerCase()} title={hint}>
            <dt className="muted">{label}</dt>
            <dd>{value.toLocaleString()}</dd>
          </div>
        ))}
      </dl>
      {progress ? (
        <ProgressBar label="Processing media" value={progress.value} max={progress.max} detail={`${progress.value.toLocaleString()} of ${countText(progress.max, 'step')}`} />
      ) : (
        <p className="muted small">
          {queue.done + queue.failed === 0 ? 'Nothing to process yet.' : queue.waiting + queue.failed > 0 ? 'Nothing is running now.' : 'All caught up.'}
        </p>
      )}
      {queue.waiting > 0 && (
        <p className="muted small">
          {countText(queue.waiting, 'step')} {queue.waiting === 1 ? 'waits' : 'wait'} for a setting (for example a speech-to-text provider for transcripts).{' '}
          <a href={routeHref({ screen: 'settings' })}>Open Settings</a>
        </p>
      )}
      {queue.failed > 0 && <FailedItems failedSteps={queue.failed} offsetMinutes={offsetMinutes} onOpen={onOpen} />}
    </section>
  );
}

/** The items whose steps failed, newest first, each opening the drawer that says why and offers Retry. */
function FailedItems({ failedSteps, offsetMinutes, onOpen }: { failedSteps: number; offsetMinutes: number; onOpen: (item: TimelineItemDTO) => void }) {
  const failed = useCall<TimelinePageDTO>('timeline.items', { failedOnly: true, limit: FAILED_SHOWN });
  const items = failed.data?.items ?? [];
  return (
    <div className="dash-failed" role="group" aria-labelledby="dash-failed-text">
      <p id="dash-failed-text" className="small tl-step-error">
        {failedText(failedSteps, items.length, Boolean(failed.data?.nextCursor))}
      </p>
      {failed.isPending ? (
        <TilesSkeleton label="Loading the items with a failed step" count={4} />
      ) : failed.isError ? (
        <p className="form-error small">Could not list them: {errorMessage(failed.error)}</p>
      ) : (
        <div className="tl-grid dash-failed-grid">
          {items.map((item) => (
            <ItemTile key={item.id} item={item} offsetMinutes={offsetMinutes} withDate onOpen={onOpen} />
          ))}
        </div>
      )}
      {failed.data?.nextCursor && (
        <p className="muted small">
          The newest {FAILED_SHOWN} are shown; the others carry a “Failed” badge on the <a href={routeHref({ screen: 'timeline' })}>timeline</a>.
        </p>
      )}
    </div>
  );
}

function StorageCard({ storage }: { storage: DashboardDTO['storage'] }) {
  const shares = storageShares(storage);
  return (
    <section className="card dash-card" aria-labelledby="dash-storage">
      <div className="row">
        <h2 id="dash-storage" className="spacer">
          Storage
        </h2>
        <span className="dash-total">{formatBytes(storage.totalBytes)}</span>
      </div>
      <ul className="dash-bars" aria-label="Storage by kind">
        {shares.map((k) => (
          <li key={k.kind} className="dash-bar-row">
            <span className="dash-bar-label">{kindLabel(k.kind)}</span>
            <span className="dash-bar-track" aria-hidden="true">
              <span className="dash-bar-fill" style={{ width: `${Math.max(k.share * 100, k.bytes > 0 ? 1 : 0)}%`, background: kindColour(k.kind) }} />
            </span>
            <span className="dash-bar-value">{formatBytes(k.bytes)}</span>
          </li>
        ))}
      </ul>
      {storage.budgetBytes !== null ? (
        <ProgressBar
          label="Storage budget"
          value={storage.totalBytes}
          max={storage.budgetBytes}
          detail={`${formatBytes(storage.totalBytes)} of ${formatBytes(storage.budgetBytes)}`}
        />
      ) : (
        <p className="muted small">
          No storage budget is set. <a href={routeHref({ screen: 'settings' })}>Set one in Settings</a> to be warned before the disk fills up.
        </p>
      )}
      {storage.warning && (
        <p className="dash-warning" role="status">
          {storage.warning}
        </p>
      )}
    </section>
  );
}
