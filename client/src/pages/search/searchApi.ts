/**
 * The search API (GET /api/v1/search, shared/schemas/search.ts): results across everything the
 * searcher may read, paged by an opaque cursor, never with totals.
 */
import type { Label } from '../../../../shared/policy/labels.js';
import { apiGet, queryString } from '../../api.js';

/** The content languages search can be narrowed to (shared/languages.ts CONTENT_LANGUAGES). */
export const SEARCH_LANGUAGES = ['en', 'fr', 'es', 'ar'] as const;

/**
 * The kinds of item the server searches (shared/schemas/search.ts SEARCH_TYPES): forum posts, room
 * messages, documents, expert requests and library records.
 */
export const SEARCH_TYPES = ['post', 'message', 'document', 'request', 'library'] as const;

/** Whether `type` is one of {@link SEARCH_TYPES} (a newer server may send others). */
export function isSearchType(type: string): type is (typeof SEARCH_TYPES)[number] {
  return (SEARCH_TYPES as readonly string[]).includes(type);
}

/**
 * One result. `titleHtml` and `excerptHtml` are escaped text with the matches in `<mark>`; the client
 * renders them through {@link markedPieces}, never as HTML.
 */
export interface SearchResultView {
  type: string;
  id: string;
  /** The space; for a message, its room (the room id is the space id). */
  space: { id?: string; slug: string; name: string };
  label: Label;
  language: string | null;
  title: string | null;
  titleHtml: string | null;
  excerptHtml: string;
  createdAt: string;
  /** Where the result opens, when the server names it. */
  link?: string;
  /** The forum topic the result opens: a reply's topic, a topic's own id; null otherwise. */
  topic?: string | null;
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
    `/search${queryString({ q: params.q, language: params.language, types: params.types, cursor, limit: 10 })}`,
    signal,
  );
}

/**
 * The in-app path a result opens: the server's link if any; a message opens its room (the room id is
 * the space id); a document, request or library record its own page; a forum topic opens itself and a reply opens its topic at the reply (`#post-<id>`,
 * PostItem's anchor), as the server names them in `topic`; a plain post (`topic: null`) opens its
 * own page, `/posts/<id>`.
 */
export function resultPath(result: SearchResultView): string {
  if (result.link?.startsWith('/') && !result.link.startsWith('//')) return result.link;
  if (result.type === 'message' && result.space.id) return `/rooms/${encodeURIComponent(result.space.id)}`;
  if (result.type === 'document') return `/documents/${encodeURIComponent(result.id)}`;
  if (result.type === 'request') return `/requests/${encodeURIComponent(result.id)}`;
  if (result.type === 'library') return `/library/${encodeURIComponent(result.id)}`;
  if (result.type === 'post' && result.topic === null) return `/posts/${encodeURIComponent(result.id)}`;
  const topic = result.topic ?? result.id;
  const path = `/forums/topics/${encodeURIComponent(topic)}`;
  return topic === result.id ? path : `${path}#post-${encodeURIComponent(result.id)}`;
}
