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
import { navigate, parseRoute } from '../../router';

export function useTrashNote() {
  const run = useAction();
  const toast = useToast();
  const invalidate = useInvalidate();
  const queryClient = useQueryClient();

  return useCallback(
    async (node: Pick<NodeDTO, 'id' | 'title'>) => {
      await flushAllAutosavers();
      const result = await run<{ batch: string; ids: string[] }>('notes.trash', { id: node.id }, { failure: 'Could not move the note to the trash' });
      if (!result) return;
      // Leave the note before refreshing, so nothing on screen asks for what is now in the trash.
      const open = parseRoute(window.location.hash);
      if (open.screen === 'notes' && open.id && result.ids.includes(open.id)) navigate({ screen: 'notes' });
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
