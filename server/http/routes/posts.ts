/** /api/v1/posts: one post, its label, onward sharing, moderation and audit; search. */
import { z } from 'zod';
import {
  FlagCreate,
  MaterialAuditEntry,
  MaterialAuditQuery,
  ModerationReason,
  Post,
  PostDelete,
  PostModerationView,
  PostMove,
  PostParams,
  PostRelabel,
  PostShare,
  PostUpdate,
  SearchQuery,
  pageOf,
} from '../../../shared/schemas/index.js';
import { deletePost } from '../../services/posts/deletePost.js';
import { getPost } from '../../services/posts/getPost.js';
import { listPostAudit } from '../../services/posts/listPostAudit.js';
import { publishPost } from '../../services/posts/publishPost.js';
import { relabelPost } from '../../services/posts/relabelPost.js';
import { searchPosts } from '../../services/posts/searchPosts.js';
import { sharePost } from '../../services/posts/sharePost.js';
import { updatePost } from '../../services/posts/updatePost.js';
import { flagPost } from '../../services/moderation/flagPost.js';
import { movePost } from '../../services/moderation/movePost.js';
import { quarantinePost, restorePost } from '../../services/moderation/quarantinePost.js';
import { defineRoute } from '../defineRoute.js';

const PostOrModeration = z.union([Post, PostModerationView]);

/** The post routes. */
export const postRoutes = [
  defineRoute({
    method: 'get',
    path: '/posts/:post',
    tag: 'Posts',
    // Public at the route: visitors may read explicitly published CLEAR posts; the service decides the rest.
    access: 'public',
    summary: 'Read a post (visitors: published CLEAR only; authors and moderators see moderation state)',
    params: PostParams,
    response: PostOrModeration,
    handler: ({ actor, params }) => getPost(actor, params.post),
  }),
  defineRoute({
    method: 'patch',
    path: '/posts/:post',
    tag: 'Posts',
    access: 'members',
    summary: "Edit a post's title or body (author)",
    params: PostParams,
    body: PostUpdate,
    response: Post,
    handler: ({ actor, params, body }) => updatePost(actor, params.post, body as z.infer<typeof PostUpdate>),
  }),
  defineRoute({
    method: 'delete',
    path: '/posts/:post',
    tag: 'Posts',
    access: 'members',
    summary: 'Delete a post (author; moderators with a reason)',
    params: PostParams,
    body: PostDelete.optional(),
    response: z.object({ deleted: z.literal(true) }),
    handler: ({ actor, params, body }) =>
      deletePost(actor, params.post, (body as z.infer<typeof PostDelete> | undefined)?.reason),
  }),
  defineRoute({
    method: 'post',
    path: '/posts/:post/relabel',
    tag: 'Posts',
    access: 'members',
    summary:
      'Change the label: raise (author, moderator) or lower (originator, moderator), with a justification',
    params: PostParams,
    body: PostRelabel,
    response: PostOrModeration,
    handler: ({ actor, params, body }) => {
      const input = body as z.infer<typeof PostRelabel>;
      return relabelPost(actor, params.post, input.label, input.justification);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/posts/:post/share',
    tag: 'Posts',
    access: 'members',
    summary: 'Share a post onward into another space, as the sharing table allows',
    status: 201,
    params: PostParams,
    body: PostShare,
    response: Post,
    handler: ({ actor, params, body }) =>
      sharePost(actor, params.post, (body as z.infer<typeof PostShare>).to),
  }),
  defineRoute({
    method: 'post',
    path: '/posts/:post/publish',
    tag: 'Posts',
    access: 'members',
    summary: 'Publish a CLEAR post to public pages (author, moderator)',
    params: PostParams,
    response: Post,
    handler: ({ actor, params }) => publishPost(actor, params.post),
  }),
  defineRoute({
    method: 'post',
    path: '/posts/:post/flags',
    tag: 'Moderation',
    access: 'members',
    summary: 'Flag a post for the moderators',
    status: 202,
    params: PostParams,
    body: FlagCreate,
    response: z.object({ flagged: z.literal(true) }),
    handler: ({ actor, params, body }) => flagPost(actor, params.post, body as z.infer<typeof FlagCreate>),
  }),
  defineRoute({
    method: 'post',
    path: '/posts/:post/quarantine',
    tag: 'Moderation',
    access: 'members',
    summary: 'Quarantine a post: hidden everywhere until restored, moved or deleted (moderators)',
    params: PostParams,
    body: ModerationReason,
    response: PostModerationView,
    handler: ({ actor, params, body }) =>
      quarantinePost(actor, params.post, (body as z.infer<typeof ModerationReason>).reason),
  }),
  defineRoute({
    method: 'post',
    path: '/posts/:post/restore',
    tag: 'Moderation',
    access: 'members',
    summary: 'Restore a quarantined post (moderators)',
    params: PostParams,
    body: ModerationReason,
    response: PostModerationView,
    handler: ({ actor, params, body }) =>
      restorePost(actor, params.post, (body as z.infer<typeof ModerationReason>).reason),
  }),
  defineRoute({
    method: 'post',
    path: '/posts/:post/move',
    tag: 'Moderation',
    access: 'members',
    summary: 'Move a post to another space, optionally relabelled; releases quarantine (moderators)',
    params: PostParams,
    body: PostMove,
    response: PostModerationView,
    handler: ({ actor, params, body }) => movePost(actor, params.post, body as z.infer<typeof PostMove>),
  }),
  defineRoute({
    method: 'get',
    path: '/posts/:post/audit',
    tag: 'Posts',
    access: 'members',
    summary: "Audit entries about a post (its author and their city's focal point)",
    params: PostParams,
    query: MaterialAuditQuery,
    response: pageOf(MaterialAuditEntry),
    handler: ({ actor, params, query }) => listPostAudit(actor, params.post, query),
  }),
  defineRoute({
    method: 'get',
    path: '/search/posts',
    tag: 'Posts',
    access: 'public',
    summary: 'Search posts I may read (signed-out: published CLEAR only); no totals',
    query: SearchQuery,
    response: pageOf(Post),
    handler: ({ actor, query }) => searchPosts(actor, query),
  }),
];
