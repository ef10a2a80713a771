/**
 * Arrow-key movement through a list: spread the returned handler on the list's container and mark each
 * focusable row with `data-nav-item`. Up/Down move focus, Home/End jump to the ends. Rows keep their own
 * Enter/click behaviour.
 */
import type { KeyboardEvent } from 'react';

export function nextIndex(key: string, current: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown': return current < 0 ? 0 : Math.min(count - 1, current + 1);
    case 'ArrowUp': return current < 0 ? count - 1 : Math.max(0, current - 1);
    case 'Home': return 0;
    case 'End': return count - 1;
    default: return null;
  }
}

export function useArrowKeys() {
  return (e: KeyboardEvent<HTMLElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>('[data-nav-item]')];
    const current = items.findIndex((el) => el === document.activeElement || el.contains(document.activeElement));
    const target = nextIndex(e.key, current, items.length);
    if (target === null) return;
    e.preventDefault();
    items[target]!.focus();
  };
}
