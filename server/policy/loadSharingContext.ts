/**
 * Loads what the sharing policy needs about an actor, once per request, in the service layer: the
 * member city and its hub, explicit space memberships, coordinated hubs, and the spaces taken part in
 * (loadSharingBatch.ts, for this one person). Nothing is cached across requests, so role and
 * membership changes take effect at once.
 */
import type { Actor } from '../../shared/policy/actor.js';
import { bareContext, type SharingContext } from '../../shared/policy/sharingContext.js';
import { loadSharingBatch } from './loadSharingBatch.js';

/** The sharing context of an actor. */
export async function loadSharingContext(actor: Actor): Promise<SharingContext> {
  if (actor.kind !== 'person') return bareContext(actor);
  return (await loadSharingBatch([actor])).get(actor.id)?.ctx ?? bareContext(actor);
}
