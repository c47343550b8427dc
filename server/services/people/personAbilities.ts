/** What an actor may do with a person, asked of the policy, sent with the person for the console. */
import type { Actor } from '../../../shared/policy/actor.js';
import type { PersonDoc } from '../../models/Person.js';
import { can } from '../../policy/authorize.js';

/** The person's abilities: replace roles, activate or suspend, send a local-account invitation. */
export function personAbilities(actor: Actor, doc: PersonDoc) {
  const subject = doc as unknown as Record<string, unknown>;
  return {
    setRoles: can(actor, 'setRoles', 'Person', subject),
    setStatus: can(actor, 'setStatus', 'Person', subject),
    invite: doc.status !== 'suspended' && can(actor, 'create', 'Invitation'),
  };
}
