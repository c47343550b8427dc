/**
 * Replies to a topic the actor may read. A reply has its own label: by default the topic's, never
 * below it (a reply may not be readable where its topic is not) nor above the space's ceiling. A RED
 * reply's audience is the space's members now, and for a RED topic only those of them who may read
 * the topic. Locked topics take replies from the forum's moderators only. The topic's activity (its
 * place in the list) moves only for replies every reader of the topic may read, so the order leaks
 * nothing. The replier is subscribed; subscribers and mentioned people who may read it are told.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import { hasNamedAudience } from '../../../shared/policy/labels.js';
import type { ForumReplyCreate } from '../../../shared/schemas/forums.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import { PostModel, type PostDoc } from '../../models/Post.js';
import type { SpaceDoc } from '../../models/Space.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { mayReplyToTopic } from '../../policy/authorizer.js';
import { renderMarkdown } from '../../text/renderMarkdown.js';
import { ConflictError, UnauthenticatedError } from '../../errors.js';
import { createContent } from '../content/createContent.js';
import { POST_KIND } from '../posts/postKind.js';
import { forumOrder, readableForumItem, spaceOf } from './forumAccess.js';
import { autoSubscribe, notifyForumItem } from './forumNotify.js';
import { presentReply } from './presentForum.js';

/** The longest stored reply title ("Re: " and the topic's title). */
const TITLE_MAX = 300;

/** Moves the topic's last activity forward (never back), keeping its sort key in step with its pin. */
export async function touchTopic(topicId: unknown, at: Date): Promise<void> {
  for (const pinned of [true, false])
    await PostModel.updateOne(
      { _id: topicId, pinned, $or: [{ lastActivityAt: null }, { lastActivityAt: { $lt: at } }] },
      { $set: { lastActivityAt: at, forumOrder: forumOrder(pinned, at) } },
    );
}

/** Refuses a reply to a locked topic unless the policy lets the actor moderate its forum. */
function requireMayReply(ctx: SharingContext, space: SpaceDoc, topic: PostDoc): void {
  if (!mayReplyToTopic(ctx, space, topic))
    throw new ConflictError('This topic is locked: only its moderators may reply.', {
      reason: 'topic_locked',
    });
}

/** Creates the reply. */
export async function createReply(actor: Actor, topicId: string, input: z.infer<typeof ForumReplyCreate>) {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const ctx = await loadSharingContext(actor);
  const topic = await readableForumItem(ctx, topicId, 'topic');
  const space = await spaceOf(topic);
  requireMayReply(ctx, space, topic);
  const label = input.label ?? topic.label;
  const title = `Re: ${topic.title}`.slice(0, TITLE_MAX);
  const { item } = await createContent(
    ctx,
    POST_KIND,
    {
      space,
      label,
      parent: { label: topic.label, audienceIds: topic.audienceIds, noun: 'topic' },
      attachments: input.attachments,
    },
    {
      fields: {
        title,
        body: input.body,
        html: renderMarkdown(input.body),
        categoryId: topic.categoryId,
        topicId: topic._id,
      },
      beforeAnnounce: async (stored) => {
        // A RED reply under a lower topic is for fewer people than the topic: it must not move the topic.
        if (!hasNamedAudience(label) || hasNamedAudience(topic.label))
          await touchTopic(topic._id, stored.createdAt);
        await autoSubscribe(actor.id, topic._id);
        await notifyForumItem(stored, { body: input.body }, topic._id);
      },
    },
  );
  return presentReply(ctx, item);
}
