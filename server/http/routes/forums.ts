/**
 * /api/v1 forum routes: categories of a hub or network space, topics and replies (labelled posts),
 * pin, lock, move, subscriptions, read markers and edit history. Each route calls one service.
 */
import type { z } from 'zod';
import {
  ForumCategory,
  ForumCategoryCreate,
  ForumCategoryListQuery,
  ForumCategoryParams,
  ForumCategoryUpdate,
  ForumReadMark,
  ForumReadState,
  ForumReply,
  ForumReplyCreate,
  ForumReplyListQuery,
  ForumReplyParams,
  ForumReplyUpdate,
  ForumRevision,
  ForumRevisionListQuery,
  ForumSpaceParams,
  ForumSubscriptionState,
  ForumTopic,
  ForumTopicCreate,
  ForumTopicFlags,
  ForumTopicListQuery,
  ForumTopicMove,
  ForumTopicMoved,
  ForumTopicParams,
  ForumTopicUpdate,
  pageOf,
} from '../../../shared/schemas/index.js';
import { createCategory } from '../../services/forums/createCategory.js';
import { createReply } from '../../services/forums/createReply.js';
import { createTopic } from '../../services/forums/createTopic.js';
import { editReply, editTopic } from '../../services/forums/editForumPost.js';
import { getTopic } from '../../services/forums/getTopic.js';
import { listCategories } from '../../services/forums/listCategories.js';
import { listReplies } from '../../services/forums/listReplies.js';
import { listRevisions } from '../../services/forums/listRevisions.js';
import { listTopics } from '../../services/forums/listTopics.js';
import { markTopicRead } from '../../services/forums/markTopicRead.js';
import { moveTopic } from '../../services/forums/moveTopic.js';
import { setTopicFlag } from '../../services/forums/setTopicFlag.js';
import { setSubscription } from '../../services/forums/setSubscription.js';
import { updateCategory } from '../../services/forums/updateCategory.js';
import { defineRoute } from '../defineRoute.js';

const TAG = 'Forums';

/** Pin and lock routes: PUT sets the flag, DELETE clears it (moderators of the space or hub). */
function flagRoutes(flag: 'pinned' | 'locked', segment: 'pin' | 'lock') {
  const words = flag === 'pinned' ? ['Pin', 'Unpin'] : ['Lock', 'Unlock'];
  return (['put', 'delete'] as const).map((method, i) =>
    defineRoute({
      method,
      path: `/forum/topics/:topic/${segment}`,
      tag: TAG,
      access: 'members',
      summary: `${words[i]} a topic (moderators of the space or its hub)`,
      params: ForumTopicParams,
      response: ForumTopicFlags,
      handler: ({ actor, params }) => setTopicFlag(actor, params.topic, flag, method === 'put'),
    }),
  );
}

