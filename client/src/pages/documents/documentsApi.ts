/**
 * The documents area's reads (/api/v1): a space's documents page by page, one document (read again
 * every 1.5 s while its latest file is being received or checked), its originator's access log, and
 * the upload settings; the download addresses, which are plain links (the session cookie goes with
 * them). Uploads go through tus (useTusUpload.ts). Every failure is an ApiError.
 */
import { useInfiniteQuery, useQuery, type InfiniteData } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { z } from 'zod';
import { apiGet, queryString } from '../../api.js';
import { postWithCsrf } from '../../auth/csrf.js';
import { asApiError, type Loadable } from '../../data/useApiQuery.js';
import type {
  Document,
  DocumentAccessEntry,
  DocumentAccessLog,
  DocumentPage,
  DocumentVersion,
  UploadSettings,
} from '../../../../shared/schemas/documents.js';
import { isSettled } from './uploadHelpers.js';

/** A document as the API returns it, with the viewer's abilities. */
export type DocumentView = z.infer<typeof Document>;
/** One version of a document's file. */
export type VersionView = z.infer<typeof DocumentVersion>;
/** A page of a space's documents. */
export type DocumentPageView = z.infer<typeof DocumentPage>;
/** One recorded view or download. */
export type AccessEntryView = z.infer<typeof DocumentAccessEntry>;
/** A page of a document's access log. */
export type AccessLogView = z.infer<typeof DocumentAccessLog>;
/** What the client needs to know before uploading. */
export type UploadSettingsView = z.infer<typeof UploadSettings>;

const enc = encodeURIComponent;

/** The tus endpoint (creation; each upload then has its own address below it). */
export const UPLOAD_ENDPOINT = '/api/v1/uploads';

/** How often a document whose file is being received or checked is read again, in ms. */
export const POLL_MS = 1500;

/** One page of a space's documents (newest first). */
export const fetchDocuments = (slug: string, cursor: string | null, signal?: AbortSignal) =>
  apiGet<DocumentPageView>(`/spaces/${enc(slug)}/documents${queryString({ cursor, limit: 25 })}`, signal);

/** One document. */
export const fetchDocument = (id: string, signal?: AbortSignal) =>
  apiGet<DocumentView>(`/documents/${enc(id)}`, signal);

/** One page of a document's access log (newest first). */
export const fetchAccessLog = (id: string, cursor: string | null, signal?: AbortSignal) =>
  apiGet<AccessLogView>(`/documents/${enc(id)}/access${queryString({ cursor, limit: 25 })}`, signal);

/** The upload settings: size limit, whether files are scanned, chunk size. */
export const fetchUploadSettings = (signal?: AbortSignal) =>
  apiGet<UploadSettingsView>('/uploads/settings', signal);

/** The address that downloads the latest clean version of a document. */
export const downloadUrl = (id: string) => `/api/v1/documents/${enc(id)}/download`;

/** The address that downloads version `n` of a document. */
export const versionDownloadUrl = (id: string, n: number) =>
  `/api/v1/documents/${enc(id)}/versions/${n}/download`;

/** The address of preview page `page` (from 1) of version `n`. */
export const previewUrl = (id: string, n: number, page: number) =>
  `/api/v1/documents/${enc(id)}/versions/${n}/preview/${page}`;

/** The cache keys of this area. */
export const documentKeys = {
  all: () => ['documents'] as const,
  list: (slug: string) => ['documents', 'space', slug] as const,
  document: (id: string) => ['documents', 'document', id] as const,
  accessLog: (id: string) => ['documents', 'document', id, 'access'] as const,
  settings: () => ['documents', 'upload-settings'] as const,
};

/** A list read page by page: the pages so far, "load more", and whether more is being read. */
export type PagedLoadable<T> = Loadable<T[]> & {
  retry: () => void;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => Promise<number>;
};

