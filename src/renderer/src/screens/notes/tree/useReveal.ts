/**
 * Opens the ancestors of the note on screen (one reached from search, or just moved under a closed parent) and
 * scrolls its row into view. `parentId` is part of the trigger so a move re-reveals it.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { NodeDTO } from '../../../../../shared/schemas';
import { useClient } from '../../../client/context';

export function useReveal(id: string | undefined, parentId: string | null | undefined, expandAll: (ids: string[]) => void) {
  const client = useClient();
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!id) return;
    let cancelled = false;
    const get = (nodeId: string) =>
      queryClient.fetchQuery({ queryKey: ['notes.get', { id: nodeId }], queryFn: () => client.call<NodeDTO>('notes.get', { id: nodeId }) });
    (async () => {
      const ancestors: string[] = [];
      for (let node = await get(id); node.parentId && !ancestors.includes(node.parentId); node = await get(node.parentId)) {
        ancestors.push(node.parentId);
      }
      if (cancelled) return;
      expandAll(ancestors);
      // The rows of freshly opened parents render after their lists load.
      for (let tries = 0; tries < 20 && !cancelled; tries++) {
        const row = document.querySelector(`[role="treeitem"][data-id="${CSS.escape(id)}"]`);
        if (row) return row.scrollIntoView({ block: 'nearest' });
        await new Promise((r) => setTimeout(r, 100));
      }
    })().catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [id, parentId, client, queryClient, expandAll]);
}
