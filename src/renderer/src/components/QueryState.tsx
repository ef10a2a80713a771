/** A query's three faces in one place: a skeleton while it loads, its error with what failed, then the data. */
import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { errorMessage } from './Toasts';
import { Skeleton } from './Skeleton';

interface Props<T> {
  query: UseQueryResult<T, Error>;
  /** Screen-reader label of the skeleton, e.g. "Loading settings". */
  loading: string;
  /** What could not be done, e.g. "Could not read the settings". */
  failure: string;
  lines?: number;
  children: (data: T) => ReactNode;
}

export function QueryState<T>({ query, loading, failure, lines = 6, children }: Props<T>) {
  if (query.isPending) return <Skeleton lines={lines} label={loading} />;
  if (query.isError) return <p className="form-error">{failure}: {errorMessage(query.error)}</p>;
  return <>{children(query.data)}</>;
}
