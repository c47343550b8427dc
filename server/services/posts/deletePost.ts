/**
 * Deletes a post: its author, or a moderator with a reason. A tombstone keeps the moderation history
 * so the author can see what happened; title, body and search tokens are erased. Deleting a forum
 * topic deletes its replies with it (a reply has no place without its topic, and may quote it): each
 * becomes a tombstone with the reason "deleted with its topic", audited, its author told.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import type { PostDoc } from '../../models/Post.js';
import { loadTopicReplies } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { InvalidError } from '../../errors.js';
import { tombstoneContent } from '../content/moderateContent.js';
import { isTopic } from '../forums/hideTopicReplies.js';
import { loadPostFor, subjectOf } from './loadPostFor.js';
import { POST_KIND } from './postKind.js';

/** Tombstones one loaded post through the kernel, audited with its reason, its author told. */
async function tombstone(actor: Actor, item: PostDoc, reason: string | undefined, extra = {}) {
  await tombstoneContent(POST_KIND, actor, item, {
    reason: reason ?? 'deleted by the author',
    auditedReason: reason ?? null,
    audit: true,
    extra,
  });
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
