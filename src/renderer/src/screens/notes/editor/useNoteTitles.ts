/**
 * Note titles for wikilinks: the titles of the most recently edited notes (cached briefly), topped up with
 * keyword search for longer queries so older notes are found too.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { NodeDTO, PageDTO, SearchResponse } from '../../../../../shared/schemas';
import { useClient } from '../../../client/context';
import { rankTitles } from './wikilinks';

const RECENT = { orderBy: 'updated_at', order: 'desc', limit: 1000 } as const;
const RECENT_STALE_MS = 30_000;

export function useNoteTitles() {
  const client = useClient();
  const queryClient = useQueryClient();

  /** Recently edited notes as {id, title}, from the cache when fresh. */
  const recent = useCallback(
    () =>
      queryClient.fetchQuery({
        queryKey: ['notes.list', RECENT],
        queryFn: () => client.call<PageDTO<NodeDTO>>('notes.list', RECENT),
        staleTime: RECENT_STALE_MS,
      }),
    [client, queryClient],
  );

  const findTitles = useCallback(
    async (query: string, excludeId?: string) => {
      const titles = (await recent()).items.filter((n) => n.id !== excludeId).map((n) => n.title);
      if (query.trim().length >= 3) {
        const found = await client
          .call<SearchResponse>('search.query', { query, limit: 20, mode: 'keyword', parseDates: false })
          .catch(() => null);
        found?.hits.forEach((h) => h.node.id !== excludeId && titles.push(h.node.title));
      }
      return rankTitles(query, titles);
    },
    [client, recent],
  );

  /** The note with exactly this title (ignoring case): among the recent ones, else through search. */
  const findByTitle = useCallback(
    async (title: string): Promise<{ id: string } | null> => {
      const wanted = title.trim().toLowerCase();
      const same = (n: { title: string }) => n.title.trim().toLowerCase() === wanted;
      const recentMatch = (await recent()).items.find(same);
      if (recentMatch) return recentMatch;
      const found = await client.call<SearchResponse>('search.query', { query: title, limit: 20, mode: 'keyword', parseDates: false });
      return found.hits.map((h) => h.node).find(same) ?? null;
    },
    [client, recent],
  );

  return { findTitles, findByTitle };
}
