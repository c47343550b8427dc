/** Runs a forum read through the shared cache (cancelled on change or unmount), with its state and a retry. */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { queryKeys } from '../../data/keys.js';
import { useApiQuery, type Loadable } from '../../data/useApiQuery.js';

/**
 * Reads `key` (cached under `forums/...key`) with `read`; `retry` reads it again; `set` updates the
 * cached data in place (live events), for every component showing it.
 */
export function useLoad<T>(
  key: readonly string[],
  read: (signal: AbortSignal) => Promise<T>,
): Loadable<T> & { retry: () => void; set: (update: (data: T) => T) => void } {
  const queryClient = useQueryClient();
  const queryKey = queryKeys.forum(...key);
  const value = useApiQuery(queryKey, read);
  const cacheKey = JSON.stringify(queryKey);
  const set = useCallback(
    (update: (data: T) => T) =>
      queryClient.setQueryData<T>(JSON.parse(cacheKey) as string[], (data) =>
        data === undefined ? data : update(data),
      ),
    [queryClient, cacheKey],
  );
  return { ...value, set };
}
