/** Lists the replies of a topic that the actor may read, oldest first (policy filter in the query). */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { ForumReplyListQuery } from '../../../shared/schemas/forums.js';
import { findContentPage, recordSensitiveAccess } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { readableForumItem } from './forumAccess.js';
import { presentReplies } from './presentForum.js';

/** One page of the topic's replies. */
export async function listReplies(actor: Actor, topicId: string, query: z.infer<typeof ForumReplyListQuery>) {
  const ctx = await loadSharingContext(actor);
  const topic = await readableForumItem(ctx, topicId, 'topic');
  const page = await findContentPage(ctx, {
    filters: [{ topicId: topic._id }],
    sortField: '_id',
    limit: query.limit,
    cursor: query.cursor,
  });
  await recordSensitiveAccess(ctx, page.items, 'view', 'rest.list');
  return { items: await presentReplies(ctx, page.items), nextCursor: page.nextCursor };
}
