/** The notes linking here (backlinks) and the [[links]] this note makes, each opening its note. */
import { useQueries } from '@tanstack/react-query';
import type { NodeDTO, NodeLinkDTO } from '../../../../../shared/schemas';
import { useClient } from '../../../client/context';
import { EmptyState, useArrowKeys } from '../../../components';
import { routeHref } from '../../../router';

export function LinkLists({ links }: { links?: { outgoing: NodeLinkDTO[]; backlinks: NodeLinkDTO[] } }) {
  const client = useClient();
  const arrows = useArrowKeys();
  const sourceIds = [...new Set(links?.backlinks.map((l) => l.sourceId) ?? [])];
  // Backlinks carry only the linking note's id; its title comes from the note itself (usually cached).
  const sources = useQueries({
    queries: sourceIds.map((id) => ({ queryKey: ['notes.get', { id }], queryFn: () => client.call<NodeDTO>('notes.get', { id }) })),
  });
  const outgoing = links?.outgoing.filter((l) => l.kind === 'wikilink') ?? [];

  return (
    <>
      <section className="side-section" aria-labelledby="details-backlinks">
        <h2 id="details-backlinks">Linked from</h2>
        {sourceIds.length === 0 ? (
          <EmptyState title="No notes link here yet" compact>
            Write [[{'title'}]] in another note to link it here.
          </EmptyState>
        ) : (
          <ul className="list" aria-label="Backlinks" onKeyDown={arrows}>
            {sourceIds.map((id, i) => (
              <li key={id}>
                <a className="list-row" data-nav-item href={routeHref({ screen: 'notes', id })}>
                  {sources[i]?.data?.title || 'Untitled'}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      {outgoing.length > 0 && (
        <section className="side-section" aria-labelledby="details-outgoing">
          <h2 id="details-outgoing">Links to</h2>
          <ul className="list" aria-label="Outgoing links" onKeyDown={arrows}>
            {outgoing.map((l) =>
              l.targetId ? (
                <li key={l.targetTitle}>
                  <a className="list-row" data-nav-item href={routeHref({ screen: 'notes', id: l.targetId })}>
                    {l.targetTitle}
                  </a>
                </li>
              ) : (
                <li key={l.targetTitle} className="list-row muted" title="No note has this title yet">
                  {l.targetTitle} <span className="badge">not created</span>
                </li>
              ),
            )}
          </ul>
        </section>
      )}
    </>
  );
}
