/**
 * Settings → Watched folders: folders whose files come in by themselves (a phone's export folder, a synced
 * Drive folder). A folder is on the machine running the engine: on desktop the system picker chooses it; in
 * web mode its path is typed, as the server sees it.
 */
import { useState } from 'react';
import type { WatchedFolderDTO } from '../../../../shared/media-schemas';
import { useClient } from '../../client/context';
import { useCall, useInvalidate } from '../../client/queries';
import { ConfirmDialog, EmptyState, errorMessage, formatDateTime, formatRelative, QueryState, useToast } from '../../components';

// A scan finishes in the background; the list follows it without events.
const REFRESH_MS = 15_000;

export function WatchedFoldersSection() {
  const folders = useCall<WatchedFolderDTO[]>('watch.list', {}, { refetchInterval: REFRESH_MS });
  const client = useClient();
  const invalidate = useInvalidate();
  const toast = useToast();
  const [removing, setRemoving] = useState<WatchedFolderDTO | null>(null);

  const remove = async (folder: WatchedFolderDTO) => {
    setRemoving(null);
    try {
      await client.call('watch.remove', { id: folder.id });
      await invalidate('watch.list');
      toast.success(`Stopped watching ${folder.label || folder.path}`);
    } catch (error) {
      toast.error(`Could not stop watching ${folder.path}: ${errorMessage(error)}`, { retry: () => remove(folder) });
    }
  };

  return (
    <section className="card stack" aria-labelledby="settings-watch">
      <h2 id="settings-watch">Watched folders</h2>
      <p className="muted small">
        What is in a watched folder is added, and so is whatever arrives later. Deleting a file there never deletes it from the library.
      </p>
      <QueryState query={folders} loading="Loading watched folders" failure="Could not list the watched folders" lines={2}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState compact title="No folders are watched yet" />
          ) : (
            <ul className="watch-list" aria-label="Watched folders">
              {list.map((f) => (
                <li key={f.id} className="watch-row">
                  <div className="watch-main">
                    <div className="watch-title">
                      {f.label || f.path}
                      {f.watching ? <span className="badge badge-success">Watching</span> : <span className="badge">Not watching</span>}
                    </div>
                    <code className="watch-path">{f.path}</code>
                    <span className="muted small">
                      {f.lastScanAt ? (
                        <span title={formatDateTime(f.lastScanAt)}>Last scanned {formatRelative(f.lastScanAt)}</span>
                      ) : (
                        'Not scanned yet'
                      )}
                    </span>
                    {f.lastError && (
                      <span className="settings-field-error" role="note">
                        {f.lastError}
                      </span>
                    )}
                  </div>
                  <button type="button" className="button button-small" onClick={() => setRemoving(f)} aria-label={`Stop watching ${f.label || f.path}`}>
                    Stop watching
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      <AddWatchedFolder />
      <ConfirmDialog
        open={removing !== null}
        title="Stop watching this folder?"
        message={
          <p>
            New files in <code>{removing?.path}</code> will no longer be added. What was added already stays in the library.
          </p>
        }
        confirmLabel="Stop watching"
        danger
        onConfirm={() => removing && void remove(removing)}
        onCancel={() => setRemoving(null)}
      />
    </section>
  );
}

function AddWatchedFolder() {
  const client = useClient();
  const invalidate = useInvalidate();
  const toast = useToast();
  const [path, setPath] = useState('');
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const desktop = !!client.pickFolder;

  const add = async () => {
    if (!path.trim()) return setError('Write the folder’s path first');
    setBusy(true);
    setError(null);
    try {
      const folder = await client.call<WatchedFolderDTO>('watch.add', { path: path.trim(), label: label.trim() });
      await invalidate('watch.list');
      setPath('');
      setLabel('');
      toast.success(`Watching ${folder.path}; what is in it now is being added`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const choose = async () => {
    try {
      const picked = await client.pickFolder?.();
      if (picked) setPath(picked);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <form
      className="stack watch-add"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <div className="settings-grid settings-grid-wide">
        <label className="settings-field">
          <span>{desktop ? 'Folder' : 'Folder on the server'}</span>
          <span className="settings-input-row">
            <input
              className="input"
              value={path}
              placeholder={desktop ? 'Choose a folder…' : '/home/me/Pictures/Phone'}
              onChange={(e) => setPath(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'watch-error' : desktop ? undefined : 'watch-hint'}
              spellCheck={false}
              autoComplete="off"
            />
            {desktop && (
              <button type="button" className="button" onClick={() => void choose()}>
                Choose…
              </button>
            )}
          </span>
        </label>
        <label className="settings-field">
          <span>Name (optional)</span>
          <input className="input" value={label} placeholder="the folder’s name" onChange={(e) => setLabel(e.target.value)} autoComplete="off" />
        </label>
      </div>
      {error ? (
        <p id="watch-error" className="settings-field-error" role="alert">
          {error}
        </p>
      ) : (
        !desktop && (
          <p id="watch-hint" className="muted small">
            A folder on the machine running <code>engram serve</code>, written as that machine sees it.
          </p>
        )
      )}
      <div className="row">
        <button type="submit" className="button" disabled={busy || !path.trim()}>
          {busy ? 'Adding…' : 'Watch this folder'}
        </button>
      </div>
    </form>
  );
}
