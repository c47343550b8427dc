/**
 * Starts a topic in a category, through the content kernel (services/content/createContent.ts): a
 * labelled post (default label from the space, never above its ceiling: refused naming the ceiling),
 * its Markdown rendered to safe HTML and stored beside the source. RED topics record their audience
 * (the space's members now). The author is subscribed and has read it; mentioned people who may read
 * it are told; open sockets get post:created.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { ForumTopicCreate } from '../../../shared/schemas/forums.js';
import { ForumReadMarkerModel } from '../../models/ForumReadMarker.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { renderMarkdown } from '../../text/renderMarkdown.js';
import { UnauthenticatedError } from '../../errors.js';
import { prepareContent, storeContent } from '../content/createContent.js';
import { POST_KIND } from '../posts/postKind.js';
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
  const category = await categoryIn(space, categorySlug);
  const prepared = await prepareContent(ctx, POST_KIND, {
    space,
    label: input.label ?? space.defaultLabel,
    attachments: input.attachments,
  });
  const now = new Date();
  const { item } = await storeContent(POST_KIND, prepared, {
    fields: {
      title: input.title,
      body: input.body,
      html: renderMarkdown(input.body),
      categoryId: category._id,
      topicId: null,
      lastActivityAt: now,
      forumOrder: forumOrder(false, now),
    },
    beforeAnnounce: async (stored) => {
      await Promise.all([
        autoSubscribe(actor.id, stored._id),
        ForumReadMarkerModel.create({
          personId: actor.id,
          topicId: stored._id,
          lastReadId: stored._id,
          at: now,
        }),
      ]);
      await notifyForumItem(stored, { body: input.body });
    },
  });
  return presentTopic(ctx, item);
}
