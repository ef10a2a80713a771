/**
 * react-query over the engine client. A query's key is `[handler, input]`, so invalidating by handler name
 * ("notes.list") refreshes every list of that handler at once, and screens never invent keys of their own.
 */
import { QueryClient, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useClient } from './context';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Wrong input, a missing note or a bad key will not fix themselves by asking again.
        retry: (count, error) => count < 1 && !['invalid_input', 'not_found', 'unauthorized'].includes(errorCode(error)),
        staleTime: 10_000,
        refetchOnWindowFocus: false,
      },
    },
  });
}

export function errorCode(error: unknown): string {
  return (error as { code?: string } | null)?.code ?? 'internal';
}

type CallOptions<T> = Omit<UseQueryOptions<T, Error, T, readonly unknown[]>, 'queryKey' | 'queryFn'>;

/** Calls `handler` with `input` as a cached query: `useCall<NodeDTO>('notes.get', { id })`. */
export function useCall<T>(handler: string, input: object = {}, options: CallOptions<T> = {}) {
  const client = useClient();
  return useQuery<T, Error, T, readonly unknown[]>({
    queryKey: [handler, input],
    queryFn: () => client.call<T>(handler, input),
    ...options,
  });
}

/** Marks every cached query of these handlers stale, refetching the ones on screen. */
export function useInvalidate(): (...handlers: string[]) => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(
    async (...handlers: string[]) => {
      await Promise.all(handlers.map((h) => queryClient.invalidateQueries({ queryKey: [h] })));
    },
    [queryClient],
  );
}
