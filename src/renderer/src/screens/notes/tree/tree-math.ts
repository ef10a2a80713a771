/**
 * Where a node lands when it is dropped or nudged in the tree, as the `{parentId, index}` that `notes.move`
 * takes. The engine counts `index` among the new siblings *without* the moving node, so a move further down
 * inside the same parent lands one place earlier than the slot it was dropped on.
 */

export interface Place {
  id: string;
  parentId: string | null;
  /** Position among its current siblings, 0-based. */
  index: number;
}

export type DropZone = 'before' | 'inside' | 'after';

export interface MoveTarget {
  parentId: string | null;
  /** Omitted: append as the last child. */
  index?: number;
}

/** Which part of a row the pointer is over: the top and bottom quarters mean between rows, the rest inside. */
export function dropZone(offsetY: number, height: number): DropZone {
  if (offsetY < height * 0.25) return 'before';
  if (offsetY > height * 0.75) return 'after';
  return 'inside';
}

/** The slot `dragged` takes when dropped on `target`'s zone; null when that changes nothing. */
export function dropTarget(dragged: Place, target: Place, zone: DropZone): MoveTarget | null {
  if (dragged.id === target.id) return null;
  if (zone === 'inside') return dragged.parentId === target.id ? null : { parentId: target.id };
  const slot = zone === 'before' ? target.index : target.index + 1;
  return slotTarget(dragged, target.parentId, slot);
}

/** `dragged` placed at `slot` of `parentId`'s children, counted *with* the dragged node still in its place. */
export function slotTarget(dragged: Place, parentId: string | null, slot: number): MoveTarget | null {
  const sameParent = dragged.parentId === parentId;
  const index = sameParent && dragged.index < slot ? slot - 1 : slot;
  return sameParent && index === dragged.index ? null : { parentId, index };
}

/** Alt+Up / Alt+Down: one place earlier or later among the siblings; null at either end. */
export function nudge(node: Place, siblingCount: number, direction: -1 | 1): MoveTarget | null {
  const index = node.index + direction;
  return index < 0 || index >= siblingCount ? null : { parentId: node.parentId, index };
}

/** Alt+Right: become the last child of the sibling just above; null for the first sibling. */
export function indent(previousSiblingId: string | null): MoveTarget | null {
  return previousSiblingId ? { parentId: previousSiblingId } : null;
}

/** Alt+Left: leave the parent and sit right after it; null at the top level. */
export function outdent(parent: Place | null): MoveTarget | null {
  return parent ? { parentId: parent.parentId, index: parent.index + 1 } : null;
}
