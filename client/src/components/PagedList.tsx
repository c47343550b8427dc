/**
 * A list of results loaded a page at a time: how many were found (said in the polite live region), the
 * words for none, the items as a list, and the "more" button while there is a next page.
 */
import type { ReactNode } from 'react';
import { StatusMessage } from './StatusMessage.js';

/** Props of {@link PagedList}. */
export interface PagedListProps<T> {
  items: T[];
  /** "3 found", said when the list changes. */
  found: string;
  /** What stands instead of an empty list. */
  none: string;
  /** The page's class for the list. */
  className: string;
  keyOf: (item: T) => string;
  render: (item: T) => ReactNode;
  /** Whether there is a next page (shows the button). */
  hasMore: boolean;
  loadingMore: boolean;
  moreLabel: string;
  onMore: () => void;
}

/** The count, the list (or the words for none) and the "more" button. */
export function PagedList<T>({
  items,
  found,
  none,
  className,
  keyOf,
  render,
  hasMore,
  loadingMore,
  moreLabel,
  onMore,
}: PagedListProps<T>) {
  return (
    <>
      <StatusMessage>{found}</StatusMessage>
      {items.length === 0 ? (
        <p>{none}</p>
      ) : (
        <ul className={className}>
          {items.map((item) => (
            <li key={keyOf(item)}>{render(item)}</li>
          ))}
        </ul>
      )}
      {hasMore && (
        <button type="button" className="button button--secondary" disabled={loadingMore} onClick={onMore}>
          {moreLabel}
        </button>
      )}
    </>
  );
}
