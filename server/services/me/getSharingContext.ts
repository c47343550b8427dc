/**
 * The facts the sharing policy holds about the signed-in person, so the client can build the same
 * CASL ability (shared/policy/sharing.ts) and decide what to show. The server still decides.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { UnauthenticatedError } from '../../errors.js';

/** The actor's sharing context, without the actor's name. */
export async function getSharingContext(actor: Actor) {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const ctx = await loadSharingContext(actor);
  return {
    personId: actor.id,
    roles: [...actor.roles],
    cityId: ctx.cityId,
    cityHubId: ctx.cityHubId,
    explicitSpaceIds: ctx.explicitSpaceIds,
    managedSpaceIds: ctx.managedSpaceIds,
    coordinatedHubIds: ctx.coordinatedHubIds,
    spaceIds: ctx.spaceIds,
  };
}
