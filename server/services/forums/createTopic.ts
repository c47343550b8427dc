/**
 * Starts a topic in a category: a labelled post (default label from the space, never above its
 * ceiling: refused naming the ceiling), its Markdown rendered to safe HTML and stored beside the
 * source. RED topics record their audience (the space's members now). The author is subscribed and
 * has read it; mentioned people who may read it are told; open sockets get post:created.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import { ceilingRefusal } from '../../../shared/policy/content.js';
import type { ForumTopicCreate } from '../../../shared/schemas/forums.js';
import { indexTokens } from '../../../shared/search/tokens.js';
import { ForumReadMarkerModel } from '../../models/ForumReadMarker.js';
import { PostModel, type PostDoc } from '../../models/Post.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { renderMarkdown } from '../../text/renderMarkdown.js';
import { emitContentEvent } from '../../events/contentEvents.js';
import { InvalidError, UnauthenticatedError } from '../../errors.js';
import { currentMemberIds } from '../../policy/spaceMembers.js';
import { categoryIn, forumOrder, forumSpace } from './forumAccess.js';
import { autoSubscribe, notifyForumItem } from './forumNotify.js';
import { presentTopic } from './presentForum.js';

/** Creates the topic. */
export async function createTopic(
  actor: Actor,
  spaceSlug: string,
  categorySlug: string,
  input: z.infer<typeof ForumTopicCreate>,
) {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const ctx = await loadSharingContext(actor);
  const space = await forumSpace(ctx, spaceSlug);
  const label = input.label ?? space.defaultLabel;
  await authorizeSharing(ctx, 'create', 'Post', { _id: null, spaceId: space._id, label, authorId: actor.id });
  const category = await categoryIn(space, categorySlug);
  const refusal = ceilingRefusal(label, space.ceiling, space.name);
  if (refusal)
    throw new InvalidError(refusal, [{ path: 'label', message: `above the ceiling ${space.ceiling}` }]);
  const now = new Date();
  const created = await PostModel.create({
    spaceId: space._id,
    spaceHubId: space.hubId ?? null,
    label,
    audienceIds: label === 'RED' ? await currentMemberIds(space) : [],
    authorId: actor.id,
    authorCityId: actor.cityId,
    state: 'visible',
    published: false,
    title: input.title,
    body: input.body,
    html: renderMarkdown(input.body),
    ...indexTokens([input.title, input.body]),
    categoryId: category._id,
    topicId: null,
    lastActivityAt: now,
    forumOrder: forumOrder(false, now),
  });
  const item = created.toObject() as unknown as PostDoc;
  await Promise.all([
    autoSubscribe(actor.id, item._id),
    ForumReadMarkerModel.create({ personId: actor.id, topicId: item._id, lastReadId: item._id, at: now }),
  ]);
  await notifyForumItem(item, { body: input.body });
  emitContentEvent({ type: 'created', before: null, after: item });
  return presentTopic(ctx, item);
}
