/**
 * Changes a room message's label with the rules of every content type (moderation/relabelContent.ts):
 * raise (author, moderators), lower (originator, moderators), a written justification, the room's
 * ceiling, RED taking as its audience the members present when it was first sent, an audit entry, the author told when
 * someone else changed it. Open clients follow at once (server/sockets/roomDelivery.ts): those who may
 * no longer read it get `message:removed`, those who may now read it get it in `message:updated`.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import type { Label } from '../../../shared/policy/labels.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { canShare } from '../../policy/sharingAccess.js';
import { applyLabel, requireRelabel } from '../moderation/relabelContent.js';
import { notify } from '../notifications/notify.js';
import { loadMessageFor, messageSubject } from './loadMessageFor.js';
import { emitMessageEvent } from './messageEvents.js';
import { presentMessages } from './presentMessage.js';
import { presentMessageModeration } from './quarantineMessage.js';
import { raiseThreadReplies, requireNotBelowRoot, touchThreadRoot } from './threadReplies.js';
import { loadContent } from '../../policy/contentAccess.js';

/** Relabels the message; answers it as the actor may now see it (the message, or its state only). */
export async function relabelMessage(actor: Actor, id: string, to: Label, justification: string) {
  const ctx = await loadSharingContext(actor);
  const item = await loadMessageFor(ctx, id);
  const direction = await requireRelabel(ctx, 'Message', item, to);
  if (direction === 'lower' && item.threadId) {
    const root = await loadContent(String(item.threadId), 'Message');
    if (root) requireNotBelowRoot(root, to);
  }
  const after = await applyLabel(actor, item, to, justification, { action: 'relabel' }, 'Message');
  emitMessageEvent({ type: 'relabelled', before: item, after, mentionIds: [] });
  if (direction === 'raise') await raiseThreadReplies(actor, after, to, justification);
  await touchThreadRoot(after);
  if (actor.kind !== 'person' || actor.id !== String(item.authorId))
    await notify(
      [String(item.authorId)],
      item,
      'message.relabelled',
      `${item.label} → ${to}: ${justification}`,
      'Message',
    );
  if (canShare(ctx, 'read', 'Message', messageSubject(after))) {
    const [shown] = await presentMessages(ctx, [after]);
    if (shown) return shown;
  }
  return presentMessageModeration(after, { edits: false });
}
