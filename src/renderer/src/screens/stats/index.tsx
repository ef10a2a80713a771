/**
 * The library in numbers: what it holds by kind, how far the search index has got, and the space it takes.
 * Index events refresh it live (the shell's live cache); polling covers transports whose events were missed.
 */
import type { LibraryStatsDTO } from '../../../../shared/status';
import { useCall } from '../../client/queries';
import { ProgressBar, QueryState, ScreenHeader } from '../../components';
import { routeHref } from '../../router';
import { kindLabel } from '../search/hit-text';
import { embedderLabel } from '../settings/embedder-label';
import { formatBytes } from './format';
import './stats.css';

const POLL_MS = 4000;

export default function StatsScreen() {
  const stats = useCall<LibraryStatsDTO>('library.stats', {}, { refetchInterval: POLL_MS });

  return (
    <>
      <ScreenHeader title="Stats" />
      <div className="screen-body">
        <QueryState query={stats} loading="Loading stats" failure="Could not read the library's stats">
          {(data) => <StatsBody s={data} />}
        </QueryState>
      </div>
    </>
  );
}

function StatsBody({ s }: { s: LibraryStatsDTO }) {
  const { index, storage } = s;
  const progress = index.progress;
  const reembedding = index.target !== null && index.active !== index.target;
  return (
    <div className="stats">
      <section className="card stats-card" aria-labelledby="stats-items">
        <h2 id="stats-items">Items</h2>
        <dl className="stats-figures">
          <Figure label="Items" value={s.nodes} />
          <Figure label="In the trash" value={s.trashed} />
          <Figure label="Tags" value={s.tags} />
          <Figure label="Versions kept" value={s.versions} />
        </dl>
        {s.byKind.length > 0 && (
          <table className="stats-table" aria-label="Items by kind">
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">Count</th>
              </tr>
            </thead>
            <tbody>
              {s.byKind.map((k) => (
                <tr key={k.kind}>
                  <th scope="row">{kindLabel(k.kind)}</th>
                  <td>{k.count.toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card stats-card" aria-labelledby="stats-index">
        <h2 id="stats-index">Search index</h2>
        <dl className="stats-figures">
          <Figure label="Indexed passages" value={s.chunks} />
          <Figure label="Waiting for embedding" value={index.pending ?? 0} />
        </dl>
        {progress && (
          <ProgressBar
            label={reembedding ? `Re-embedding with ${embedderLabel(index.target!)}` : 'Passages embedded'}
            value={progress.done}
            max={progress.total}
            detail={`${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} passages`}
          />
        )}
        <p className="muted small">
          {index.active
            ? `Searches by meaning use ${embedderLabel(index.active)}${reembedding ? ' until the re-embed finishes' : ''}.`
            : 'No embedder is running, so search uses keywords only.'}{' '}
          <a href={routeHref({ screen: 'settings' })}>Change the embedder in Settings</a>.
        </p>
      </section>

      <section className="card stats-card" aria-labelledby="stats-storage">
        <h2 id="stats-storage">Storage</h2>
        <dl className="stats-figures">
          <Figure label="Database" value={formatBytes(storage.databaseBytes)} />
          <Figure label="Files" value={formatBytes(storage.blobsBytes)} />
          <Figure label="Total" value={formatBytes(storage.databaseBytes + storage.blobsBytes)} />
        </dl>
        <p className="muted small">
          In <code>{s.library}</code>
        </p>
      </section>
    </div>
  );
}

function Figure({ label, value }: { label: string; value: number | string }) {
  return (
    <div className="stats-figure">
      <dt className="muted">{label}</dt>
      <dd>{typeof value === 'number' ? value.toLocaleString() : value}</dd>
    </div>
  );
}
