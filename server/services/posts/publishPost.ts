/** Publishes a CLEAR post to public pages and the unauthenticated API (author or moderator). */
import type { Actor } from '../../../shared/policy/actor.js';
import { mayStayPublished, PUBLISHABLE } from '../../../shared/policy/labels.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { PostModel } from '../../models/Post.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing, canShare } from '../../policy/sharingAccess.js';
import { ConflictError, ForbiddenError } from '../../errors.js';
import { loadPostFor, subjectOf } from './loadPostFor.js';
import { presentPost } from './presentPost.js';

/** Marks the post published; only CLEAR material that is visible may be. */
export async function publishPost(actor: Actor, id: string) {
  const ctx = await loadSharingContext(actor);
  const item = await loadPostFor(ctx, id);
  if (!mayStayPublished(item.label) && canShare(ctx, 'read', 'Post', subjectOf(item)))
    throw new ForbiddenError(`Only ${PUBLISHABLE} material may be published; this item is ${item.label}.`);
  await authorizeSharing(ctx, 'publish', 'Post', subjectOf(item));
  const result = await PostModel.updateOne(
    { _id: item._id, label: PUBLISHABLE, state: 'visible' },
    { $set: { published: true } },
  );
  if (result.matchedCount === 0)
    throw new ConflictError('The item changed meanwhile; reload it and try again.');
  await recordAudit(actor, 'content.published', { type: 'Post', id, label: PUBLISHABLE });
  return presentPost(ctx, { ...item, published: true });
}
