/**
 * The search API (GET /api/v1/search): results across forums and rooms the searcher may read, paged by
 * an opaque cursor without totals. The result shape follows shared/schemas/search.ts.
 */
import type { Label } from '../../../../shared/policy/labels.js';
import { apiGet, queryString } from '../../api.js';

/** The content languages search can be narrowed to. */
export const SEARCH_LANGUAGES = ['en', 'fr', 'es', 'ar'] as const;

/** The kinds of item search returns. */
export const SEARCH_TYPES = ['topic', 'reply', 'message'] as const;

/** One search result: plain text only (the snippet is text; the client marks the matches). */
export interface SearchResultView {
  id: string;
  type: (typeof SEARCH_TYPES)[number] | string;
  space: { slug: string; name: string };
  label: Label;
  title: string | null;
  snippet: string;
  /** Character ranges of `snippet` that matched, as [start, end) pairs, when the server gives them. */
  highlights?: [number, number][];
  language?: string | null;
  link?: string;
  createdAt: string;
  /** For replies and messages: the topic or room they belong to. */
  topic?: string | null;
  room?: string | null;
}

/** A page of results with the cursor of the next one (null at the end); never a total. */
export interface SearchPage {
  items: SearchResultView[];
  nextCursor: string | null;
}

/** What was asked. */
export interface SearchParams {
  q: string;
  language: string;
  types: string;
}

/** One page of results for `params`. */
export function search(
  params: SearchParams,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<SearchPage> {
  return apiGet(
    `/search${queryString({ q: params.q, language: params.language, types: params.types, cursor, limit: 20 })}`,
    signal,
  );
}

/** The in-app path a result opens. */
export function resultPath(result: SearchResultView): string {
  if (result.link?.startsWith('/') && !result.link.startsWith('//')) return result.link;
  if (result.type === 'topic') return `/forums/topics/${encodeURIComponent(result.id)}`;
  if (result.type === 'reply' && result.topic) {
    return `/forums/topics/${encodeURIComponent(result.topic)}#post-${encodeURIComponent(result.id)}`;
  }
  if (result.room) return `/rooms/${encodeURIComponent(result.room)}`;
  return '/search';
}
