/** A cached read as the pages consume it: loading, ready with data, or failed with the API's problem. */
import { useQuery, type QueryKey } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError } from '../api.js';

/** A resource on its way: loading, ready with its data, or failed with the API's problem. */
export type Loadable<T> =
  { state: 'loading' } | { state: 'ready'; data: T } | { state: 'error'; error: ApiError };

/** Turns anything thrown by a request into an {@link ApiError}. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, { type: 'about:blank', title: 'Error', status: 0 });
}

/** Reads `key` through the cache with `read`; `retry` reads it again. */
export function useApiQuery<T>(
  key: QueryKey,
  read: (signal: AbortSignal) => Promise<T>,
  options: { enabled?: boolean; staleTime?: number } = {},
): Loadable<T> & { retry: () => void } {
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => read(signal),
    ...options,
  });
  const { refetch } = query;
  const retry = useCallback(() => void refetch(), [refetch]);
  if (query.status === 'success') return { state: 'ready', data: query.data, retry };
  // Trying again after a failure shows as loading, as it did before the cache.
  if (query.status === 'error' && query.fetchStatus !== 'fetching')
    return { state: 'error', error: asApiError(query.error), retry };
  return { state: 'loading', retry };
}
