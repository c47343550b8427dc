/** The member-city list for a set of filters, one page at a time ("load more" appends the next page). */
import { useCallback, useEffect, useRef, useState } from 'react';
import { apiGet, queryString, type ApiError } from '../api.js';
import type { CityKind, CityView, Page } from '../types.js';
import { asApiError } from './useApiGet.js';

/** What the directory can filter by; undefined means "any". */
export interface CityFilters {
  hub?: string | undefined;
  country?: string | undefined;
  kind?: CityKind | undefined;
}

/** The list so far and what it is doing. */
export interface CityPages {
  items: CityView[];
  /** `loading` is the first page; `loadingMore` a following one. */
  state: 'loading' | 'loadingMore' | 'ready' | 'error';
  error: ApiError | null;
  hasMore: boolean;
  /** How many cities the last page added, to move focus to the first of them. */
  lastAdded: number;
  loadMore: () => void;
  retry: () => void;
}

interface ListState {
  key: string;
  items: CityView[];
  nextCursor: string | null;
  state: CityPages['state'];
  error: ApiError | null;
  lastAdded: number;
}

/** Loads the cities matching `filters`, `pageSize` at a time. */
export function useCityPages(filters: CityFilters, pageSize: number): CityPages {
  const key = queryString({
    hub: filters.hub,
    country: filters.country,
    kind: filters.kind,
    limit: pageSize,
  });
  const [list, setList] = useState<ListState>({
    key,
    items: [],
    nextCursor: null,
    state: 'loading',
    error: null,
    lastAdded: 0,
  });
  const [attempt, setAttempt] = useState(0);
  const controller = useRef<AbortController | null>(null);

  const fetchPage = useCallback(
    (cursor: string | null) => {
      controller.current?.abort();
      const own = new AbortController();
      controller.current = own;
      const path = `/cities${key}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      setList((old) =>
        cursor && old.key === key
          ? { ...old, state: 'loadingMore', error: null }
          : { key, items: [], nextCursor: null, state: 'loading', error: null, lastAdded: 0 },
      );
      apiGet<Page<CityView>>(path, own.signal).then(
        (page) =>
          setList((old) => ({
            key,
            items: cursor ? [...old.items, ...page.items] : page.items,
            nextCursor: page.nextCursor,
            state: 'ready',
            error: null,
            lastAdded: page.items.length,
          })),
        (error: unknown) => {
          if (!own.signal.aborted)
            setList((old) => ({ ...old, key, state: 'error', error: asApiError(error) }));
        },
      );
    },
    [key],
  );

  useEffect(() => {
    fetchPage(null);
    return () => controller.current?.abort();
  }, [fetchPage, attempt]);

  const current =
    list.key === key ? list : { ...list, items: [], nextCursor: null, state: 'loading' as const };
  const loadMore = useCallback(() => {
    if (current.nextCursor && current.state === 'ready') fetchPage(current.nextCursor);
  }, [current.nextCursor, current.state, fetchPage]);
  const retry = useCallback(() => {
    if (current.items.length > 0 && current.nextCursor) fetchPage(current.nextCursor);
    else setAttempt((n) => n + 1);
  }, [current.items.length, current.nextCursor, fetchPage]);

  return {
    items: current.items,
    state: current.state,
    error: current.error,
    hasMore: current.nextCursor !== null,
    lastAdded: current.lastAdded,
    loadMore,
    retry,
  };
}
