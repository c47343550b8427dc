/**
 * Deletes a post: its author, or a moderator with a reason. A tombstone keeps the moderation history
 * so the author can see what happened; title, body and search tokens are erased. Deleting a forum
 * topic deletes its replies with it (a reply has no place without its topic, and may quote it): each
 * becomes a tombstone with the reason "deleted with its topic", audited, its author told.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { FlagModel } from '../../models/Flag.js';
import { PostModel, type PostDoc } from '../../models/Post.js';
import { loadTopicReplies } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { emitContentEvent } from '../../events/contentEvents.js';
import { InvalidError } from '../../errors.js';
import { isTopic } from '../forums/hideTopicReplies.js';
import { moderatorRecord } from '../moderation/moderationStep.js';
import { notify } from '../notifications/notify.js';
import { loadPostFor, subjectOf } from './loadPostFor.js';

/** Turns a loaded item into a tombstone (unless already deleted), audits it and tells its author. */
async function tombstone(actor: Actor, item: PostDoc, reason: string | undefined, extra = {}) {
  const own = actor.kind === 'person' && actor.id === String(item.authorId);
  const stored = await PostModel.updateOne(
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
          ...moderatorRecord(actor),
          reason: reason ?? 'deleted by the author',
          from: null,
          to: null,
        },
      },
    },
  );
  if (stored.matchedCount === 0) return;
  await FlagModel.updateMany(
    { postId: item._id, state: 'open' },
    { $set: { state: 'resolved', resolvedAt: new Date() } },
  );
  await recordAudit(
    actor,
    'content.deleted',
    { type: 'Post', id: String(item._id), label: item.label },
    { reason: reason ?? null, ...extra },
  );
  if (!own) await notify([String(item.authorId)], item, 'post.deleted', reason ?? null);
  emitContentEvent({ type: 'deleted', before: item, after: { ...item, state: 'deleted' } as PostDoc });
}

/** Deletes the post (a topic with its replies); idempotent for an already deleted one. */
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
  // Replies first, the topic last: a retry after a failure finds the topic and deletes what is left.
  if (isTopic(item)) {
    const why = `deleted with its topic: ${reason ?? 'deleted by the author'}`;
    for (const reply of await loadTopicReplies(item._id)) await tombstone(actor, reply, why, { topic: id });
  }
  await tombstone(actor, item, reason);
  return { deleted: true };
}
