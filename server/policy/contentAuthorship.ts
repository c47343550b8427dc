/**
 * The Chatham House Rule for any content type: inside the space, members see who said what; anything
 * that leaves the space (forward, quote, notification, digest, export, public page) carries no name
 * and no city.
 */
import type { SharingContext } from '../../shared/policy/sharingContext.js';

/** Where the content is being shown. */
export type Exit = 'in_space' | 'leaves_space';

/** Whether the author's name and city may be shown on this exit. */
export function showsAuthorship(
  space: { _id: unknown; chathamHouse: boolean },
  item: { authorId: unknown; forwardedFrom?: { chathamHouse?: boolean | null } | null },
  ctx: SharingContext,
  exit: Exit,
): boolean {
  const viewer = ctx.actor.kind === 'person' ? ctx.actor.id : null;
  // A copy forwarded out of a Chatham House space names nobody, not even its sharer.
  if (item.forwardedFrom?.chathamHouse) return viewer === String(item.authorId) && exit === 'in_space';
  if (!space.chathamHouse) return true;
  if (exit === 'leaves_space') return false;
  return ctx.spaceIds.includes(String(space._id)) || viewer === String(item.authorId);
}
