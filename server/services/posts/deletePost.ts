/**
 * Deletes a post: its author, or a moderator with a reason. A tombstone keeps the moderation history
 * so the author can see what happened; title, body and search tokens are erased.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { FlagModel } from '../../models/Flag.js';
import { PostModel, type PostDoc } from '../../models/Post.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { emitContentEvent } from '../contentEvents.js';
import { InvalidError } from '../errors.js';
import { notify } from '../notifications/notify.js';
import { loadPostFor, subjectOf } from './loadPostFor.js';

/** Deletes the post; idempotent for an already deleted one. */
export async function deletePost(
  actor: Actor,
  id: string,
  reason: string | undefined,
): Promise<{ deleted: true }> {
  const ctx = await loadSharingContext(actor);
  const item = await loadPostFor(ctx, id);
  if (item.state === 'deleted') return { deleted: true };
  await authorizeSharing(ctx, 'delete', 'Post', subjectOf(item));
  const own = actor.kind === 'person' && actor.id === String(item.authorId);
  if (!own && !reason)
    throw new InvalidError("Give a reason for deleting someone else's material.", [
      { path: 'reason', message: 'required' },
    ]);
  const by =
    actor.kind === 'person' ? { byId: actor.id, byName: actor.name } : { byId: null, byName: actor.kind };
  await PostModel.updateOne(
    { _id: item._id, state: { $ne: 'deleted' } },
    {
      $set: {
        state: 'deleted',
        title: '(deleted)',
        body: '(deleted)',
        tokens: [],
        published: false,
        // Forum items: the rendering and every earlier version go with the text.
        html: null,
        revisions: [],
      },
      $push: {
        moderation: {
          at: new Date(),
          action: 'delete',
          ...by,
          reason: reason ?? 'deleted by the author',
          from: null,
          to: null,
        },
      },
    },
  );
  await FlagModel.updateMany(
    { postId: item._id, state: 'open' },
    { $set: { state: 'resolved', resolvedAt: new Date() } },
  );
  await recordAudit(
    actor,
    'content.deleted',
    { type: 'Post', id, label: item.label },
    { reason: reason ?? null },
  );
  if (!own) await notify([String(item.authorId)], item, 'post.deleted', reason ?? null);
  emitContentEvent({ type: 'deleted', before: item, after: { ...item, state: 'deleted' } as PostDoc });
  return { deleted: true };
}
