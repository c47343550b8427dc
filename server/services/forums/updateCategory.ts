/** Edits a forum category's name, description or position (who may create one). Audited. */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { ForumCategoryUpdate } from '../../../shared/schemas/forums.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { ForumCategoryModel } from '../../models/ForumCategory.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { categoryIn, categoryOrder, forumSpace, requireForumModerator } from './forumAccess.js';
import { presentCategories } from './presentForum.js';

/** Applies the edit. */
export async function updateCategory(
  actor: Actor,
  spaceSlug: string,
  categorySlug: string,
  input: z.infer<typeof ForumCategoryUpdate>,
) {
  const ctx = await loadSharingContext(actor);
  const space = await forumSpace(ctx, spaceSlug);
  await requireForumModerator(ctx, space);
  const category = await categoryIn(space, categorySlug);
  const set: Record<string, unknown> = { ...input };
  if (input.position !== undefined) set.order = categoryOrder(input.position, category.slug);
  // The edit and its entry are stored together (server/audit/auditOutbox.ts).
  const entry = auditOutboxItem(
    actor,
    'forum.category.updated',
    { type: 'ForumCategory', id: String(category._id) },
    {
      space: space.slug,
      fields: Object.keys(input).join(','),
    },
  );
  await ForumCategoryModel.updateOne({ _id: category._id }, { $set: set, ...auditOutboxPush(entry) });
  await flushAuditOutbox(ForumCategoryModel as never, category._id);
  const [one] = presentCategories(ctx, space, [{ ...category, ...set } as typeof category]);
  return one as NonNullable<typeof one>;
}
