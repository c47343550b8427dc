/** Lists a forum's categories by position, for the space's participants and its forum moderators. */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { ForumCategoryListQuery } from '../../../shared/schemas/forums.js';
import { ForumCategoryModel, type ForumCategoryDoc } from '../../models/ForumCategory.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { readPage } from '../../db/pagination.js';
import { forumSpace } from './forumAccess.js';
import { presentCategories } from './presentForum.js';

/** One page of the space's categories. */
export async function listCategories(
  actor: Actor,
  slug: string,
  query: z.infer<typeof ForumCategoryListQuery>,
) {
  const ctx = await loadSharingContext(actor);
  const space = await forumSpace(ctx, slug);
  const page = await readPage<ForumCategoryDoc>(ForumCategoryModel as never, {
    filters: [{ spaceId: space._id }],
    sortField: 'order',
    limit: query.limit,
    cursor: query.cursor,
  });
  return { items: presentCategories(ctx, space, page.items), nextCursor: page.nextCursor };
}
