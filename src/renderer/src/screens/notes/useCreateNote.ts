/** Creates a note and opens it; used by the "New note" button, Ctrl/⌘+N, the palette and unresolved [[links]]. */
import { useCallback } from 'react';
import type { NodeCreate, NodeDTO } from '../../../../shared/schemas';
import { useAction } from '../../client/actions';
import { navigate } from '../../router';

export function useCreateNote() {
  const run = useAction();
  return useCallback(
    async (input: NodeCreate = {}) => {
      const node = await run<NodeDTO>('notes.create', { kind: 'note', ...input }, {
        invalidates: ['notes.list', 'library.stats'],
        failure: 'Could not create the note',
      });
      if (node) navigate({ screen: 'notes', id: node.id });
      return node;
    },
    [run],
  );
}
