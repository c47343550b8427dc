/**
 * Reading the good-practice library: members browse published records (and, on the review tab, the
 * drafts and records awaiting approval they may see: their own, their city's as focal point, all of
 * them for editors); signed-out visitors read the CLEAR published records only. Filters by theme,
 * region, language (the original's or a translation's), status, and words (the search index). Every
 * read goes through the policy's one filter.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import { ANONYMOUS } from '../../../shared/policy/actor.js';
import { isLibraryEditor } from '../../../shared/policy/library.js';
import { bareContext } from '../../../shared/policy/sharingContext.js';
import type { LibraryListQuery } from '../../../shared/schemas/library.js';
import { queryTerms } from '../../../shared/search/tokens.js';
import type { LibraryRecordDoc } from '../../models/LibraryRecord.js';
import { findContentPage } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { NotFoundError, UnauthenticatedError } from '../../errors.js';
import { loadContentFor } from '../content/loadContentFor.js';
import { knownPlaces } from './libraryFindings.js';
import {
  presentLibraryRecord,
  presentPublicRecord,
  type PresentedLibraryRecord,
} from './presentLibraryRecord.js';

type Query = z.infer<typeof LibraryListQuery>;

/** The filters of a list query (besides the policy's). */
function filtersOf(query: Partial<Query>): Record<string, unknown>[] {
  const filters: Record<string, unknown>[] = [{ state: 'visible' }];
  if (query.theme) filters.push({ themes: query.theme });
  if (query.region) filters.push({ regions: query.region });
  if (query.language)
    filters.push({ $or: [{ language: query.language }, { 'translations.language': query.language }] });
  if (query.status) filters.push({ status: query.status });
  for (const term of query.q ? queryTerms(query.q) : [])
    filters.push({ tokens: { $in: [...term.strong, ...term.weak] } });
  return filters;
}

/** One page of the library for a member. */
export async function listLibrary(
  actor: Actor,
  query: Query,
): Promise<{ items: PresentedLibraryRecord[]; nextCursor: string | null }> {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const ctx = await loadSharingContext(actor);
  const review = query.stage === 'review';
  const page = await findContentPage(ctx, {
    type: 'LibraryRecord',
    // Editors review every draft (they moderate the library); others see the drafts of their spaces.
    action: review && isLibraryEditor(ctx) ? 'moderate' : 'read',
    filters: [...filtersOf(query), { stage: review ? { $in: ['draft', 'in_review'] } : 'published' }],
    sortField: '_id',
    limit: query.limit,
    cursor: query.cursor,
    direction: 'desc',
  });
  // The cities the checks look for are read once for the page, and only if a review is shown.
  let places: Promise<string[]> | null = null;
  const placesOnce = () => (places ??= knownPlaces());
  const items = [];
  for (const record of page.items) items.push(await presentLibraryRecord(ctx, record, placesOnce));
  return { items, nextCursor: page.nextCursor };
}

/** One record for a member (drafts for those who may see them). */
export async function getLibraryRecord(actor: Actor, id: string): Promise<PresentedLibraryRecord> {
  const ctx = await loadSharingContext(actor);
  const record = await loadContentFor(ctx, 'LibraryRecord', id);
  if (record.state === 'deleted') throw new NotFoundError('LibraryRecord');
  return presentLibraryRecord(ctx, record);
}

/** One page of the public library: CLEAR, published records only, without their review. */
export async function listPublicLibrary(
  query: Partial<Query> & { limit: number },
): Promise<{ items: PresentedLibraryRecord[]; nextCursor: string | null }> {
  const page = await findContentPage(bareContext(ANONYMOUS), {
    type: 'LibraryRecord',
    filters: [...filtersOf(query), { stage: 'published' }],
    sortField: '_id',
    limit: query.limit,
    cursor: query.cursor,
    direction: 'desc',
  });
  return { items: page.items.map(presentPublicRecord), nextCursor: page.nextCursor };
}

/** One public record ("not found" for anything not CLEAR and published). */
export async function getPublicLibraryRecord(id: string): Promise<PresentedLibraryRecord> {
  const record: LibraryRecordDoc = await loadContentFor(bareContext(ANONYMOUS), 'LibraryRecord', id);
  if (record.stage !== 'published') throw new NotFoundError('LibraryRecord');
  return presentPublicRecord(record);
}
