/** Replaces a person's roles (admin). The last active admin cannot lose the admin role. */
import { endsActiveAdmin } from '../../../shared/policy/directory.js';
import type { Actor } from '../../../shared/policy/actor.js';
import type { Role } from '../../../shared/roles.js';
import { PersonModel } from '../../models/Person.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { authorize } from '../../policy/authorize.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { emitAccessEvent } from '../../events/contentEvents.js';
import { getPerson } from './getPerson.js';
import { widensParticipation } from '../../../shared/policy/spaces.js';
import { requireAnotherActiveAdmin } from './requireAnotherActiveAdmin.js';

/** Sets the roles and records the change from -> to. */
export async function setPersonRoles(actor: Actor, id: string, roles: Role[]) {
  // Asked before loading, so a refused caller learns nothing about which ids exist.
  await authorize(actor, 'setRoles', 'Person');
  const person = await PersonModel.findById(id).lean();
  if (!person) throw new NotFoundError('Person');
  await authorize(actor, 'setRoles', 'Person', person);
  const next = [...new Set(roles)];
  const gained = widensParticipation(person.roles, next);
  if (endsActiveAdmin(person, { roles: next })) {
    await requireAnotherActiveAdmin(String(person._id));
  }
  // Conditional on the roles read above, so two concurrent changes cannot both apply.
  const result = await PersonModel.updateOne(
    { _id: person._id, roles: person.roles },
    {
      $set: gained ? { roles: next, participationSince: new Date() } : { roles: next },
      // The audit entry is stored with the change (server/audit/auditOutbox.ts).
      ...auditOutboxPush(
        auditOutboxItem(
          actor,
          'person.roles_changed',
          { type: 'Person', id },
          { from: person.roles, to: next },
        ),
      ),
    },
  );
  if (result.matchedCount !== 1)
    throw new ConflictError('The person changed meanwhile; reload and try again.');
  await flushAuditOutbox(PersonModel as never, person._id);
  emitAccessEvent({ personId: id });
  return getPerson(actor, id);
}
