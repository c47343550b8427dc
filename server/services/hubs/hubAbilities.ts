/** What an actor may do with a hub, asked of the policy. */
import type { Actor } from '../../../shared/policy/actor.js';
import type { HubDoc } from '../../models/Hub.js';
import { can } from '../../policy/authorize.js';

/** The hub's abilities: change its names and coordinators. */
export function hubAbilities(actor: Actor, doc: HubDoc) {
  return { update: can(actor, 'update', 'Hub', doc as unknown as Record<string, unknown>) };
}
