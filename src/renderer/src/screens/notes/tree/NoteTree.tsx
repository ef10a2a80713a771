/**
 * The note tree: the library's nodes by parent, children loaded when a row is first opened. Rows move by
 * drag and drop or by keyboard (useTreeKeys); either way it is one `notes.move`.
 */
import { useCallback, useMemo, useState } from 'react';
import type { NodeDTO, PageDTO } from '../../../../../shared/schemas';
import { useAction } from '../../../client/actions';
import { useCall } from '../../../client/queries';
import { EmptyState, Kbd } from '../../../components';
import { useTrashNote } from '../useTrashNote';
import { childrenQuery, PAGE, TreeContext, type TreeContextValue } from './tree-context';
import type { DropZone, MoveTarget, Place } from './tree-math';
import { TreeBranch } from './TreeBranch';
import { useExpansion } from './useExpansion';
import { useReveal } from './useReveal';
import { useTreeKeys } from './useTreeKeys';

export function NoteTree({ selectedId }: { selectedId?: string }) {
  const run = useAction();
  const trash = useTrashNote();
  const { isExpanded, setExpanded, expandAll } = useExpansion();
  const [activeId, setActiveId] = useState<string | undefined>(selectedId);
  const [drag, setDrag] = useState<Place | null>(null);
  const [drop, setDrop] = useState<{ id: string; zone: DropZone } | null>(null);
  const [rootDrop, setRootDrop] = useState(false);
  const [pendingFocus, setPendingFocus] = useState<string | null>(null);
  const root = useCall<PageDTO<NodeDTO>>('notes.list', childrenQuery(null, PAGE));
  const selected = useCall<NodeDTO>('notes.get', { id: selectedId }, { enabled: Boolean(selectedId) });
  useReveal(selectedId, selected.data?.parentId, expandAll);

  // The open note is where Tab lands in the tree, until the user moves focus themselves.
  const [lastSelected, setLastSelected] = useState(selectedId);
  if (selectedId !== lastSelected) {
    setLastSelected(selectedId);
    if (selectedId) setActiveId(selectedId);
  }

  const move = useCallback(
    async (place: Place, target: MoveTarget) => {
      const moved = await run('notes.move', { id: place.id, ...target }, { invalidates: ['notes.list'], failure: 'Could not move the note' });
      if (!moved) return;
      if (target.parentId) setExpanded(target.parentId, true);
      setPendingFocus(place.id);
    },
    [run, setExpanded],
  );

  const ctx = useMemo<TreeContextValue>(
    () => ({
      selectedId, activeId, setActiveId, isExpanded, setExpanded, drag, setDrag, drop, setDrop, move,
      pendingFocus, clearPendingFocus: () => setPendingFocus(null),
    }),
    [selectedId, activeId, isExpanded, setExpanded, drag, drop, move, pendingFocus],
  );
  const onKeyDown = useTreeKeys(ctx, (node) => void trash(node));

  return (
    <TreeContext.Provider value={ctx}>
      <div className="tree-scroll">
        {root.data?.total === 0 ? (
          <EmptyState title="The tree is empty" compact>
            New notes appear here.
          </EmptyState>
        ) : (
          <ul role="tree" aria-label="Note tree" className="tree" onKeyDown={onKeyDown}>
            <TreeBranch parentId={null} level={1} />
          </ul>
        )}
        {drag && (
          <div
            className="tree-root-drop"
            data-drop={rootDrop}
            aria-hidden="true"
            onDragOver={(e) => (e.preventDefault(), setRootDrop(true))}
            onDragLeave={() => setRootDrop(false)}
            onDrop={(e) => {
              e.preventDefault();
              setRootDrop(false);
              setDrag(null);
              void move(drag, { parentId: null });
            }}
          >
            <span className="muted small">Drop here to move to the top level</span>
          </div>
        )}
      </div>
      <p className="tree-hint">
        Drag to move. <Kbd keys={['Alt', 'ArrowUp']} /> <Kbd keys={['Alt', 'ArrowDown']} /> reorder,{' '}
        <Kbd keys={['Alt', 'ArrowRight']} /> <Kbd keys={['Alt', 'ArrowLeft']} /> nest.
      </p>
    </TreeContext.Provider>
  );
}
