/**
 * The tree's keyboard: ↑/↓/Home/End move between visible rows, → opens a row or steps into it, ← closes it or
 * steps out to its parent, Enter opens the note, Alt+↑/↓ reorder it among its siblings, Alt+→ puts it inside
 * the row above, Alt+← takes it out of its parent, Delete moves it to the trash (with Undo).
 */
import type { KeyboardEvent } from 'react';
import { navigate } from '../../../router';
import { placeOf, type TreeContextValue } from './tree-context';
import { indent, nudge, outdent, type MoveTarget } from './tree-math';

export function useTreeKeys(tree: TreeContextValue, trash: (node: { id: string; title: string }) => void) {
  return (e: KeyboardEvent<HTMLElement>) => {
    const item = (e.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
    if (!item || e.target !== item || e.ctrlKey || e.metaKey) return;
    const rows = [...e.currentTarget.querySelectorAll<HTMLElement>('[role="treeitem"]')];
    const at = rows.indexOf(item);
    const place = placeOf(item);
    const parentItem = item.parentElement?.closest<HTMLElement>('[role="treeitem"]') ?? null;
    const expanded = item.getAttribute('aria-expanded');
    const focus = (el: HTMLElement | null | undefined) => el?.focus();
    const move = (target: MoveTarget | null) => target && void tree.move(place, target);

    const actions: Record<string, () => void> = e.altKey
      ? {
          ArrowUp: () => move(nudge(place, Number(item.dataset.siblingCount), -1)),
          ArrowDown: () => move(nudge(place, Number(item.dataset.siblingCount), 1)),
          ArrowRight: () => move(indent(item.dataset.previousId || null)),
          ArrowLeft: () => move(outdent(parentItem && placeOf(parentItem))),
        }
      : {
          ArrowDown: () => focus(rows[at + 1]),
          ArrowUp: () => focus(rows[at - 1]),
          Home: () => focus(rows[0]),
          End: () => focus(rows.at(-1)),
          ArrowRight: () => (expanded === 'false' ? tree.setExpanded(place.id, true) : expanded === 'true' && focus(rows[at + 1])),
          ArrowLeft: () => (expanded === 'true' ? tree.setExpanded(place.id, false) : focus(parentItem)),
          Enter: () => navigate({ screen: 'notes', id: place.id }),
          ' ': () => navigate({ screen: 'notes', id: place.id }),
          Delete: () => trash({ id: place.id, title: item.getAttribute('aria-label') ?? '' }),
        };
    const action = actions[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  };
}
