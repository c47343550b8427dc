/**
 * Quarantine hides an item everywhere at once (REST, search, notifications, public, export, sockets)
 * until a moderator restores it, relabels and moves it, or deletes it; a forum topic's replies are
 * hidden and restored with it. Its flags are resolved; the
 * author and the hub's moderators are told; the action is audited with its reason.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { FlagModel } from '../../models/Flag.js';
import { PostModel, type PostDoc } from '../../models/Post.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { emitContentEvent } from '../../events/contentEvents.js';
import { ConflictError } from '../../errors.js';
import { hideTopicReplies } from '../forums/hideTopicReplies.js';
import { notifyModeration } from '../notifications/notify.js';
import { loadPostFor, subjectOf } from '../posts/loadPostFor.js';
import { presentModerationView } from '../posts/presentPost.js';
import {
  auditActionOf,
  moderationUpdate,
  QUARANTINE,
  RESTORE,
  type ModerationStep,
} from './moderationStep.js';

/** Sets the state from `from` to `to` (quarantine or restore). */
export async function changeState(actor: Actor, id: string, reason: string, step: ModerationStep) {
  const ctx = await loadSharingContext(actor);
  const item = await loadPostFor(ctx, id);
  await authorizeSharing(
    ctx,
    step.action === 'quarantine' ? 'quarantine' : 'moderate',
    'Post',
    subjectOf(item),
  );
  const result = await PostModel.updateOne(...moderationUpdate(item._id, actor, reason, step));
  if (result.matchedCount === 0) throw new ConflictError(`The item is not ${step.from}.`);
  // A topic's replies are hidden with it and come back with it.
  await hideTopicReplies(item, step.to === 'quarantined');
  await FlagModel.updateMany(
    { postId: item._id, state: 'open' },
    { $set: { state: 'resolved', resolvedAt: new Date() } },
  );
  const kind = step.action === 'quarantine' ? 'post.quarantined' : 'post.restored';
  await recordAudit(
    actor,
    auditActionOf(step),
    {
      type: 'Post',
      id,
      label: item.label,
    },
    { reason },
  );
  await notifyModeration(actor, item, kind, reason);
  const after = { ...item, state: step.to } as PostDoc;
  emitContentEvent({ type: step.action === 'quarantine' ? 'quarantined' : 'restored', before: item, after });
  const stored = await loadPostFor(ctx, id);
  return presentModerationView(stored);
}

/** Quarantines a visible item. */
export function quarantinePost(actor: Actor, id: string, reason: string) {
  return changeState(actor, id, reason, QUARANTINE);
}

/** Restores a quarantined item as it was. */
export function restorePost(actor: Actor, id: string, reason: string) {
  return changeState(actor, id, reason, RESTORE);
}