/** The forum routes. */
export const forumRoutes = [
  defineRoute({
    method: 'get',
    path: '/spaces/:space/forum/categories',
    tag: TAG,
    access: 'members',
    summary: "List a hub or network space's forum categories (by position)",
    params: ForumSpaceParams,
    query: ForumCategoryListQuery,
    response: pageOf(ForumCategory),
    handler: ({ actor, params, query }) => listCategories(actor, params.space, query),
  }),
  defineRoute({
    method: 'post',
    path: '/spaces/:space/forum/categories',
    tag: TAG,
    access: 'members',
    summary: "Create a forum category (admins, moderators, the hub's coordinators, space owners/moderators)",
    status: 201,
    params: ForumSpaceParams,
    body: ForumCategoryCreate,
    response: ForumCategory,
    handler: ({ actor, params, body }) =>
      createCategory(actor, params.space, body as z.infer<typeof ForumCategoryCreate>),
  }),
  defineRoute({
    method: 'patch',
    path: '/spaces/:space/forum/categories/:category',
    tag: TAG,
    access: 'members',
    summary: 'Edit a forum category (who may create one)',
    params: ForumCategoryParams,
    body: ForumCategoryUpdate,
    response: ForumCategory,
    handler: ({ actor, params, body }) =>
      updateCategory(actor, params.space, params.category, body as z.infer<typeof ForumCategoryUpdate>),
  }),
  defineRoute({
    method: 'get',
    path: '/spaces/:space/forum/categories/:category/topics',
    tag: TAG,
    access: 'members',
    summary: 'List the topics I may read in a category: pinned first, then latest activity; unread counts',
    params: ForumCategoryParams,
    query: ForumTopicListQuery,
    response: pageOf(ForumTopic),
    handler: ({ actor, params, query }) => listTopics(actor, params.space, params.category, query),
  }),
  defineRoute({
    method: 'post',
    path: '/spaces/:space/forum/categories/:category/topics',
    tag: TAG,
    access: 'members',
    summary: "Start a topic (label defaults to the space's default; never above its ceiling)",
    status: 201,
    params: ForumCategoryParams,
    body: ForumTopicCreate,
    response: ForumTopic,
    handler: ({ actor, params, body }) =>
      createTopic(actor, params.space, params.category, body as z.infer<typeof ForumTopicCreate>),
  }),
  defineRoute({
    method: 'get',
    path: '/forum/topics/:topic',
    tag: TAG,
    access: 'members',
    summary: 'Read a topic',
    params: ForumTopicParams,
    response: ForumTopic,
    handler: ({ actor, params }) => getTopic(actor, params.topic),
  }),
  defineRoute({
    method: 'patch',
    path: '/forum/topics/:topic',
    tag: TAG,
    access: 'members',
    summary: "Edit a topic's title or text (author; the previous version is kept)",
    params: ForumTopicParams,
    body: ForumTopicUpdate,
    response: ForumTopic,
    handler: ({ actor, params, body }) =>
      editTopic(actor, params.topic, body as z.infer<typeof ForumTopicUpdate>),
  }),
  defineRoute({
    method: 'get',
    path: '/forum/topics/:topic/replies',
    tag: TAG,
    access: 'members',
    summary: 'List the replies I may read, oldest first',
    params: ForumTopicParams,
    query: ForumReplyListQuery,
    response: pageOf(ForumReply),
    handler: ({ actor, params, query }) => listReplies(actor, params.topic, query),
  }),
  defineRoute({
    method: 'post',
    path: '/forum/topics/:topic/replies',
    tag: TAG,
    access: 'members',
    summary:
      "Reply (label defaults to the topic's, never below it nor above the ceiling; locked: moderators only)",
    status: 201,
    params: ForumTopicParams,
    body: ForumReplyCreate,
    response: ForumReply,
    handler: ({ actor, params, body }) =>
      createReply(actor, params.topic, body as z.infer<typeof ForumReplyCreate>),
  }),
  defineRoute({
    method: 'patch',
    path: '/forum/replies/:reply',
    tag: TAG,
    access: 'members',
    summary: "Edit a reply's text (author; the previous version is kept)",
    params: ForumReplyParams,
    body: ForumReplyUpdate,
    response: ForumReply,
    handler: ({ actor, params, body }) =>
      editReply(actor, params.reply, body as z.infer<typeof ForumReplyUpdate>),
  }),
  defineRoute({
    method: 'get',
    path: '/forum/topics/:topic/revisions',
    tag: TAG,
    access: 'members',
    summary: "A topic's earlier versions, newest first (its author and the space's moderators)",
    params: ForumTopicParams,
    query: ForumRevisionListQuery,
    response: pageOf(ForumRevision),
    handler: ({ actor, params, query }) => listRevisions(actor, params.topic, 'topic', query),
  }),
  defineRoute({
    method: 'get',
    path: '/forum/replies/:reply/revisions',
    tag: TAG,
    access: 'members',
    summary: "A reply's earlier versions, newest first (its author and the space's moderators)",
    params: ForumReplyParams,
    query: ForumRevisionListQuery,
    response: pageOf(ForumRevision),
    handler: ({ actor, params, query }) => listRevisions(actor, params.reply, 'reply', query),
  }),
  ...flagRoutes('pinned', 'pin'),
  ...flagRoutes('locked', 'lock'),
  defineRoute({
    method: 'post',
    path: '/forum/topics/:topic/move',
    tag: TAG,
    access: 'members',
    summary:
      'Move a topic with its replies to another category, or to another space as the onward-sharing rules allow (moderators)',
    params: ForumTopicParams,
    body: ForumTopicMove,
    response: ForumTopicMoved,
    handler: ({ actor, params, body }) =>
      moveTopic(actor, params.topic, body as z.infer<typeof ForumTopicMove>),
  }),
  ...(['put', 'delete'] as const).map((method) =>
    defineRoute({
      method,
      path: '/forum/topics/:topic/subscription',
      tag: TAG,
      access: 'members',
      summary: method === 'put' ? 'Subscribe to a topic' : 'Unsubscribe from a topic',
      params: ForumTopicParams,
      response: ForumSubscriptionState,
      handler: ({ actor, params }) => setSubscription(actor, params.topic, method === 'put'),
    }),
  ),
  defineRoute({
    method: 'post',
    path: '/forum/topics/:topic/read',
    tag: TAG,
    access: 'members',
    summary: 'Mark a topic read up to a reply (by default its newest reply I may read)',
    params: ForumTopicParams,
    body: ForumReadMark,
    response: ForumReadState,
    handler: ({ actor, params, body }) =>
      markTopicRead(actor, params.topic, (body as z.infer<typeof ForumReadMark>).upTo),
  }),
];
