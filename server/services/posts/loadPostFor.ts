/** Loads one post for a per-item decision; the actor must at least know it exists. */
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import type { PostDoc } from '../../models/Post.js';
import { loadContent } from '../../policy/contentAccess.js';
import { authorizeSharing, canShare } from '../../policy/sharingAccess.js';
import { NotFoundError } from '../../errors.js';

/** A post as a policy subject. */
export function subjectOf(item: PostDoc): Record<string, unknown> {
  return item as unknown as Record<string, unknown>;
}

/**
 * The post, when the actor may read it, moderate it, or is its author; otherwise "not found" (the
 * refusal is recorded), so hidden material does not reveal that it exists.
 */
export async function loadPostFor(ctx: SharingContext, id: string): Promise<PostDoc> {
  const item = await loadContent(id);
  if (!item || item.state === 'deleted') {
    if (item && ctx.actor.kind === 'person' && String(item.authorId) === ctx.actor.id) return item;
    throw new NotFoundError('Post');
  }
  const own = ctx.actor.kind === 'person' && String(item.authorId) === ctx.actor.id;
  if (
    own ||
    canShare(ctx, 'read', 'Post', subjectOf(item)) ||
    canShare(ctx, 'moderate', 'Post', subjectOf(item))
  )
    return item;
  await authorizeSharing(ctx, 'read', 'Post', subjectOf(item), { hide: 'Post' });
  return item;
}
