/**
 * The library's live (not trashed) nodes as a tree, for exports: every node after its parent, siblings in their
 * tree order. Read through NodeStore so exports see exactly what the app shows.
 */
import type { Engine } from '../engine/engine';
import type { NodeDTO } from '../../shared/schemas';

export interface LiveTree {
  /** Pre-order: a parent always comes before its children. */
  nodes: NodeDTO[];
  children(parentId: string | null): NodeDTO[];
}

const PAGE = 1000;

export function liveTree(engine: Engine): LiveTree {
  const all: NodeDTO[] = [];
  // created_at with its id tie-break is a stable order, so paging neither skips nor repeats a node.
  for (let offset = 0; ; offset += PAGE) {
    const page = engine.nodes.list({ limit: PAGE, offset, orderBy: 'created_at', order: 'asc' });
    all.push(...page.items);
    if (page.items.length < PAGE) break;
  }
  const live = new Set(all.map((n) => n.id));
  const byParent = new Map<string | null, NodeDTO[]>();
  for (const n of all) {
    // Trashing takes a whole subtree, so a live node's parent is live; the fallback only keeps a stray node visible.
    const parent = n.parentId && live.has(n.parentId) ? n.parentId : null;
    const siblings = byParent.get(parent);
    if (siblings) siblings.push(n);
    else byParent.set(parent, [n]);
  }
  for (const list of byParent.values()) list.sort((a, b) => a.position - b.position || cmp(a.id, b.id));
  const children = (parentId: string | null) => byParent.get(parentId) ?? [];
  const nodes: NodeDTO[] = [];
  const visit = (n: NodeDTO) => {
    nodes.push(n);
    children(n.id).forEach(visit);
  };
  children(null).forEach(visit);
  return { nodes, children };
}

/** The tags given to a node by hand, as opposed to the #hashtags its body carries. */
export function explicitTags(engine: Engine, nodeId: string): string[] {
  return engine.db
    .prepare(`SELECT tag FROM node_tags WHERE node_id = ? AND source = 'explicit' ORDER BY tag`)
    .pluck()
    .all(nodeId) as string[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
