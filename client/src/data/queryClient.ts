/**
 * The one client-side cache of server data (TanStack Query): REST reads fill it, socket events patch
 * it (`setQueryData`) or mark it stale (`invalidateQueries`), and every page reads from it.
 */
import { QueryClient } from '@tanstack/react-query';

/**
 * A cache with the app's defaults: data is shown at once from the cache and read again in the
 * background when a page mounts (stale at once: sharing rules may change what the reader sees);
 * no automatic retry (pages offer "Try again"), no refetch on window focus (saves slow networks).
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 0,
        gcTime: 5 * 60_000,
        retry: false,
        refetchOnWindowFocus: false,
      },
    },
  });
}

/** The app's cache (one per page load). */
export const queryClient = createQueryClient();
