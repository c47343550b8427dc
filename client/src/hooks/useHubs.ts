/** The regional hubs, loaded once per page view and shared by every component that needs them. */
import { useCallback, useEffect, useState } from 'react';
import { apiGet, queryString } from '../api.js';
import type { HubView, Page } from '../types.js';
import { asApiError, type Loadable } from './useApiGet.js';

let cached: Promise<HubView[]> | null = null;

/** Reads every page of /hubs (there are a handful; the cap guards against a runaway cursor). */
async function loadAllHubs(): Promise<HubView[]> {
  const hubs: HubView[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 20; pages++) {
    const page: Page<HubView> = await apiGet<Page<HubView>>(`/hubs${queryString({ limit: 100, cursor })}`);
    hubs.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return hubs;
}

/** The hubs as {@link useHubs} gives them, with a way to ask again. */
export type HubsState = Loadable<HubView[]> & { retry: () => void };

/** The hubs, loading them on first use; after a failure, `retry` (or the next page) asks again. */
export function useHubs(): HubsState {
  const [state, setState] = useState<Loadable<HubView[]>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    cached ??= loadAllHubs();
    cached.then(
      (data) => {
        if (live) setState({ state: 'ready', data });
      },
      (error: unknown) => {
        cached = null;
        if (live) setState({ state: 'error', error: asApiError(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);
  const retry = useCallback(() => {
    setState({ state: 'loading' });
    setAttempt((n) => n + 1);
  }, []);
  return { ...state, retry };
}
