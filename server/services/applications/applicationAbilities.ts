/** What an actor may do with a membership application, asked of the policy. */
import type { Actor } from '../../../shared/policy/actor.js';
import type { ApplicationDoc } from '../../models/Application.js';
import { can } from '../../policy/authorize.js';

/** The application's abilities: decide it while it is pending. */
export function applicationAbilities(actor: Actor, doc: ApplicationDoc) {
  return {
    decide:
      doc.status === 'pending' &&
      can(actor, 'decide', 'Application', doc as unknown as Record<string, unknown>),
  };
}
