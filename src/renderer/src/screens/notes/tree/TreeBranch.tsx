/** One parent's children in the tree, fetched when the parent is first expanded, with "Show more" paging. */
import { useState } from 'react';
import type { NodeDTO, PageDTO } from '../../../../../shared/schemas';
import { useCall } from '../../../client/queries';
import { Skeleton } from '../../../components';
import { childrenQuery, PAGE } from './tree-context';
import { TreeItem } from './TreeItem';

export function TreeBranch({ parentId, level }: { parentId: string | null; level: number }) {
  const [limit, setLimit] = useState(PAGE);
  const list = useCall<PageDTO<NodeDTO>>('notes.list', childrenQuery(parentId, limit));
  const data = list.data;

  if (!data) {
    return list.isError ? (
      <li role="none" className="tree-more muted small">
        Could not load: {list.error.message}
      </li>
    ) : (
      <li role="none">
        <Skeleton lines={2} label="Loading notes" />
      </li>
    );
  }
  return (
    <>
      {data.items.map((node, index) => (
        <TreeItem
          key={node.id}
          node={node}
          level={level}
          index={index}
          siblingCount={data.total}
          previousId={data.items[index - 1]?.id ?? null}
        />
      ))}
      {data.total > data.items.length && (
        <li role="none" className="tree-more">
          <button type="button" className="button button-small button-ghost" onClick={() => setLimit((l) => Math.min(1000, l + PAGE))}>
            Show more ({data.total - data.items.length})
          </button>
        </li>
      )}
    </>
  );
}
