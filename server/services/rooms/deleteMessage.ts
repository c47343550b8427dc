/**
 * Deletes a message: its author, the room's owners and moderators, or hub and global moderators. A
 * tombstone stays (state `deleted`, body, HTML and tokens erased) with who did it; open clients get
 * `message:removed`. Idempotent for an already deleted message.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import type { MessageDoc } from '../../models/Message.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { tombstoneContent } from '../content/moderateContent.js';
import { loadMessageFor, messageSubject } from './loadMessageFor.js';
import { MESSAGE_KIND } from './messageKind.js';
import { requirePerson } from './roomAccess.js';

/** Deletes the message and returns its id. */
export async function deleteMessage(actor: Actor, id: string): Promise<{ id: string }> {
  const person = requirePerson(actor);
  const ctx = await loadSharingContext(person);
  const item = await loadMessageFor(ctx, id);
  if (item.state === 'deleted') return { id };
  await authorizeSharing(ctx, 'delete', 'Message', messageSubject(item));
  const own = person.id === String(item.authorId);
  const reason = own ? 'deleted by the author' : 'deleted by a moderator';
  const done = await tombstoneContent(MESSAGE_KIND, actor, item, {
    reason,
    auditedReason: null,
    audit: !own,
  });
  if (!done) return { id };
  // Replies are readable only by those who may read their root: a deleted root hides them.
  const after = { ...item, state: 'deleted', ...MESSAGE_KIND.erased } as MessageDoc;
  await MESSAGE_KIND.hideDependents(after, true);
  await MESSAGE_KIND.touchParent(after);
  return { id };
}
