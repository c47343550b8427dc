/**
 * Pins or locks a topic, or undoes it (moderators of the space's forum who may read the topic).
 * Pinning re-computes the topic's sort key; both are audited and reach open sockets as updates.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { PostModel, type PostDoc } from '../../models/Post.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { emitContentEvent } from '../../events/contentEvents.js';
import { ConflictError } from '../../errors.js';
import { forumOrder, readableForumItem, requireForumModerator, spaceOf } from './forumAccess.js';

/** Sets `pinned` or `locked` to `value`; idempotent. */
export async function setTopicFlag(actor: Actor, id: string, flag: 'pinned' | 'locked', value: boolean) {
  const ctx = await loadSharingContext(actor);
  const topic = await readableForumItem(ctx, id, 'topic');
  await requireForumModerator(ctx, await spaceOf(topic));
  const result = { topic: id, pinned: topic.pinned, locked: topic.locked };
  if (topic[flag] === value) return result;
  const set: Record<string, unknown> = { [flag]: value };
  if (flag === 'pinned') set.forumOrder = forumOrder(value, topic.lastActivityAt ?? topic.createdAt);
  const verb = { pinned: ['pinned', 'unpinned'], locked: ['locked', 'unlocked'] }[flag][value ? 0 : 1];
  // Conditional on what was read, so a reply moving the activity meanwhile is not overwritten; the
  // entry is stored with the change (server/audit/auditOutbox.ts).
  const updated = await PostModel.updateOne(
    { _id: topic._id, state: 'visible', [flag]: topic[flag], lastActivityAt: topic.lastActivityAt },
    {
      $set: set,
      ...auditOutboxPush(
        auditOutboxItem(actor, `forum.topic.${verb}`, { type: 'Post', id, label: topic.label }, {}),
      ),
    },
  );
  if (updated.matchedCount === 0)
    throw new ConflictError('The topic changed meanwhile; reload it and try again.');
  await flushAuditOutbox(PostModel as never, topic._id);
  const after = { ...topic, ...set } as PostDoc;
  emitContentEvent({ type: 'updated', before: topic, after });
  return { ...result, [flag]: value };
}
