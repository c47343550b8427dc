/**
 * Lists a space's posts, oldest first, filtered by the policy in the query itself. Forum topics are
 * posts and appear here; forum replies appear under their topic only.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { SpacePostsQuery } from '../../../shared/schemas/posts.js';
import { findContentPage, recordSensitiveAccess } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { visibleSpace } from '../spaces/spaceLookups.js';
import { presentPosts } from './presentPost.js';

/** One page of the space's posts the actor may read. */
export async function listSpacePosts(actor: Actor, slug: string, query: z.infer<typeof SpacePostsQuery>) {
  const ctx = await loadSharingContext(actor);
  const space = await visibleSpace(ctx, slug);
  const page = await findContentPage(ctx, {
    filters: [{ spaceId: space._id, topicId: null }],
    sortField: '_id',
    limit: query.limit,
    cursor: query.cursor,
  });
  await recordSensitiveAccess(ctx, page.items, 'view', 'rest.list');
  return { items: await presentPosts(ctx, page.items), nextCursor: page.nextCursor };
}
