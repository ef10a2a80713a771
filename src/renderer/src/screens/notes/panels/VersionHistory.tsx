/**
 * Version history: every saved state of the note, newest first. Pick one to see what changed in it (or what
 * restoring it would change), and restore it; the restore is itself a new version, and Undo goes back.
 */
import { useState } from 'react';
import type { NodeDTO, VersionDTO } from '../../../../../shared/schemas';
import { useAction } from '../../../client/actions';
import { useCall } from '../../../client/queries';
import { EmptyState, formatDateTime, formatRelative, Skeleton, useArrowKeys, useToast } from '../../../components';
import { DiffView } from './DiffView';

interface Props {
  node: NodeDTO;
  onClose: () => void;
  /** Saves pending edits, so a restore cannot be overwritten by them a moment later. */
  beforeRestore: () => Promise<void>;
  onRestored: (node: NodeDTO) => void;
}

type Compare = 'previous' | 'current';

export function VersionHistory({ node, onClose, beforeRestore, onRestored }: Props) {
  const run = useAction();
  const toast = useToast();
  const arrows = useArrowKeys();
  const versions = useCall<VersionDTO[]>('versions.list', { id: node.id });
  const [picked, setPicked] = useState<number | null>(null);
  const [compare, setCompare] = useState<Compare>('previous');

  const latest = versions.data?.[0]?.version;
  const selected = versions.data?.find((v) => v.version === picked) ?? versions.data?.[0];

  const restore = async (version: number, undoTo: number) => {
    await beforeRestore();
    const restored = await run<NodeDTO>('versions.restore', { id: node.id, version }, {
      invalidates: ['versions.list', 'notes.list', 'notes.links', 'notes.chunks', 'search.query', 'tags.list'],
      failure: `Could not restore version ${version}`,
    });
    if (!restored) return;
    onRestored(restored);
    setPicked(null);
    toast.info(`Restored version ${version}`, { undo: () => restore(undoTo, version) });
  };

  return (
    <section className="history" aria-label="Version history">
      <header className="history-header">
        <h2>Version history</h2>
        <button type="button" className="icon-button" aria-label="Close version history" onClick={onClose}>
          ×
        </button>
      </header>
      {versions.isPending ? (
        <div className="history-detail">
          <Skeleton lines={5} label="Loading versions" />
        </div>
      ) : versions.isError ? (
        <EmptyState title="Could not load the history" action={<button type="button" className="button" onClick={() => void versions.refetch()}>Retry</button>}>
          {versions.error.message}
        </EmptyState>
      ) : versions.data.length === 0 ? (
        <EmptyState title="No versions yet" compact>
          Each save of the title or text keeps a version here.
        </EmptyState>
      ) : (
        <>
          <ol className="list history-versions" aria-label="Versions" onKeyDown={arrows}>
            {versions.data.map((v) => (
              <li key={v.version}>
                <button
                  type="button"
                  className="list-row"
                  data-nav-item
                  aria-current={v.version === selected?.version}
                  onClick={() => setPicked(v.version)}
                >
                  <span>
                    Version {v.version}
                    {v.version === latest && <span className="badge badge-accent badge-inline">current</span>}
                  </span>
                  <span className="muted small" title={formatDateTime(v.createdAt)}>
                    {formatRelative(v.createdAt)} · {v.title || 'Untitled'}
                  </span>
                </button>
              </li>
            ))}
          </ol>
          {selected && latest !== undefined && (
            <div className="history-detail" role="region" aria-label={`Version ${selected.version}`}>
              <div className="row">
                <h3 className="spacer">Version {selected.version}</h3>
                {selected.version !== latest && (
                  <button type="button" className="button button-small button-primary" onClick={() => void restore(selected.version, latest)}>
                    Restore version {selected.version}
                  </button>
                )}
              </div>
              <p className="muted small">{formatDateTime(selected.createdAt)}</p>
              {selected.version !== latest && (
                <div className="segmented" role="group" aria-label="Compare">
                  <button type="button" aria-pressed={compare === 'previous'} onClick={() => setCompare('previous')}>
                    Changes made
                  </button>
                  <button type="button" aria-pressed={compare === 'current'} onClick={() => setCompare('current')}>
                    If restored
                  </button>
                </div>
              )}
              <DiffView
                id={node.id}
                version={selected}
                from={compare === 'current' && selected.version !== latest ? latest : selected.version - 1}
                to={selected.version}
              />
            </div>
          )}
        </>
      )}
    </section>
  );
}
