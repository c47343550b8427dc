/**
 * Quarantine of a room message (hub and global moderators), mirroring quarantinePost: hidden
 * everywhere at once (open clients get `message:removed` within a second, history and missed
 * messages exclude it) until restored; audited with its reason; the author and the room's hub
 * moderators are told (without content).
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { MessageModerationView } from '../../../shared/schemas/rooms.js';
import type { MessageDoc } from '../../models/Message.js';
import { canShare } from '../../policy/sharingAccess.js';
import { changeContentState } from '../content/moderateContent.js';
import { QUARANTINE, RESTORE, type ModerationStep } from '../moderation/moderationStep.js';
import { messageSubject } from './loadMessageFor.js';
import { MESSAGE_KIND } from './messageKind.js';

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
  const { ctx, before, after } = await changeContentState(MESSAGE_KIND, actor, id, reason, step);
  // Former bodies only for a moderator the message's label admits (judged on its visible version):
  // moderating a message is not a right to read it (a RED message outside one's audience, say).
  const visible = step.action === 'quarantine' ? before : after;
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
