/**
 * Changes a post's label (SHARING.md, "Changing a label"; the rules in
 * moderation/relabelContent.ts). Forum items keep "a reply is never below its topic": a reply may not
 * be lowered below its topic's label, and raising a topic raises the replies below the new label with
 * it (same justification, audit entry per reply, RED audience of the topic), so a conversation is never
 * less protected than its opening; lowering a topic leaves its replies as they are.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import { raises, type Label } from '../../../shared/policy/labels.js';
import type { PostDoc } from '../../models/Post.js';
import { loadContent, loadTopicReplies } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { canShare } from '../../policy/sharingAccess.js';
import { emitContentEvent } from '../../events/contentEvents.js';
import { ConflictError } from '../../errors.js';
import {
  applyLabel,
  requireRelabel,
  widerThanParent,
  withinParentAudience,
  type LabelChange,
} from '../moderation/relabelContent.js';
import { requireNotBelowParent } from '../content/createContent.js';
import { notify } from '../notifications/notify.js';
import { loadPostFor, subjectOf } from './loadPostFor.js';
import { presentModerationView, presentPost } from './presentPost.js';

/** Applies the change, tells the author (unless they made it) and open clients; returns the item after. */
async function relabelLoaded(
  actor: Actor,
  item: PostDoc,
  to: Label,
  justification: string,
  change: LabelChange,
): Promise<PostDoc> {
  const after = await applyLabel(actor, item, to, justification, change);
  if (actor.kind !== 'person' || actor.id !== String(item.authorId))
    await notify([String(item.authorId)], item, 'post.relabelled', `${item.label} → ${to}: ${justification}`);
  emitContentEvent({ type: 'relabelled', before: item, after });
  return after;
}

/** Refuses lowering a forum reply below its topic's label (naming it). */
async function requireNotBelowTopic(item: PostDoc, to: Label): Promise<void> {
  if (!item.topicId) return;
  const topic = await loadContent(String(item.topicId));
  if (topic) requireNotBelowParent({ label: topic.label, noun: 'topic' }, to);
}

/**
 * Raises the replies of a topic that are below its new label `to` (a RED reply is narrowed to the
 * topic's RED audience), with the topic's justification and
 * RED audience. A reply changed meanwhile is read again and tried once more. Returns how many rose.
 */
async function raiseReplies(actor: Actor, topic: PostDoc, to: Label, justification: string) {
  let raised = 0;
  for (const reply of await loadTopicReplies(topic._id)) {
    let current: PostDoc | null = reply;
    for (
      let attempt = 0;
      current && (raises(current.label, to) || widerThanParent(topic, current));
      attempt += 1
    ) {
      try {
        await relabelLoaded(actor, current, to, justification, {
          action: 'relabel',
          // A reply already RED keeps to the topic's audience: narrowed, never widened.
          audience: raises(current.label, to)
            ? topic.audienceIds
            : withinParentAudience(topic, current.audienceIds.map(String)),
        });
        raised += 1;
        break;
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt > 0) throw error;
        current = await loadContent(String(reply._id));
      }
    }
  }
  return raised;
}

/** Changes the label of a post (a topic's replies follow a raise). */
export async function relabelPost(actor: Actor, id: string, to: Label, justification: string) {
  const ctx = await loadSharingContext(actor);
  const item = await loadPostFor(ctx, id);
  const direction = await requireRelabel(ctx, 'Post', item, to);
  if (direction === 'lower') await requireNotBelowTopic(item, to);
  const after = await relabelLoaded(actor, item, to, justification, { action: 'relabel' });
  if (direction === 'raise' && item.categoryId && !item.topicId)
    await raiseReplies(actor, after, to, justification);
  const fresh = await loadSharingContext(actor);
  const stored = await loadPostFor(fresh, id).catch(() => after);
  return canShare(fresh, 'read', 'Post', subjectOf(stored))
    ? presentPost(fresh, stored)
    : presentModerationView(stored);
}
