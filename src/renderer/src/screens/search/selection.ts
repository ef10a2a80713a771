/**
 * Which result the keyboard has selected. The search box keeps focus while Up/Down move the selection
 * (aria-activedescendant), so typing and choosing never fight over focus.
 */
export type SelectionAction = { type: 'down' | 'up' | 'first' | 'last' } | { type: 'results'; count: number } | { type: 'set'; index: number };

export interface SelectionState {
  index: number;
  count: number;
}

export const initialSelection: SelectionState = { index: -1, count: 0 };

export function selectionReducer(s: SelectionState, a: SelectionAction): SelectionState {
  switch (a.type) {
    // New results: nothing chosen until the user moves, so Enter never opens a result they did not see.
    case 'results': return { index: -1, count: a.count };
    case 'down': return s.count ? { ...s, index: Math.min(s.count - 1, s.index + 1) } : s;
    case 'up': return s.count ? { ...s, index: s.index < 0 ? s.count - 1 : Math.max(0, s.index - 1) } : s;
    case 'first': return s.count ? { ...s, index: 0 } : s;
    case 'last': return s.count ? { ...s, index: s.count - 1 } : s;
    case 'set': return a.index >= 0 && a.index < s.count ? { ...s, index: a.index } : s;
  }
}

/** The key's action, when it is one the results list answers to. */
export function keyAction(key: string): SelectionAction | null {
  switch (key) {
    case 'ArrowDown': return { type: 'down' };
    case 'ArrowUp': return { type: 'up' };
    case 'PageUp': return { type: 'first' };
    case 'PageDown': return { type: 'last' };
    default: return null;
  }
}

/**
 * The result Enter opens: the selected one, else the first when the list shows the results of what is typed
 * now (not those of an earlier query still on screen while the new one runs).
 */
export function enterTarget(s: SelectionState, fresh: boolean): number | null {
  if (s.index >= 0) return s.index;
  return fresh && s.count > 0 ? 0 : null;
}
