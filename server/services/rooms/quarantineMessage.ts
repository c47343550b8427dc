/**
 * Quarantine of a room message (hub and global moderators), mirroring quarantinePost: hidden
 * everywhere at once (open clients get `message:removed` within a second, history and missed
 * messages exclude it) until restored; audited with its reason; the author and the room's hub
 * moderators are told (without content).
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { MessageModerationView } from '../../../shared/schemas/rooms.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { MessageModel, type MessageDoc } from '../../models/Message.js';
import { loadContent } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing, canShare } from '../../policy/sharingAccess.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import {
  auditActionOf,
  moderationUpdate,
  QUARANTINE,
  RESTORE,
  type ModerationStep,
} from '../moderation/moderationStep.js';
import { loadMessageFor, messageSubject } from './loadMessageFor.js';
import { emitMessageEvent } from './messageEvents.js';
import { notifyModeration } from '../notifications/notify.js';
import { hideThreadReplies, touchThreadRoot } from './threadReplies.js';

/**
 * The moderators' view of a message after a moderation action; without its former bodies (`edits:
 * false`) for someone who may not read the message.
 */
export function presentMessageModeration(
  item: MessageDoc,
  options: { edits: boolean },
): z.infer<typeof MessageModerationView> {
  return {
    id: String(item._id),
    roomId: String(item.spaceId),
    label: item.label,
    state: item.state,
    edits: options.edits ? item.edits.map((e) => ({ at: e.at.toISOString(), body: e.body })) : [],
    moderation: item.moderation.map((m) => ({
      at: m.at.toISOString(),
      action: m.action,
      by: m.byName ?? null,
      reason: m.reason,
    })),
  };
}

async function changeState(actor: Actor, id: string, reason: string, step: ModerationStep) {
  const ctx = await loadSharingContext(actor);
  const item = await loadMessageFor(ctx, id);
  await authorizeSharing(
    ctx,
    step.action === 'quarantine' ? 'quarantine' : 'moderate',
    'Message',
    messageSubject(item),
  );
  const result = await MessageModel.updateOne(...moderationUpdate(item._id, actor, reason, step));
  if (result.matchedCount === 0) throw new ConflictError(`The message is not ${step.from}.`);
  const after = await loadContent(id, 'Message');
  if (!after) throw new NotFoundError('Message');
  emitMessageEvent({
    type: step.action === 'quarantine' ? 'quarantined' : 'restored',
    before: item,
    after,
    mentionIds: [],
  });
  await hideThreadReplies(after, step.action === 'quarantine');
  await touchThreadRoot(after);
  await recordAudit(actor, auditActionOf(step), { type: 'Message', id, label: item.label }, { reason });
  const kind = step.action === 'quarantine' ? 'message.quarantined' : 'message.restored';
  await notifyModeration(actor, item, kind, reason, 'Message');
  // Former bodies only for a moderator the message's label admits (judged on its visible version):
  // moderating a message is not a right to read it (a RED message outside one's audience, say).
  const visible = step.action === 'quarantine' ? item : after;
  return presentMessageModeration(after, {
    edits: canShare(ctx, 'read', 'Message', messageSubject(visible)),
  });
}

/** Quarantines a visible message. */
export function quarantineMessage(actor: Actor, id: string, reason: string) {
  return changeState(actor, id, reason, QUARANTINE);
}

/** Restores a quarantined message as it was. */
export function restoreMessage(actor: Actor, id: string, reason: string) {
  return changeState(actor, id, reason, RESTORE);
}
