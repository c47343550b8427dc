/**
 * Quarantine hides an item everywhere at once (REST, search, notifications, public, export, sockets)
 * until a moderator restores it, relabels and moves it, or deletes it; a forum topic's replies are
 * hidden and restored with it. Its flags are resolved; the
 * author and the hub's moderators are told; the action is audited with its reason.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import { changeContentState } from '../content/moderateContent.js';
import { POST_KIND } from '../posts/postKind.js';
import { presentModerationView } from '../posts/presentPost.js';
import { QUARANTINE, RESTORE, type ModerationStep } from './moderationStep.js';

/** Sets the state from `from` to `to` (quarantine or restore), through the kernel. */
export async function changeState(actor: Actor, id: string, reason: string, step: ModerationStep) {
  const { after } = await changeContentState(POST_KIND, actor, id, reason, step);
  return presentModerationView(after);
}

/** Quarantines a visible item. */
export function quarantinePost(actor: Actor, id: string, reason: string) {
  return changeState(actor, id, reason, QUARANTINE);
}

/** Restores a quarantined item as it was. */
export function restorePost(actor: Actor, id: string, reason: string) {
  return changeState(actor, id, reason, RESTORE);
}
