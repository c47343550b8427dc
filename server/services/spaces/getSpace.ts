/** Reads one space: for its members, and for those who manage it. */
import type { Actor } from '../../../shared/policy/actor.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { presentSpaces, visibleSpace } from './spaceLookups.js';

/** The space as the actor sees it; "not found" for anyone else. */
export async function getSpace(actor: Actor, slug: string) {
  const ctx = await loadSharingContext(actor);
  const space = await visibleSpace(ctx, slug);
  const [presented] = await presentSpaces(ctx, [space]);
  if (!presented) throw new Error('presenting failed');
  return presented;
}
