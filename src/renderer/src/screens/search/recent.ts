/** Searches of this session, newest first, kept in sessionStorage so they last until the tab or window closes. */
const KEY = 'engram.recentSearches';
const MAX = 8;

/** Adds `query` at the front; the same query differing only in case or spacing is not repeated. */
export function withRecent(list: readonly string[], query: string, max = MAX): string[] {
  const q = query.trim().replace(/\s+/g, ' ');
  if (!q) return [...list];
  return [q, ...list.filter((x) => x.toLowerCase() !== q.toLowerCase())].slice(0, max);
}

export function loadRecent(storage: Pick<Storage, 'getItem'> = sessionStorage): string[] {
  try {
    const v: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, MAX) : [];
  } catch {
    return [];
  }
}

export function saveRecent(list: readonly string[], storage: Pick<Storage, 'setItem'> = sessionStorage): void {
  storage.setItem(KEY, JSON.stringify(list));
}
