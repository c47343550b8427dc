/**
 * Moves a topic with its replies (moderators of the forum, who may read the topic). Within a space
 * only the category changes. To another space (a hub or network forum the mover also moderates),
 * every item must pass the onward-sharing table with its originator's city as "own city" (so AMBER
 * and above never leave for a hub or the network, RED goes nowhere) and fit the destination's
 * ceiling; otherwise nothing moves. Labels never change here: relabel first. Audited; the topic's
 * author is told; open sockets get the moves.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import { asLabel, ceilingRefusal, onwardAllowed, onwardRefusal } from '../../../shared/policy/content.js';
import type { ForumTopicMove } from '../../../shared/schemas/forums.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { auditOutboxItem, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { PostModel, type PostDoc } from '../../models/Post.js';
import type { SpaceDoc } from '../../models/Space.js';
import { loadContent, loadContentMeta, type ContentMeta } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { emitContentEvent } from '../../events/contentEvents.js';
import { ConflictError, ForbiddenError, InvalidError } from '../../errors.js';
import { moderatorRecord } from '../moderation/moderationStep.js';
import { notify } from '../notifications/notify.js';
import { categoryIn, forumSpace, readableForumItem, requireForumModerator, spaceOf } from './forumAccess.js';

/** Refuses the move unless every item may go to the destination; names no reply's content. */
async function checkOnward(actor: Actor, topic: PostDoc, items: ContentMeta[], destination: SpaceDoc) {
  const facts = { kind: destination.kind, cityId: destination.cityId ? String(destination.cityId) : null };
  for (const item of items) {
    if (item.state === 'deleted') continue; // a tombstone holds no content; it follows its topic
    const label = asLabel(item.label);
    const mine = String(item._id) === String(topic._id);
    if (!onwardAllowed(label, facts, item.authorCityId ? String(item.authorCityId) : null)) {
      await recordAudit(
        actor,
        'authz.refused',
        { type: 'Post', id: String(topic._id) },
        {
          action: 'move',
          to: destination.slug,
        },
      );
      throw new ForbiddenError(
        mine
          ? onwardRefusal(label)
          : 'A reply in this topic may not leave its space under the sharing rules.',
      );
    }
    const refusal = ceilingRefusal(label, destination.ceiling, destination.name);
    if (refusal)
      throw new InvalidError(
        mine
          ? refusal
          : `A reply in this topic is above the ceiling ${destination.ceiling} of "${destination.name}".`,
        [{ path: 'space', message: `ceiling ${destination.ceiling}` }],
      );
  }
}

/** Moves the topic and its replies. */
export async function moveTopic(actor: Actor, id: string, input: z.infer<typeof ForumTopicMove>) {
  const ctx = await loadSharingContext(actor);
  const topic = await readableForumItem(ctx, id, 'topic');
  const source = await spaceOf(topic);
  await requireForumModerator(ctx, source);
  const destination = input.space ? await forumSpace(ctx, input.space) : source;
  if (String(destination._id) !== String(source._id)) await requireForumModerator(ctx, destination);
  const category = await categoryIn(destination, input.category);
  const replies = await loadContentMeta({ topicId: topic._id });
  const across = String(destination._id) !== String(source._id);
  if (across) await checkOnward(actor, topic, [topic, ...replies], destination);
  else if (String(category._id) === String(topic.categoryId))
    throw new ConflictError(`The topic is already in "${category.slug}".`);
  const set = { spaceId: destination._id, spaceHubId: destination.hubId ?? null, categoryId: category._id };
  const event = {
    at: new Date(),
    action: 'move',
    ...moderatorRecord(actor),
    reason: input.justification,
    from: null,
    to: null,
  };
  const details = {
    from: source.slug,
    to: destination.slug,
    category: category.slug,
    replies: replies.length,
    why: input.justification,
  };
  const target = { type: 'Post', id, label: topic.label };
  // Replies first, the topic last: a retry after a failure moves what is left. The topic's write
  // completes the move, so it carries the entry (server/audit/auditOutbox.ts).
  const ids = [...replies.map((r) => r._id), topic._id];
  let carried = false;
  for (const itemId of ids) {
    const before = await loadContent(String(itemId));
    if (!before || String(before.spaceId) !== String(source._id)) continue;
    const isTopic = String(itemId) === String(topic._id);
    const push = {
      ...(across ? { moderation: event } : {}),
      ...(isTopic ? { auditOutbox: auditOutboxItem(actor, 'content.moved', target, details) } : {}),
    };
    const stored = await PostModel.updateOne(
      { _id: itemId, spaceId: source._id, label: before.label },
      { $set: set, ...(Object.keys(push).length > 0 ? { $push: push } : {}) },
    );
    if (isTopic && stored.matchedCount > 0) carried = true;
    if (stored.matchedCount === 0)
      throw new ConflictError('The topic changed meanwhile; try the move again.');
    emitContentEvent({
      type: across ? 'moved' : 'updated',
      before,
      after: { ...before, ...set, moderation: [...before.moderation, ...(across ? [event] : [])] } as PostDoc,
    });
  }
  // A topic found moved already (a retry) had nothing left to carry the entry: written directly.
  if (carried) await flushAuditOutbox(PostModel as never, topic._id);
  else await recordAudit(actor, 'content.moved', target, details);
  if (actor.kind !== 'person' || actor.id !== String(topic.authorId))
    await notify(
      [String(topic.authorId)],
      { _id: topic._id, spaceId: destination._id },
      'post.moved',
      input.justification,
    );
  return {
    topic: id,
    space: destination.slug,
    category: category.slug,
    label: topic.label,
    moved: ids.length,
  };
}
