/**
 * Edits a topic or reply (its author, while visible): the previous text is kept as a revision for
 * the author and the forum's moderators, the HTML is rendered again, and people newly mentioned who
 * may read the item are told. PATCH /posts/{post} on a forum item takes the same road.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import type { ForumReplyUpdate, ForumTopicUpdate } from '../../../shared/schemas/forums.js';
import { indexTokens } from '../../../shared/search/tokens.js';
import { contentLanguageOf } from '../../../shared/languages.js';
import { PostModel, type PostDoc } from '../../models/Post.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { renderMarkdown } from '../../text/renderMarkdown.js';
import { emitContentEvent } from '../../events/contentEvents.js';
import { ConflictError } from '../../errors.js';
import { subjectOf } from '../posts/loadPostFor.js';
import { readableForumItem } from './forumAccess.js';
import { notifyForumItem } from './forumNotify.js';
import { presentReply, presentTopic } from './presentForum.js';

/** How many earlier versions an item keeps (the oldest are dropped beyond). */
export const MAX_REVISIONS = 100;

/** Applies an edit to a loaded forum item the actor may update; returns the item after it. */
export async function applyForumEdit(
  ctx: SharingContext,
  item: PostDoc,
  input: { title?: string; body?: string },
): Promise<PostDoc> {
  await authorizeSharing(ctx, 'update', 'Post', subjectOf(item));
  const isTopic = !item.topicId;
  const title = isTopic ? (input.title ?? item.title) : item.title;
  const body = input.body ?? item.body;
  if (title === item.title && body === item.body) return item;
  const now = new Date();
  const revision = {
    at: now,
    byId: ctx.actor.kind === 'person' ? ctx.actor.id : null,
    title: isTopic ? item.title : null,
    body: item.body,
  };
  const html = renderMarkdown(body);
  const result = await PostModel.updateOne(
    { _id: item._id, state: 'visible', title: item.title, body: item.body },
    {
      $set: { title, body, html, ...indexTokens([title, body], contentLanguageOf(item.language)) },
      $push: { revisions: { $each: [revision], $slice: -MAX_REVISIONS } },
    },
  );
  if (result.matchedCount === 0)
    throw new ConflictError('The item changed meanwhile; reload it and try again.');
  const after = {
    ...item,
    title,
    body,
    html,
    revisions: [...item.revisions, revision].slice(-MAX_REVISIONS),
    updatedAt: now,
  } as PostDoc;
  await notifyForumItem(after, { body, previous: item.body });
  emitContentEvent({ type: 'updated', before: item, after });
  return after;
}

/** Edits a topic's title or text. */
export async function editTopic(actor: Actor, id: string, input: z.infer<typeof ForumTopicUpdate>) {
  const ctx = await loadSharingContext(actor);
  const item = await readableForumItem(ctx, id, 'topic');
  return presentTopic(ctx, await applyForumEdit(ctx, item, input));
}

/** Edits a reply's text. */
export async function editReply(actor: Actor, id: string, input: z.infer<typeof ForumReplyUpdate>) {
  const ctx = await loadSharingContext(actor);
  const item = await readableForumItem(ctx, id, 'reply');
  return presentReply(ctx, await applyForumEdit(ctx, item, input));
}
