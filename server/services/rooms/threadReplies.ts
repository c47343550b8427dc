/**
 * A room thread's replies follow their first message (SHARING.md, "Readings settled": replies are
 * readable only by those who may read their thread root), as forum replies follow their topic:
 * - a reply is never labelled below its root, and a RED reply under a RED root keeps to the root's
 *   audience;
 * - raising the root raises the replies below its new label (same justification, an audit entry and a
 *   notice per reply, the root's RED audience; a reply already RED is narrowed to it);
 * - quarantining or deleting the root hides its replies (`topicHidden`, in the readable filter);
 *   restoring it shows them again (a reply quarantined on its own stays so).
 */
import type { Actor } from '../../../shared/policy/actor.js';
import { isBelowParent, raises, type Label } from '../../../shared/policy/labels.js';
import { MessageModel, type MessageDoc } from '../../models/Message.js';
import { loadContent, loadThreadReplies } from '../../policy/contentAccess.js';
import { ConflictError } from '../../errors.js';
import { requireNotBelowParent } from '../content/createContent.js';
import { applyLabel, widerThanParent, withinParentAudience } from '../moderation/relabelContent.js';
import { notify } from '../notifications/notify.js';
import { emitMessageEvent } from './messageEvents.js';

/** Refuses a reply label below its thread root's (naming it), through the kernel's one floor check. */
export function requireNotBelowRoot(root: Pick<MessageDoc, 'label'>, label: Label): void {
  requireNotBelowParent({ label: root.label, noun: 'thread' }, label);
}

/** The RED audience of a reply: the room's members now, kept to the root's audience under a RED root. */
export function replyAudience(root: Pick<MessageDoc, 'label' | 'audienceIds'>, members: string[]): string[] {
  return withinParentAudience(root, members);
}

/** Hides (or shows again) the replies of `root` with it; open clients follow. Returns how many changed. */
export async function hideThreadReplies(root: MessageDoc, hidden: boolean): Promise<number> {
  // No shortcut on the stored count: a reply stored a moment ago may not be counted yet.
  if (root.threadId !== null) return 0;
  const replies = await loadThreadReplies(root._id);
  await MessageModel.updateMany({ threadId: root._id }, { $set: { topicHidden: hidden } });
  const changed = replies.filter((r) => (r.topicHidden ?? false) !== hidden);
  for (const before of changed)
    emitMessageEvent({
      type: hidden ? 'quarantined' : 'restored',
      before,
      after: { ...before, topicHidden: hidden },
      mentionIds: [],
    });
  return changed.length;
}

/**
 * Raises the replies of `root` below its new label `to`, with its justification and RED audience; a
 * reply already RED keeps to the root's audience (its own is narrowed, never widened). A reply changed
 * meanwhile is read again and tried once more; each reply's author is told. Returns how many changed.
 */
export async function raiseThreadReplies(
  actor: Actor,
  root: MessageDoc,
  to: Label,
  justification: string,
): Promise<number> {
  if (root.threadId !== null) return 0;
  let raised = 0;
  for (const reply of await loadThreadReplies(root._id)) {
    let current: MessageDoc | null = reply;
    for (
      let attempt = 0;
      current && (raises(current.label, to) || widerThanParent(root, current));
      attempt += 1
    ) {
      try {
        const audience = replyAudience(root, current.audienceIds.map(String));
        const after = await applyLabel(
          actor,
          current,
          to,
          justification,
          { action: 'relabel', audience: raises(current.label, to) ? root.audienceIds : audience },
          'Message',
        );
        emitMessageEvent({ type: 'relabelled', before: current, after, mentionIds: [] });
        if (actor.kind !== 'person' || actor.id !== String(current.authorId))
          await notify(
            [String(current.authorId)],
            current,
            'message.relabelled',
            `${current.label} → ${to}: ${justification}`,
            'Message',
          );
        raised += 1;
        break;
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt > 0) throw error;
        current = await loadContent(String(reply._id), 'Message');
      }
    }
  }
  return raised;
}

/**
 * Tells open clients a thread root's reply counts changed (a reply was quarantined, restored, deleted
 * or relabelled): the root is re-sent, each reader with their own count (sockets/roomDelivery.ts).
 */
export async function touchThreadRoot(reply: Pick<MessageDoc, 'threadId'>): Promise<void> {
  if (!reply.threadId) return;
  const root = await loadContent(String(reply.threadId), 'Message');
  if (root && root.state === 'visible' && !root.topicHidden)
    emitMessageEvent({ type: 'updated', before: root, after: root, mentionIds: [] });
}

/**
 * A reply just stored looks at its root again before anyone is sent it: a quarantine, deletion or
 * raise of the root that ran meanwhile may have passed over it. Returns the reply as it now stands.
 */
export async function followRootNow(actor: Actor, reply: MessageDoc): Promise<MessageDoc> {
  if (!reply.threadId) return reply;
  const root = await loadContent(String(reply.threadId), 'Message');
  if (!root || root.state !== 'visible') {
    await MessageModel.updateOne({ _id: reply._id }, { $set: { topicHidden: true } });
    return { ...reply, topicHidden: true };
  }
  if (!isBelowParent(reply.label, root.label)) return reply;
  try {
    return await applyLabel(
      actor,
      reply,
      root.label,
      `raised with its thread to ${root.label}`,
      { action: 'relabel', audience: root.audienceIds },
      'Message',
    );
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    // Changed meanwhile (a moderator acted on it): fail closed, hidden with its thread.
    await MessageModel.updateOne({ _id: reply._id }, { $set: { topicHidden: true } });
    return { ...reply, topicHidden: true };
  }
}
