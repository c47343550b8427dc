/**
 * The good-practice library's reads and writes (/api/v1/library for members, /api/v1/public/library for
 * signed-out visitors). Writes carry the CSRF token; every failure is an ApiError. Types only come from
 * the shared schemas (no zod in the page: the CSP forbids eval).
 */
import type { z } from 'zod';
import { apiGet, queryString } from '../../api.js';
import { postWithCsrf, sendWithCsrf } from '../../auth/csrf.js';
import type {
  LibraryFinding,
  LibraryRecord,
  LibraryRecordUpdate,
  LibraryReviewInput,
  LibraryTranslationInput,
  NewLibraryRecord,
} from '../../../../shared/schemas/library.js';
import type { Page } from '../../types.js';

/** A record as the API returns it. */
export type RecordView = z.infer<typeof LibraryRecord>;
/** One text of a record (the original or a translation). */
export type RecordText = RecordView['texts'][number];
/** What the automatic checks found. */
export type FindingView = z.infer<typeof LibraryFinding>;
/** A new record. */
export type NewRecordInput = z.input<typeof NewLibraryRecord>;
/** An edit of a draft. */
export type RecordUpdateInput = z.input<typeof LibraryRecordUpdate>;
/** Submitting or approving. */
export type ReviewInput = z.input<typeof LibraryReviewInput>;
/** A translation. */
export type TranslationInput = z.input<typeof LibraryTranslationInput>;

/** The library's filters (unset ones are left out). */
export interface LibraryFilters {
  theme?: string;
  region?: string;
  language?: string;
  status?: string;
  q?: string;
  stage?: 'published' | 'review';
}

const enc = encodeURIComponent;

/** One page of records: the members' library, or the public one for visitors. */
export function fetchRecords(
  filters: LibraryFilters,
  cursor: string | null,
  isPublic: boolean,
  signal: AbortSignal,
): Promise<Page<RecordView>> {
  if (isPublic) {
    const { theme, region, language, q } = filters;
    return apiGet(`/public/library${queryString({ theme, region, language, q, cursor })}`, signal);
  }
  return apiGet(`/library${queryString({ ...filters, limit: 25, cursor })}`, signal);
}

/** One record (the public one for visitors). */
export const fetchRecord = (id: string, isPublic: boolean, signal: AbortSignal) =>
  apiGet<RecordView>(`${isPublic ? '/public/library' : '/library'}/${enc(id)}`, signal);

/** Writes a new draft. */
export const createRecord = (input: NewRecordInput) => postWithCsrf<RecordView>('/library', input);

/** Edits a draft. */
export const updateRecord = (id: string, input: RecordUpdateInput) =>
  sendWithCsrf<RecordView>('PATCH', `/library/${enc(id)}`, input);

/** Submits a draft for its approvals. */
export const submitRecord = (id: string, input: ReviewInput) =>
  postWithCsrf<RecordView>(`/library/${enc(id)}/submit`, input);

/** Approves a record. */
export const approveRecord = (id: string, input: ReviewInput) =>
  postWithCsrf<RecordView>(`/library/${enc(id)}/approvals`, input);

/** Adds a translation. */
export const translateRecord = (id: string, input: TranslationInput) =>
  postWithCsrf<RecordView>(`/library/${enc(id)}/translations`, input);

/** Marks a published record as peer-reviewed. */
export const peerReviewRecord = (id: string) =>
  postWithCsrf<RecordView>(`/library/${enc(id)}/peer-review`, {});

/** The cache keys of this area. */
export const libraryKeys = {
  all: () => ['library'] as const,
  list: (filters: LibraryFilters, isPublic: boolean) =>
    ['library', 'list', isPublic ? 'public' : 'members', JSON.stringify(filters)] as const,
  one: (id: string, isPublic: boolean) => ['library', 'one', isPublic ? 'public' : 'members', id] as const,
};
