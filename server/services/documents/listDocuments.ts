/**
 * A space's documents, newest first, a page at a time, through the policy's one readable filter:
 * others' documents only once a version is clean; one's own also while they are received, checked or
 * held, so the uploader sees where they stand.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { DocumentListQuery } from '../../../shared/schemas/documents.js';
import { findContentPage } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { visibleSpace } from '../spaces/spaceLookups.js';
import { presentDocuments } from './presentDocument.js';

/** One page of the space's documents the actor may read. */
export async function listDocuments(
  actor: Actor,
  spaceSlug: string,
  query: z.infer<typeof DocumentListQuery>,
) {
  const ctx = await loadSharingContext(actor);
  const space = await visibleSpace(ctx, spaceSlug);
  const mine = actor.kind === 'person' ? [{ authorId: actor.id }] : [];
  const page = await findContentPage(ctx, {
    type: 'Document',
    filters: [{ spaceId: space._id }, { $or: [{ cleanVersion: { $ne: null } }, ...mine] }],
    sortField: '_id',
    direction: 'desc',
    limit: query.limit,
    cursor: query.cursor,
  });
  return { items: await presentDocuments(ctx, page.items), nextCursor: page.nextCursor };
}
