/**
 * Search filters as SQL over `chunks c JOIN nodes n`. Both the keyword and the vector query use the same
 * clause, so the two lists are always drawn from the same set of nodes.
 */
import type { SearchFilters } from '../../shared/schemas';

export interface SqlClause {
  where: string;
  params: Record<string, unknown>;
}

export function filterClause(f: SearchFilters, range?: { from: Date; to: Date }): SqlClause {
  const where = ['n.deleted_at IS NULL'];
  const params: Record<string, unknown> = {};
  const inList = (column: string, name: string, values: readonly string[]) => {
    const keys = values.map((v, i) => {
      params[`${name}${i}`] = v;
      return `@${name}${i}`;
    });
    where.push(`${column} IN (${keys.join(', ')})`);
  };
  if (f.kinds?.length) inList('n.kind', 'kind', f.kinds);
  if (f.privacyLevels?.length) inList('n.privacy_level', 'privacy', f.privacyLevels);
  if (f.memoryTypes?.length) inList('n.memory_type', 'mtype', f.memoryTypes);
  f.tags?.forEach((tag, i) => {
    params[`tag${i}`] = tag;
    where.push(`EXISTS (SELECT 1 FROM node_tags t WHERE t.node_id = n.id AND t.tag = @tag${i})`);
  });
  // An explicit from/to and a date phrase in the query both narrow the window; the tighter bound wins.
  const from = maxDate(f.from ? new Date(f.from) : undefined, range?.from);
  const to = minDate(f.to ? new Date(f.to) : undefined, range?.to);
  if (from) {
    params.from = from.toISOString();
    where.push('coalesce(n.event_time, n.created_at) >= @from');
  }
  if (to) {
    params.to = to.toISOString();
    where.push('coalesce(n.event_time, n.created_at) < @to');
  }
  if (f.parentId) {
    params.subtreeRoot = f.parentId;
    where.push(`n.id IN (WITH RECURSIVE sub(id) AS (SELECT @subtreeRoot UNION ALL
      SELECT x.id FROM nodes x JOIN sub ON x.parent_id = sub.id) SELECT id FROM sub)`);
  }
  return { where: where.join(' AND '), params };
}

/** True when the clause narrows more than "not deleted". */
export const isFiltered = (c: SqlClause) => Object.keys(c.params).length > 0;

function maxDate(a?: Date, b?: Date) {
  return a && b ? (a > b ? a : b) : (a ?? b);
}
function minDate(a?: Date, b?: Date) {
  return a && b ? (a < b ? a : b) : (a ?? b);
}
