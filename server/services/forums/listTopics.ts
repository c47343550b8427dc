/**
 * Lists a category's topics the actor may read (policy filter in the query), pinned first then the
 * latest activity, each with the reader's own reply and unread counts and subscription.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { ForumTopicListQuery } from '../../../shared/schemas/forums.js';
import { findContentPage, recordSensitiveAccess } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { categoryIn, forumSpace } from './forumAccess.js';
import { presentTopics } from './presentForum.js';

/** One page of the category's topics. */
export async function listTopics(
  actor: Actor,
  spaceSlug: string,
  categorySlug: string,
  query: z.infer<typeof ForumTopicListQuery>,
) {
  const ctx = await loadSharingContext(actor);
  const space = await forumSpace(ctx, spaceSlug);
  const category = await categoryIn(space, categorySlug);
  const page = await findContentPage(ctx, {
    filters: [{ spaceId: space._id, categoryId: category._id, topicId: null }],
    sortField: 'forumOrder',
    limit: query.limit,
    cursor: query.cursor,
  });
  await recordSensitiveAccess(ctx, page.items, 'view', 'rest.list');
  return { items: await presentTopics(ctx, page.items), nextCursor: page.nextCursor };
}
