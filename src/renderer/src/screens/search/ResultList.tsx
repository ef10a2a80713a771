/**
 * Search results as a listbox driven from the search box (aria-activedescendant): the box keeps focus, Up/Down
 * move the highlighted option, Enter or a click opens it.
 */
import { useEffect } from 'react';
import type { SearchHit } from '../../../../shared/schemas';
import { formatDateTime, Snippet } from '../../components';
import { headingTrail, kindLabel, matchedBy } from './hit-text';

export const LIST_ID = 'search-results';
export const optionId = (i: number) => `search-hit-${i}`;

export function ResultList(props: { hits: SearchHit[]; selected: number; onHover: (i: number) => void; onOpen: (hit: SearchHit) => void }) {
  const { hits, selected } = props;
  useEffect(() => {
    if (selected >= 0) document.getElementById(optionId(selected))?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  return (
    <ul id={LIST_ID} role="listbox" aria-label="Search results" className="list search-results">
      {hits.map((hit, i) => {
        const trail = headingTrail(hit.chunk.headingPath);
        return (
          <li
            key={`${hit.node.id}:${hit.chunk.id}`}
            id={optionId(i)}
            role="option"
            aria-selected={i === selected}
            className="list-row search-hit"
            onMouseMove={() => i !== selected && props.onHover(i)}
            onClick={() => props.onOpen(hit)}
          >
            <span className="search-hit-head">
              <span className="search-hit-title">{hit.node.title || 'Untitled'}</span>
              <span className="badge">{kindLabel(hit.node.kind)}</span>
              <span className="spacer" />
              <span className="muted small">{formatDateTime(hit.node.eventTime?.at ?? hit.node.createdAt)}</span>
            </span>
            {trail && <span className="muted small">{trail}</span>}
            <Snippet html={hit.snippet} />
            <span className="muted small">Matched by {matchedBy(hit.ranks)}</span>
          </li>
        );
      })}
    </ul>
  );
}
