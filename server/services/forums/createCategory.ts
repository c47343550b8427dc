/**
 * Creates a forum category in a hub or network space: admins, global moderators, the hub's
 * coordinators and the space's owners and moderators (the `moderateForum` rule). Audited.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { ForumCategoryCreate } from '../../../shared/schemas/forums.js';
import { Types } from 'mongoose';
import { auditOutboxItem, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { ForumCategoryModel, type ForumCategoryDoc } from '../../models/ForumCategory.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { ConflictError, isDuplicateKey } from '../../errors.js';
import { categoryOrder, forumSpace, requireForumModerator } from './forumAccess.js';
import { presentCategories } from './presentForum.js';

/** Creates the category; a slug already used in the space is a conflict. */
export async function createCategory(actor: Actor, slug: string, input: z.infer<typeof ForumCategoryCreate>) {
  const ctx = await loadSharingContext(actor);
  const space = await forumSpace(ctx, slug);
  await requireForumModerator(ctx, space);
  // The category is stored with its entry (server/audit/auditOutbox.ts), under an id chosen first.
  const categoryId = new Types.ObjectId();
  const audit = auditOutboxItem(
    actor,
    'forum.category.created',
    { type: 'ForumCategory', id: String(categoryId) },
    {
      space: space.slug,
      slug: input.slug,
    },
  );
  let created: ForumCategoryDoc;
  try {
    const doc = new ForumCategoryModel({
      _id: categoryId,
      spaceId: space._id,
      slug: input.slug,
      name: input.name,
      description: input.description,
      position: input.position,
      order: categoryOrder(input.position, input.slug),
      createdBy: actor.kind === 'person' ? actor.id : actor.kind,
    });
    doc.set('auditOutbox', [audit]);
    await doc.save();
    created = doc.toObject() as unknown as ForumCategoryDoc;
    delete (created as { auditOutbox?: unknown }).auditOutbox;
  } catch (error) {
    if (isDuplicateKey(error)) throw new ConflictError(`The space already has a category "${input.slug}".`);
    throw error;
  }
  await flushAuditOutbox(ForumCategoryModel as never, categoryId);
  const [one] = presentCategories(ctx, space, [created]);
  return one as NonNullable<typeof one>;
}