/** Reads a cursor-paged list through the cache; `loadMore` resolves with how many items came. */
function usePaged<T>(
  key: readonly unknown[],
  read: (cursor: string | null, signal: AbortSignal) => Promise<{ items: T[]; nextCursor: string | null }>,
  enabled = true,
): PagedLoadable<T> {
  const query = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam, signal }) => read(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
  const { refetch, fetchNextPage } = query;
  const retry = useCallback(() => void refetch(), [refetch]);
  const loadMore = useCallback(async () => {
    const result = await fetchNextPage();
    if (result.error) throw result.error;
    const pages = (result.data as InfiniteData<{ items: T[] }> | undefined)?.pages;
    return pages?.at(-1)?.items.length ?? 0;
  }, [fetchNextPage]);
  const common = { retry, hasMore: query.hasNextPage, loadingMore: query.isFetchingNextPage, loadMore };
  if (query.status === 'success')
    return { state: 'ready', data: query.data.pages.flatMap((page) => page.items), ...common };
  if (query.status === 'error' && query.fetchStatus !== 'fetching')
    return { state: 'error', error: asApiError(query.error), ...common };
  return { state: 'loading', ...common };
}

/** A space's documents, 25 at a time. */
export function useSpaceDocuments(slug: string): PagedLoadable<DocumentView> {
  return usePaged(documentKeys.list(slug), (cursor, signal) => fetchDocuments(slug, cursor, signal));
}

/** A document's access log, 25 entries at a time (only asked for when the reader may read it). */
export function useAccessLog(id: string, enabled: boolean): PagedLoadable<AccessEntryView> {
  return usePaged(
    documentKeys.accessLog(id),
    (cursor, signal) => fetchAccessLog(id, cursor, signal),
    enabled,
  );
}

/** One document, read again every {@link POLL_MS} while its latest file is being received or checked. */
export function useDocument(id: string): Loadable<DocumentView> & { retry: () => void } {
  const query = useQuery({
    queryKey: documentKeys.document(id),
    queryFn: ({ signal }) => fetchDocument(id, signal),
    refetchInterval: (q) => (q.state.data && !isSettled(q.state.data.status) ? POLL_MS : false),
  });
  const { refetch } = query;
  const retry = useCallback(() => void refetch(), [refetch]);
  if (query.status === 'success') return { state: 'ready', data: query.data, retry };
  if (query.status === 'error' && query.fetchStatus !== 'fetching')
    return { state: 'error', error: asApiError(query.error), retry };
  return { state: 'loading', retry };
}

/** The upload settings (they change only with the server's configuration). */
export function useUploadSettings(): Loadable<UploadSettingsView> & { retry: () => void } {
  const query = useQuery({
    queryKey: documentKeys.settings(),
    queryFn: ({ signal }) => fetchUploadSettings(signal),
    staleTime: 10 * 60_000,
  });
  const { refetch } = query;
  const retry = useCallback(() => void refetch(), [refetch]);
  if (query.status === 'success') return { state: 'ready', data: query.data, retry };
  if (query.status === 'error' && query.fetchStatus !== 'fetching')
    return { state: 'error', error: asApiError(query.error), retry };
  return { state: 'loading', retry };
}

/** Releases version `n`, too large for the scanner, as a moderator's decision with `reason`. */
export const releaseVersion = (id: string, n: number, reason: string) =>
  postWithCsrf<{ done: true }>(`/documents/${enc(id)}/versions/${n}/release`, { reason });

/** A space a document may be shared into. */
export type ShareDestinationView = { slug: string; name: string; kind: string };

/** The spaces the reader may share document `id` into. */
export const fetchShareDestinations = (id: string, signal?: AbortSignal) =>
  apiGet<{ items: ShareDestinationView[] }>(`/documents/${enc(id)}/share-destinations`, signal);

/** Shares document `id` into the space `to` as a copy; answers the copy. */
export const shareDocument = (id: string, to: string) =>
  postWithCsrf<DocumentView>(`/documents/${enc(id)}/share`, { to });
