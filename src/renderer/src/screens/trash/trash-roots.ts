/**
 * The trash lists only the top of each deleted subtree: a note deleted together with its parent comes back
 * (or goes for good) with it. Each top carries how many notes below it are in the trash too.
 */
export interface Trashed {
  id: string;
  parentId: string | null;
}

export function trashRoots<T extends Trashed>(items: T[]): { node: T; descendants: number }[] {
  const byId = new Map(items.map((n) => [n.id, n]));
  const rootOf = (n: T): T => {
    const seen = new Set<string>();
    let at = n;
    while (at.parentId && byId.has(at.parentId) && !seen.has(at.id)) {
      seen.add(at.id);
      at = byId.get(at.parentId)!;
    }
    return at;
  };
  const counts = new Map<string, number>();
  for (const n of items) {
    const root = rootOf(n);
    if (root !== n) counts.set(root.id, (counts.get(root.id) ?? 0) + 1);
  }
  return items.filter((n) => rootOf(n) === n).map((node) => ({ node, descendants: counts.get(node.id) ?? 0 }));
}
