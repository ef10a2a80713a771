/** Which tree rows are open, remembered in localStorage so the tree looks the same next time. */
import { useCallback, useState } from 'react';

const STORAGE_KEY = 'engram.tree.expanded';

function load(): Set<string> {
  try {
    const ids: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return new Set(Array.isArray(ids) ? ids.filter((i): i is string => typeof i === 'string') : []);
  } catch {
    return new Set();
  }
}

export function useExpansion() {
  const [expanded, setAll] = useState(load);
  const update = useCallback((change: (s: Set<string>) => void) => {
    setAll((prev) => {
      const next = new Set(prev);
      change(next);
      localStorage.setItem(STORAGE_KEY, JSON.stringify([...next]));
      return next;
    });
  }, []);
  const isExpanded = useCallback((id: string) => expanded.has(id), [expanded]);
  const setExpanded = useCallback((id: string, open: boolean) => update((s) => void (open ? s.add(id) : s.delete(id))), [update]);
  const expandAll = useCallback((ids: string[]) => update((s) => ids.forEach((id) => s.add(id))), [update]);
  return { isExpanded, setExpanded, expandAll };
}
