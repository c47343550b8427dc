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
import { ceilingRefusal } from '../../../shared/policy/content.js';
import { isAbove } from '../../../shared/policy/labels.js';
import type { ForumReplyCreate } from '../../../shared/schemas/forums.js';
import { indexTokens } from '../../../shared/search/tokens.js';
import { PostModel, type PostDoc } from '../../models/Post.js';
import { loadContent } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { renderMarkdown } from '../../text/renderMarkdown.js';
import { emitContentEvent } from '../../events/contentEvents.js';
import { applyLabel, withinParentAudience } from '../moderation/relabelContent.js';
import { ConflictError, InvalidError, UnauthenticatedError } from '../../errors.js';
import { currentMemberIds } from '../../policy/spaceMembers.js';
import { forumOrder, mayModerateForum, readableForumItem, spaceOf } from './forumAccess.js';
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

/** Creates the reply. */
export async function createReply(actor: Actor, topicId: string, input: z.infer<typeof ForumReplyCreate>) {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const ctx = await loadSharingContext(actor);
  const topic = await readableForumItem(ctx, topicId, 'topic');
  const space = await spaceOf(topic);
  if (topic.locked && !mayModerateForum(ctx, space))
    throw new ConflictError('This topic is locked: only its moderators may reply.');
  const label = input.label ?? topic.label;
  await authorizeSharing(ctx, 'create', 'Post', { _id: null, spaceId: space._id, label, authorId: actor.id });
  if (isAbove(topic.label, label))
    throw new InvalidError(`A reply may not be labelled below its topic (${topic.label}).`, [
      { path: 'label', message: `below the topic's label ${topic.label}` },
    ]);
  const refusal = ceilingRefusal(label, space.ceiling, space.name);
  if (refusal)
    throw new InvalidError(refusal, [{ path: 'label', message: `above the ceiling ${space.ceiling}` }]);
  let audience: string[] = [];
  if (label === 'RED') {
    audience = withinParentAudience(topic, await currentMemberIds(space));
  }
  const title = `Re: ${topic.title}`.slice(0, TITLE_MAX);
  const created = await PostModel.create({
    spaceId: space._id,
    spaceHubId: space.hubId ?? null,
    label,
    audienceIds: audience,
    authorId: actor.id,
    authorCityId: actor.cityId,
    state: 'visible',
    published: false,
    title,
    body: input.body,
    html: renderMarkdown(input.body),
    ...indexTokens([title, input.body]),
    categoryId: topic.categoryId,
    topicId: topic._id,
  });
  let item = created.toObject() as unknown as PostDoc;
  // A quarantine, deletion or raise of the topic that ran while this reply was being stored may have
  // passed over the replies before this one existed. Look again before anyone is sent the reply:
  // hide it with its topic, or give it the topic's new label (never below its topic).
  const topicNow = await loadContent(String(topic._id));
  if (topicNow?.state !== 'visible') {
    await PostModel.updateOne({ _id: item._id }, { $set: { topicHidden: true } });
    item.topicHidden = true;
  } else if (isAbove(topicNow.label, item.label)) {
    // The same change a topic's raise makes to each reply (posts/relabelPost.ts): audited, recorded
    // on the reply, the topic's RED audience.
    item = await applyLabel(actor, item, topicNow.label, `raised with its topic to ${topicNow.label}`, {
      action: 'relabel',
      audience: topicNow.audienceIds,
    });
  }
  // A RED reply under a lower topic is for fewer people than the topic: it must not move the topic.
  if (label !== 'RED' || topic.label === 'RED') await touchTopic(topic._id, item.createdAt);
  await autoSubscribe(actor.id, topic._id);
  await notifyForumItem(item, { body: input.body }, topic._id);
  emitContentEvent({ type: 'created', before: null, after: item });
  return presentReply(ctx, item);
}
