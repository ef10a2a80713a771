/**
 * Everything on the timeline, newest first, as one grid that loads the next page when its end scrolls into view.
 * A query of `timeline.items`, so the live refresh (which goes by handler name) reaches it too.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { TimelineItemDTO, TimelinePageDTO } from '../../../../shared/media-schemas';
import { useClient } from '../../client/context';
import { EmptyState, errorMessage, Spinner } from '../../components';
import { ItemTile, TilesSkeleton } from './ItemTile';

const PAGE = 60;

export function AllItems({ offsetMinutes, onOpen }: { offsetMinutes: number; onOpen: (item: TimelineItemDTO) => void }) {
  const client = useClient();
  const query = useInfiniteQuery({
    queryKey: ['timeline.items', { limit: PAGE }],
    queryFn: ({ pageParam }) => client.call<TimelinePageDTO>('timeline.items', { limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const end = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;

  useEffect(() => {
    const el = end.current;
    if (!el || !hasNextPage) return;
    // Watches within the screen's scrolling body, and starts loading a little before the end shows.
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && !isFetchingNextPage && void fetchNextPage(), {
      root: el.closest('.screen-body'),
      rootMargin: '0px 0px 400px 0px',
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, query.data]);

  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section className="tl-all" aria-labelledby="tl-all-title">
      <h2 id="tl-all-title" className="tl-section-title">
        All items <span className="muted tl-section-count">· newest first</span>
      </h2>
      {query.isPending ? (
        <TilesSkeleton label="Loading items" count={12} />
      ) : query.isError ? (
        <p className="form-error">Could not read the timeline: {errorMessage(query.error)}</p>
      ) : items.length === 0 ? (
        <EmptyState title="Nothing on your timeline yet">
          <p>Drop photos anywhere or use Import to add them. Notes and journal entries show up here too, on the day they happened.</p>
        </EmptyState>
      ) : (
        <>
          <div className="tl-grid">
            {items.map((item) => (
              <ItemTile key={item.id} item={item} offsetMinutes={offsetMinutes} withDate onOpen={onOpen} />
            ))}
          </div>
          <div ref={end} className="tl-more">
            {isFetchingNextPage ? (
              <Spinner label="Loading more items" />
            ) : hasNextPage ? (
              <button type="button" className="button button-small" onClick={() => void fetchNextPage()}>
                Show more
              </button>
            ) : (
              <span className="muted small">That is everything.</span>
            )}
          </div>
        </>
      )}
    </section>
  );
}
