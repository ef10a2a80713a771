/**
 * Trash: what was deleted, newest first. Restore brings a note back with the sub-notes deleted with it;
 * "Delete forever" and "Empty trash" ask first, because they cannot be undone.
 */
import { useState } from 'react';
import type { NodeDTO, PageDTO } from '../../../../shared/schemas';
import { useAction } from '../../client/actions';
import { NODE_QUERIES } from '../../client/events';
import { useCall } from '../../client/queries';
import { ConfirmDialog, EmptyState, formatRelative, ScreenHeader, Skeleton, useArrowKeys, useToast } from '../../components';
import { routeHref } from '../../router';
import { trashRoots } from './trash-roots';

const TRASHED = { trashed: true, orderBy: 'updated_at', order: 'desc', limit: 500 } as const;

type Pending = { kind: 'purge'; node: NodeDTO; descendants: number } | { kind: 'empty' } | null;

export default function TrashScreen() {
  const run = useAction();
  const toast = useToast();
  const arrows = useArrowKeys();
  const trash = useCall<PageDTO<NodeDTO>>('notes.list', TRASHED);
  const [confirm, setConfirm] = useState<Pending>(null);

  const restore = async (node: NodeDTO) => {
    const restored = await run<NodeDTO>('notes.restore', { id: node.id }, { invalidates: NODE_QUERIES, failure: 'Could not restore the note' });
    if (restored) toast.success(`Restored “${node.title || 'Untitled'}”`);
  };
  const purge = async (node: NodeDTO) => {
    const done = await run<{ purged: number }>('notes.purge', { id: node.id }, { invalidates: NODE_QUERIES, failure: 'Could not delete the note' });
    if (done) toast.info(`Deleted “${node.title || 'Untitled'}” for good`);
  };
  const empty = async () => {
    const done = await run<{ purged: number }>('trash.empty', {}, { invalidates: NODE_QUERIES, failure: 'Could not empty the trash' });
    if (done) toast.info(`Deleted ${done.purged} item${done.purged === 1 ? '' : 's'} for good`);
  };

  const all = trash.data?.items ?? [];
  const roots = trashRoots(all);
  return (
    <>
      <ScreenHeader title="Trash">
        {roots.length > 0 && (
          <button type="button" className="button button-danger" onClick={() => setConfirm({ kind: 'empty' })}>
            Empty trash
          </button>
        )}
      </ScreenHeader>
      <div className="screen-body">
        {trash.isPending ? (
          <Skeleton lines={5} label="Loading the trash" />
        ) : trash.isError ? (
          <EmptyState title="Could not open the trash" action={<button type="button" className="button" onClick={() => void trash.refetch()}>Retry</button>}>
            {trash.error.message}
          </EmptyState>
        ) : roots.length === 0 ? (
          <EmptyState title="The trash is empty">
            Deleted notes wait here until you delete them for good. <a href={routeHref({ screen: 'notes' })}>Back to notes</a>
          </EmptyState>
        ) : (
          <div className="card" style={{ padding: 0 }}>
            <ul className="list" aria-label="Trash" onKeyDown={arrows}>
              {roots.map(({ node, descendants }) => (
                <li key={node.id} className="trash-row" aria-label={node.title || 'Untitled'}>
                  <div className="trash-row-main">
                    <div className="trash-row-title">{node.title || 'Untitled'}</div>
                    <div className="muted small">
                      {node.kind} · deleted {node.deletedAt ? formatRelative(node.deletedAt) : ''}
                      {descendants > 0 && ` · with ${descendants} sub-note${descendants > 1 ? 's' : ''}`}
                      {node.body && ` · ${node.body.slice(0, 80)}${node.body.length > 80 ? '…' : ''}`}
                    </div>
                  </div>
                  <button type="button" className="button button-small" data-nav-item onClick={() => void restore(node)}>
                    Restore
                  </button>
                  <button type="button" className="button button-small" onClick={() => setConfirm({ kind: 'purge', node, descendants })}>
                    Delete forever
                  </button>
                </li>
              ))}
            </ul>
            {trash.data && trash.data.total > all.length && (
              <p className="muted small" style={{ padding: '0 12px' }}>
                Showing the newest {all.length} of {trash.data.total} deleted items.
              </p>
            )}
          </div>
        )}
      </div>
      <ConfirmDialog
        open={confirm !== null}
        title={confirm?.kind === 'empty' ? 'Empty the trash?' : 'Delete forever?'}
        message={
          confirm?.kind === 'empty'
            ? `All ${trash.data?.total ?? ''} items in the trash will be deleted for good, with their history. This cannot be undone.`
            : confirm?.kind === 'purge'
              ? `“${confirm.node.title || 'Untitled'}”${confirm.descendants ? `, the ${confirm.descendants} sub-note${confirm.descendants > 1 ? 's' : ''} under it,` : ''} and its history will be deleted for good. This cannot be undone.`
              : ''
        }
        confirmLabel={confirm?.kind === 'empty' ? 'Yes, empty the trash' : 'Yes, delete forever'}
        danger
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          const pending = confirm;
          setConfirm(null);
          if (pending?.kind === 'empty') void empty();
          else if (pending?.kind === 'purge') void purge(pending.node);
        }}
      />
    </>
  );
}
