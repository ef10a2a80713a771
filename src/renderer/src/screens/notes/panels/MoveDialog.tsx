/**
 * "Move to…": the keyboard way to put a note under another one (or at the top level), for when dragging in
 * the tree is not an option. Lists recently edited notes, filtered by what is typed.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { NodeDTO, PageDTO } from '../../../../../shared/schemas';
import { useAction } from '../../../client/actions';
import { useCall } from '../../../client/queries';
import { Dialog, Skeleton, useArrowKeys, useToast } from '../../../components';

const CANDIDATES = { orderBy: 'updated_at', order: 'desc', limit: 300 } as const;

export function MoveDialog({ node, open, onClose }: { node: NodeDTO; open: boolean; onClose: () => void }) {
  const run = useAction();
  const toast = useToast();
  const queryClient = useQueryClient();
  const arrows = useArrowKeys();
  const [filter, setFilter] = useState('');
  const candidates = useCall<PageDTO<NodeDTO>>('notes.list', CANDIDATES, { enabled: open });

  const q = filter.trim().toLowerCase();
  const matches = (candidates.data?.items ?? []).filter((n) => n.id !== node.id && n.id !== node.parentId && (n.title || 'Untitled').toLowerCase().includes(q));

  const moveTo = async (parent: { id: string; title: string } | null) => {
    onClose();
    setFilter('');
    const moved = await run<NodeDTO>('notes.move', { id: node.id, parentId: parent?.id ?? null }, {
      invalidates: ['notes.list'],
      failure: 'Could not move the note',
    });
    if (!moved) return;
    queryClient.setQueryData(['notes.get', { id: node.id }], moved);
    toast.success(parent ? `Moved into “${parent.title || 'Untitled'}”` : 'Moved to the top level');
  };

  return (
    <Dialog open={open} onClose={onClose} title={`Move “${node.title || 'Untitled'}”`}>
      <input
        className="input"
        style={{ width: '100%' }}
        type="text"
        aria-label="Find a destination"
        placeholder="Find a note to move it into…"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        onKeyDown={(e) => e.key === 'ArrowDown' && (e.preventDefault(), e.currentTarget.parentElement?.querySelector<HTMLElement>('[data-nav-item]')?.focus())}
        autoFocus
      />
      <ul className="list move-list" aria-label="Destinations" onKeyDown={arrows}>
        {node.parentId && !q && (
          <li>
            <button type="button" className="list-row" data-nav-item onClick={() => void moveTo(null)}>
              <span aria-hidden="true">⤒</span> Top level
            </button>
          </li>
        )}
        {candidates.isPending ? (
          <li>
            <Skeleton lines={4} label="Loading notes" />
          </li>
        ) : (
          matches.map((n) => (
            <li key={n.id}>
              <button type="button" className="list-row" data-nav-item onClick={() => void moveTo(n)}>
                {n.title || 'Untitled'}
                <span className="muted small">{n.kind !== 'note' ? n.kind : ''}</span>
              </button>
            </li>
          ))
        )}
        {candidates.data && matches.length === 0 && <li className="muted small list-row">No note matches “{filter}”.</li>}
      </ul>
    </Dialog>
  );
}
