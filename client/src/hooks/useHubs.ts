/** The regional hubs, read once into the shared cache and shared by every component that needs them. */
import { apiGet, queryString } from '../api.js';
import { queryKeys } from '../data/keys.js';
import { useApiQuery, type Loadable } from '../data/useApiQuery.js';
import type { HubView, Page } from '../types.js';

/** Reads every page of /hubs (there are a handful; the cap guards against a runaway cursor). */
async function loadAllHubs(signal: AbortSignal): Promise<HubView[]> {
  const hubs: HubView[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 20; pages++) {
    const page: Page<HubView> = await apiGet<Page<HubView>>(
      `/hubs${queryString({ limit: 100, cursor })}`,
      signal,
    );
    hubs.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return hubs;
}

/** The hubs as {@link useHubs} gives them, with a way to ask again. */
export type HubsState = Loadable<HubView[]> & { retry: () => void };

/** The hubs, loading them on first use (then kept for the page view); `retry` asks again after a failure. */
export function useHubs(): HubsState {
  return useApiQuery(queryKeys.hubs(), loadAllHubs, { staleTime: Infinity });
}
