/**
 * One row of the note tree (an ARIA treeitem): click or Enter opens it, the chevron or ←/→ fold it, and it can
 * be dragged onto another row (top or bottom edge: beside it; middle: inside it). Its place in the tree is
 * written into data attributes, which the tree's keyboard handler reads.
 */
import { useEffect, useRef, type DragEvent } from 'react';
import type { NodeDTO } from '../../../../../shared/schemas';
import { navigate } from '../../../router';
import { kindIcon } from './kind-icons';
import { placeOf, useTree } from './tree-context';
import { dropTarget, dropZone } from './tree-math';
import { TreeBranch } from './TreeBranch';

interface Props {
  node: NodeDTO;
  level: number;
  index: number;
  siblingCount: number;
  previousId: string | null;
}

const DRAG_TYPE = 'application/x-engram-node';
const INDENT_PX = 14;

export function TreeItem({ node, level, index, siblingCount, previousId }: Props) {
  const tree = useTree();
  const ref = useRef<HTMLLIElement>(null);
  const expanded = tree.isExpanded(node.id);
  const knownEmpty = node.childCount === 0;
  const title = node.title || 'Untitled';
  const tabbable = tree.activeId ? tree.activeId === node.id : level === 1 && index === 0;

  useEffect(() => {
    if (tree.pendingFocus !== node.id) return;
    ref.current?.focus();
    tree.clearPendingFocus();
  });

  const place = { id: node.id, parentId: node.parentId, index };
  const zoneAt = (e: DragEvent<HTMLElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return dropZone(e.clientY - rect.top, rect.height);
  };
  // A node cannot go inside itself or its own descendants.
  const canDropHere = () => {
    if (!tree.drag || tree.drag.id === node.id) return false;
    const dragged = ref.current?.closest('[role="tree"]')?.querySelector<HTMLElement>(`[data-id="${CSS.escape(tree.drag.id)}"]`);
    return !dragged?.contains(ref.current);
  };
  const dropState = tree.drop?.id === node.id ? tree.drop.zone : undefined;

  return (
    <li
      ref={ref}
      role="treeitem"
      aria-level={level}
      aria-label={title}
      aria-selected={tree.selectedId === node.id}
      aria-expanded={knownEmpty ? undefined : expanded}
      aria-setsize={siblingCount}
      aria-posinset={index + 1}
      tabIndex={tabbable ? 0 : -1}
      data-id={node.id}
      data-parent-id={node.parentId ?? ''}
      data-index={index}
      data-sibling-count={siblingCount}
      data-previous-id={previousId ?? ''}
      onFocus={(e) => e.target === e.currentTarget && tree.setActiveId(node.id)}
    >
      <div
        className="tree-row"
        style={{ paddingLeft: 4 + (level - 1) * INDENT_PX }}
        draggable
        data-drop={dropState}
        data-dragging={tree.drag?.id === node.id || undefined}
        onClick={() => navigate({ screen: 'notes', id: node.id })}
        onDragStart={(e) => {
          e.stopPropagation();
          e.dataTransfer.setData(DRAG_TYPE, node.id);
          e.dataTransfer.setData('text/plain', title);
          e.dataTransfer.effectAllowed = 'move';
          tree.setDrag(placeOf(ref.current!));
        }}
        onDragEnd={() => (tree.setDrag(null), tree.setDrop(null))}
        onDragOver={(e) => {
          if (!canDropHere()) return;
          e.preventDefault();
          e.stopPropagation();
          e.dataTransfer.dropEffect = 'move';
          const zone = zoneAt(e);
          if (dropState !== zone) tree.setDrop({ id: node.id, zone });
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null) && tree.drop?.id === node.id) tree.setDrop(null);
        }}
        onDrop={(e) => {
          e.preventDefault();
          e.stopPropagation();
          const dragged = tree.drag;
          tree.setDrag(null);
          tree.setDrop(null);
          if (!dragged || !canDropHere()) return;
          const target = dropTarget(dragged, place, zoneAt(e));
          if (target) void tree.move(dragged, target);
        }}
      >
        <span
          className="tree-toggle"
          aria-hidden="true"
          data-expanded={expanded}
          data-known-empty={knownEmpty}
          data-has-children={node.childCount > 0}
          onClick={(e) => {
            e.stopPropagation();
            tree.setExpanded(node.id, !expanded);
          }}
        >
          ▶
        </span>
        <span className="tree-kind" aria-hidden="true" title={node.kind}>
          {kindIcon(node.kind)}
        </span>
        <span className={node.title ? 'tree-row-title' : 'tree-row-title tree-row-untitled'}>{title}</span>
      </div>
      {expanded && !knownEmpty && (
        <ul role="group">
          <TreeBranch parentId={node.id} level={level + 1} />
        </ul>
      )}
    </li>
  );
}
