/** Edits a post's title or body (the author, while the item is visible); forum items keep a revision. */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { PostUpdate } from '../../../shared/schemas/posts.js';
import { indexTokens } from '../../../shared/search/tokens.js';
import { PostModel, type PostDoc } from '../../models/Post.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { emitContentEvent } from '../../events/contentEvents.js';
import { ConflictError } from '../../errors.js';
import { applyForumEdit } from '../forums/editForumPost.js';
import { loadPostFor, subjectOf } from './loadPostFor.js';
import { presentPost } from './presentPost.js';

/** Applies the edit. */
export async function updatePost(actor: Actor, id: string, input: z.infer<typeof PostUpdate>) {
  const ctx = await loadSharingContext(actor);
  const item = await loadPostFor(ctx, id);
  // Forum topics and replies keep their rendering and edit history: one road for their edits.
  if (item.categoryId || item.topicId) return presentPost(ctx, await applyForumEdit(ctx, item, input));
  await authorizeSharing(ctx, 'update', 'Post', subjectOf(item));
  const title = input.title ?? item.title;
  const body = input.body ?? item.body;
  // A given language wins; else the stored one (given or detected before); else detect afresh.
  const index = indexTokens([title, body], input.language ?? item.language ?? undefined);
  const result = await PostModel.updateOne(
    { _id: item._id, state: 'visible' },
    { $set: { title, body, language: index.language, tokens: index.tokens } },
  );
  if (result.matchedCount === 0)
    throw new ConflictError('The item changed meanwhile; reload it and try again.');
  const after = {
    ...item,
    title,
    body,
    language: index.language,
    tokens: index.tokens,
    updatedAt: new Date(),
  } as PostDoc;
  emitContentEvent({ type: 'updated', before: item, after });
  return presentPost(ctx, after);
}
