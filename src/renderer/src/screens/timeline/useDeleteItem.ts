/**
 * Delete with undo for timeline items: the item goes to the trash at once (`notes.trash`, which takes any
 * node), and the toast's Undo brings it back (`notes.restore`).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useAction } from '../../client/actions';
import { NODE_QUERIES, TIMELINE_QUERIES } from '../../client/events';
import { useInvalidate } from '../../client/queries';
import { useToast } from '../../components';

const AFFECTED = [...TIMELINE_QUERIES, ...NODE_QUERIES];

export function useDeleteItem() {
  const run = useAction();
  const toast = useToast();
  const invalidate = useInvalidate();
  const queryClient = useQueryClient();

  /** Resolves to true once the item is in the trash (false after a failure, which a toast already shows). */
  return useCallback(
    async (item: { id: string; title: string }): Promise<boolean> => {
      const result = await run<{ batch: string; ids: string[] }>('notes.trash', { id: item.id }, { failure: 'Could not move it to the trash' });
      if (!result) return false;
      // The trashed items' own queries would only answer "not found" now.
      for (const id of result.ids) queryClient.removeQueries({ predicate: (q) => (q.queryKey[1] as { id?: string } | undefined)?.id === id });
      void invalidate(...AFFECTED);
      toast.info(`Moved “${item.title || 'Untitled'}” to the trash`, {
        undo: () => run('notes.restore', { id: item.id }, { invalidates: AFFECTED, failure: 'Could not restore it' }),
      });
      return true;
    },
    [run, toast, invalidate, queryClient],
  );
}
