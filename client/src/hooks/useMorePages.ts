/**
 * The pages after a list's first one (which the page's query loads): "more" appends the next page, and
 * the cursor of the page after it comes from the last page loaded.
 */
import { useState } from 'react';

/** One page of a list, as the API answers it. */
export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** What {@link useMorePages} gives the list. */
export interface MorePages<T> {
  /** The first page's items with the ones loaded since, and the cursor of the next page (null: none). */
  after: (first: ListPage<T>) => { items: T[]; next: string | null };
  loadingMore: boolean;
  /** Loads the page at `next` and appends it. */
  loadMore: (next: string | null) => Promise<void>;
}

/** The following pages, fetched with `fetchPage(cursor)`. */
export function useMorePages<T>(fetchPage: (cursor: string) => Promise<ListPage<T>>): MorePages<T> {
  const [more, setMore] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);
  const after = (first: ListPage<T>) => ({
    items: [...first.items, ...more],
    next: cursor === undefined ? first.nextCursor : cursor,
  });
  const loadMore = async (next: string | null) => {
    if (!next) return;
    setLoadingMore(true);
    try {
      const page = await fetchPage(next);
      setMore((known) => [...known, ...page.items]);
      setCursor(page.nextCursor);
    } finally {
      setLoadingMore(false);
    }
  };
  return { after, loadingMore, loadMore };
}
