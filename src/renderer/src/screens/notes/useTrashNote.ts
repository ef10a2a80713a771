/**
 * Delete with undo: the note (and its sub-notes) goes to the trash at once, and the toast's Undo brings the
 * whole batch back. Pending edits are saved first, so the last words are in the trash too.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { NodeDTO } from '../../../../shared/schemas';
import { useAction } from '../../client/actions';
import { NODE_QUERIES } from '../../client/events';
import { useInvalidate } from '../../client/queries';
import { flushAllAutosavers, useToast } from '../../components';
import { navigate, navigateAndSettle, parseRoute } from '../../router';

export function useTrashNote() {
  const run = useAction();
  const toast = useToast();
  const invalidate = useInvalidate();
  const queryClient = useQueryClient();

  return useCallback(
    async (node: Pick<NodeDTO, 'id' | 'title'>) => {
      await flushAllAutosavers();
      // Leave the note first: the engine announces the change (and the screen would refetch the note) before
      // the call even returns.
      const openId = () => {
        const route = parseRoute(window.location.hash);
        return route.screen === 'notes' ? route.id : undefined;
      };
      const wasOpen = openId() === node.id;
      if (wasOpen) await navigateAndSettle({ screen: 'notes' });
      const result = await run<{ batch: string; ids: string[] }>('notes.trash', { id: node.id }, { failure: 'Could not move the note to the trash' });
      if (!result) {
        if (wasOpen) navigate({ screen: 'notes', id: node.id });
        return;
      }
      const open = openId();
      if (open && result.ids.includes(open)) await navigateAndSettle({ screen: 'notes' });
      for (const id of result.ids) queryClient.removeQueries({ predicate: (q) => (q.queryKey[1] as { id?: string } | undefined)?.id === id });
      void invalidate(...NODE_QUERIES);

      const title = node.title || 'Untitled';
      const more = result.ids.length - 1;
      toast.info(`Moved “${title}”${more ? ` and ${more} sub-note${more > 1 ? 's' : ''}` : ''} to the trash`, {
        undo: async () => {
          const restored = await run<NodeDTO>('notes.restore', { id: node.id }, { invalidates: NODE_QUERIES, failure: 'Could not restore the note' });
          if (restored) navigate({ screen: 'notes', id: restored.id });
        },
      });
    },
    [run, toast, invalidate, queryClient],
  );
}
