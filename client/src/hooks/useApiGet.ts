/** Loads one API resource for a component through the shared cache (data/), keyed by its path. */
import { apiGet } from '../api.js';
import { queryKeys } from '../data/keys.js';
import { useApiQuery, type Loadable } from '../data/useApiQuery.js';

export { asApiError, type Loadable } from '../data/useApiQuery.js';

/** GETs `path` (below /api/v1) through the cache and follows its state; `retry` loads it again. */
export function useApiGet<T>(path: string): Loadable<T> & { retry: () => void } {
  return useApiQuery<T>(queryKeys.api(path), (signal) => apiGet<T>(path, signal));
}
