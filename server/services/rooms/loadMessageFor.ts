/** Loads one message for a per-item decision; the actor must at least know it exists. */
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import type { MessageDoc } from '../../models/Message.js';
import { loadContent } from '../../policy/contentAccess.js';
import { authorizeSharing, canShare } from '../../policy/sharingAccess.js';
import { NotFoundError } from '../../errors.js';

/** A message as a policy subject. */
export function messageSubject(item: MessageDoc): Record<string, unknown> {
  return item as unknown as Record<string, unknown>;
}

/**
 * The message, when the actor may read it, moderate it, or wrote it; otherwise "not found" (the
 * refusal is recorded), so hidden material does not reveal that it exists. Deleted messages are
 * found by their author only.
 */
export async function loadMessageFor(ctx: SharingContext, id: string): Promise<MessageDoc> {
  const item = await loadContent(id, 'Message');
  const own = !!item && ctx.actor.kind === 'person' && String(item.authorId) === ctx.actor.id;
  if (!item || item.state === 'deleted') {
    if (item && own) return item;
    throw new NotFoundError('Message');
  }
  if (
    own ||
    canShare(ctx, 'read', 'Message', messageSubject(item)) ||
    canShare(ctx, 'moderate', 'Message', messageSubject(item))
  )
    return item;
  await authorizeSharing(ctx, 'read', 'Message', messageSubject(item), { hide: 'Message' });
  return item;
}
