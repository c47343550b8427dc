/** Publishes a CLEAR post to public pages and the unauthenticated API (author or moderator). */
import type { Actor } from '../../../shared/policy/actor.js';
import { mayStayPublished, PUBLISHABLE } from '../../../shared/policy/labels.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
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
    {
      $set: { published: true },
      // Stored with the change (server/audit/auditOutbox.ts).
      ...auditOutboxPush(
        auditOutboxItem(actor, 'content.published', { type: 'Post', id, label: PUBLISHABLE }),
      ),
    },
  );
  if (result.matchedCount === 0)
    throw new ConflictError('The item changed meanwhile; reload it and try again.');
  await flushAuditOutbox(PostModel as never, item._id);
  return presentPost(ctx, { ...item, published: true });
}
