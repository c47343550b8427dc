/**
 * Reads one post. Readers get the post (views of AMBER+STRICT and RED are audited); the author and
 * moderators of an item hidden by moderation get its state and history, never its content.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { recordSensitiveAccess } from '../../policy/contentAccess.js';
import { authorizeSharing, canShare } from '../../policy/sharingAccess.js';
import { loadPostFor, subjectOf } from './loadPostFor.js';
import { presentModerationView, presentPost } from './presentPost.js';

/** The post as the actor may see it. */
export async function getPost(actor: Actor, id: string) {
  const ctx = await loadSharingContext(actor);
  const item = await loadPostFor(ctx, id);
  if (canShare(ctx, 'read', 'Post', subjectOf(item))) {
    await recordSensitiveAccess(ctx, [item], 'view', 'rest.item');
    return presentPost(ctx, item);
  }
  const own = actor.kind === 'person' && String(item.authorId) === actor.id;
  if (item.state !== 'visible' && (own || canShare(ctx, 'moderate', 'Post', subjectOf(item))))
    return presentModerationView(item);
  await authorizeSharing(ctx, 'read', 'Post', subjectOf(item), { hide: 'Post' });
  return presentModerationView(item);
}
