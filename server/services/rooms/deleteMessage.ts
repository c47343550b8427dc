/**
 * Deletes a message: its author, the room's owners and moderators, or hub and global moderators. A
 * tombstone stays (state `deleted`, body, HTML and tokens erased) with who did it; open clients get
 * `message:removed`. Idempotent for an already deleted message.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { MessageModel, type MessageDoc } from '../../models/Message.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { moderatorRecord } from '../moderation/moderationStep.js';
import { loadMessageFor, messageSubject } from './loadMessageFor.js';
import { emitMessageEvent } from './messageEvents.js';
import { requirePerson } from './roomAccess.js';
import { hideThreadReplies, touchThreadRoot } from './threadReplies.js';

/** Deletes the message and returns its id. */
export async function deleteMessage(actor: Actor, id: string): Promise<{ id: string }> {
  const person = requirePerson(actor);
  const ctx = await loadSharingContext(person);
  const item = await loadMessageFor(ctx, id);
  if (item.state === 'deleted') return { id };
  await authorizeSharing(ctx, 'delete', 'Message', messageSubject(item));
  const own = person.id === String(item.authorId);
  const result = await MessageModel.updateOne(
    { _id: item._id, state: { $ne: 'deleted' } },
    {
      $set: { state: 'deleted', body: '', html: '', tokens: [], edits: [] },
      $push: {
        moderation: {
          at: new Date(),
          action: 'delete',
          ...moderatorRecord(actor),
          reason: own ? 'deleted by the author' : 'deleted by a moderator',
          from: null,
          to: null,
        },
      },
    },
  );
  if (result.matchedCount === 0) return { id };
  if (!own)
    await recordAudit(actor, 'content.deleted', { type: 'Message', id, label: item.label }, { reason: null });
  const after = { ...item, state: 'deleted', body: '', html: '' } as MessageDoc;
  emitMessageEvent({ type: 'deleted', before: item, after, mentionIds: [] });
  // Replies are readable only by those who may read their root: a deleted root hides them.
  await hideThreadReplies(after, true);
  await touchThreadRoot(after);
  return { id };
}
