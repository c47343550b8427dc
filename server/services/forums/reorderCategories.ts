/**
 * Puts a forum's categories in a new order (its moderators: `moderateForum`): the input names every
 * category of the space once, and each gets the position of its place (10, 20, 30...), so later
 * additions can slot in between. Audited once.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { ForumCategoryOrder } from '../../../shared/schemas/spaces.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { ForumCategoryModel, type ForumCategoryDoc } from '../../models/ForumCategory.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { InvalidError } from '../../errors.js';
import { categoryOrder, forumSpace, requireForumModerator } from './forumAccess.js';
import { presentCategories } from './presentForum.js';

/** The gap between consecutive positions. */
const STEP = 10;

/** Applies the order and returns the categories in it. */
export async function reorderCategories(
  actor: Actor,
  spaceSlug: string,
  input: z.infer<typeof ForumCategoryOrder>,
) {
  const ctx = await loadSharingContext(actor);
  const space = await forumSpace(ctx, spaceSlug);
  await requireForumModerator(ctx, space);
  const stored = (await ForumCategoryModel.find({ spaceId: space._id }).lean()) as ForumCategoryDoc[];
  const known = new Set(stored.map((c) => c.slug));
  const named = new Set(input.categories);
  if (
    named.size !== input.categories.length ||
    named.size !== known.size ||
    ![...named].every((s) => known.has(s))
  )
    throw new InvalidError('Name every category of this forum exactly once.', [
      { path: 'categories', message: 'every category once' },
    ]);
  const bySlug = new Map(stored.map((c) => [c.slug, c]));
  const ordered = input.categories.map((slug, index) => {
    const category = bySlug.get(slug) as ForumCategoryDoc;
    const position = (index + 1) * STEP;
    return { ...category, position, order: categoryOrder(position, slug) };
  });
  const target = { type: 'Space', id: String(space._id), label: space.slug };
  const details = { order: input.categories.join(',') };
  // The writes are applied in order: the last one completes the new order, so it carries the entry
  // (server/audit/auditOutbox.ts). A forum with no category has nothing to store: written directly.
  const last = ordered[ordered.length - 1];
  await ForumCategoryModel.bulkWrite(
    ordered.map((c) => ({
      updateOne: {
        filter: { _id: c._id },
        update: {
          $set: { position: c.position, order: c.order },
          ...(c === last
            ? auditOutboxPush(auditOutboxItem(actor, 'forum.category.reordered', target, details))
            : {}),
        },
      },
    })),
  );
  if (last) await flushAuditOutbox(ForumCategoryModel as never, last._id);
  else await recordAudit(actor, 'forum.category.reordered', target, details);
  return { items: presentCategories(ctx, space, ordered), nextCursor: null };
}
