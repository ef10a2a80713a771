/** What every row of the note tree shares: selection, expansion, the drag in progress and the move action. */
import { createContext, useContext } from 'react';
import type { DropZone, MoveTarget, Place } from './tree-math';

export interface TreeContextValue {
  selectedId?: string;
  /** The row that takes Tab focus (roving tabindex). */
  activeId?: string;
  setActiveId: (id: string) => void;
  isExpanded: (id: string) => boolean;
  setExpanded: (id: string, open: boolean) => void;
  drag: Place | null;
  setDrag: (place: Place | null) => void;
  drop: { id: string; zone: DropZone } | null;
  setDrop: (drop: { id: string; zone: DropZone } | null) => void;
  /** Moves a node, then keeps it focused where it landed. */
  move: (place: Place, target: MoveTarget) => Promise<void>;
  /** A row asks to be focused once it renders (after a move re-mounts it elsewhere). */
  pendingFocus: string | null;
  clearPendingFocus: () => void;
}

export const TreeContext = createContext<TreeContextValue | null>(null);

export function useTree(): TreeContextValue {
  const ctx = useContext(TreeContext);
  if (!ctx) throw new Error('useTree outside the note tree');
  return ctx;
}

/** notes.list input for one parent's children, in tree order. */
export const childrenQuery = (parentId: string | null, limit: number) => ({
  parentId,
  orderBy: 'tree' as const,
  order: 'asc' as const,
  limit,
});

export const PAGE = 200;

/** A row's place in the tree, read back from the data attributes TreeItem writes. */
export function placeOf(el: HTMLElement): Place {
  return { id: el.dataset.id!, parentId: el.dataset.parentId || null, index: Number(el.dataset.index) };
}
