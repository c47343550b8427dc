/**
 * What every forum service needs: the forum of a hub or network space, its categories, forum items
 * loaded for a per-item decision, who moderates a forum, and the topic sort key.
 */
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import type { SpaceKind } from '../../../shared/policy/spaces.js';
import { ForumCategoryModel, type ForumCategoryDoc } from '../../models/ForumCategory.js';
import type { PostDoc } from '../../models/Post.js';
import type { SpaceDoc } from '../../models/Space.js';
import { authorizeSharing, canShare } from '../../policy/sharingAccess.js';
import { NotFoundError } from '../../errors.js';
import { loadPostFor, subjectOf } from '../posts/loadPostFor.js';
import { spacesById, visibleSpace } from '../spaces/spaceLookups.js';

/** The kinds of space that have a forum. */
export const FORUM_SPACE_KINDS: readonly SpaceKind[] = ['hub', 'network'];

/** The space of a forum, when the actor may see the space and it has a forum; else "not found". */
export async function forumSpace(ctx: SharingContext, slug: string): Promise<SpaceDoc> {
  const space = await visibleSpace(ctx, slug);
  if (!FORUM_SPACE_KINDS.includes(space.kind)) throw new NotFoundError(`The forum of "${slug}"`);
  return space;
}

/** Whether the actor moderates the space's forum (categories, pin, lock, move, edit history). */
export function mayModerateForum(ctx: SharingContext, space: SpaceDoc): boolean {
  return canShare(ctx, 'moderateForum', 'Space', space as unknown as Record<string, unknown>);
}

/** Throws (and records the refusal) unless the actor moderates the space's forum. */
export async function requireForumModerator(ctx: SharingContext, space: SpaceDoc): Promise<void> {
  await authorizeSharing(ctx, 'moderateForum', 'Space', space as unknown as Record<string, unknown>);
}

/** A category of the space by slug, or "not found". */
export async function categoryIn(space: Pick<SpaceDoc, '_id'>, slug: string): Promise<ForumCategoryDoc> {
  const category = (await ForumCategoryModel.findOne({
    spaceId: space._id,
    slug,
  }).lean()) as ForumCategoryDoc | null;
  if (!category) throw new NotFoundError(`Category "${slug}"`);
  return category;
}

/** The kind of forum item a route names. */
export type ForumItemKind = 'topic' | 'reply';

/** True when the post is a forum item of that kind. */
export function isForumItem(item: PostDoc, kind: ForumItemKind): boolean {
  return kind === 'topic' ? !item.topicId && Boolean(item.categoryId) : Boolean(item.topicId);
}

/**
 * A topic or reply the actor may read now; otherwise "not found" (the refusal is recorded), so hidden
 * material, quarantined or deleted items and plain posts named as topics reveal nothing.
 */
export async function readableForumItem(
  ctx: SharingContext,
  id: string,
  kind: ForumItemKind,
): Promise<PostDoc> {
  const what = kind === 'topic' ? 'Topic' : 'Reply';
  const item = await loadPostFor(ctx, id).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError(what) : error;
  });
  if (!isForumItem(item, kind)) throw new NotFoundError(what);
  await authorizeSharing(ctx, 'read', 'Post', subjectOf(item), { hide: what });
  return item;
}

/** The space an item lives in (it always exists: spaces are never deleted). */
export async function spaceOf(item: Pick<PostDoc, 'spaceId'>): Promise<SpaceDoc> {
  const space = (await spacesById([item.spaceId])).get(String(item.spaceId));
  if (!space) throw new NotFoundError('Space');
  return space;
}

const FAR_FUTURE_MS = 9_000_000_000_000_000;

/**
 * The ascending sort key of a category's topics: pinned first, then the latest activity first.
 * Stored on each topic so the keyset pagination of server/db/pagination.ts applies as is.
 */
export function forumOrder(pinned: boolean, lastActivityAt: Date): string {
  return `${pinned ? 0 : 1}${String(FAR_FUTURE_MS - lastActivityAt.getTime()).padStart(16, '0')}`;
}

/** The ascending sort key of a space's categories: position, then slug. */
export function categoryOrder(position: number, slug: string): string {
  return `${String(position).padStart(5, '0')}-${slug}`;
}
