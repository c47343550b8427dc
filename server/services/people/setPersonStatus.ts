/** Activates or suspends a person (admin); the status is then the admin's, not a directory's to undo. */
import { endsActiveAdmin } from '../../../shared/policy/directory.js';
import type { Actor } from '../../../shared/policy/actor.js';
import type { PersonStatus } from '../../../shared/schemas/people.js';
import { PersonModel } from '../../models/Person.js';
import { ScimUserModel } from '../../models/ScimUser.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { authorize } from '../../policy/authorize.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { endPersonSessions } from '../../auth/endSessions.js';
import { getPerson } from './getPerson.js';
import { requireAnotherActiveAdmin } from './requireAnotherActiveAdmin.js';

/** Sets the status and records the change with its reason. Anyone not active loses every session at once. */
export async function setPersonStatus(actor: Actor, id: string, status: PersonStatus, reason: string) {
  // Asked before loading, so a refused caller learns nothing about which ids exist.
  await authorize(actor, 'setStatus', 'Person');
  const person = await PersonModel.findById(id).lean();
  if (!person) throw new NotFoundError('Person');
  await authorize(actor, 'setStatus', 'Person', person);
  if (endsActiveAdmin(person, { status })) {
    await requireAnotherActiveAdmin(String(person._id));
  }
  const result = await PersonModel.updateOne(
    { _id: person._id, status: person.status },
    {
      $set:
        status === 'active' && person.status !== 'active'
          ? { status, participationSince: new Date() }
          : { status },
      // The audit entry is stored with the change (server/audit/auditOutbox.ts).
      ...auditOutboxPush(
        auditOutboxItem(
          actor,
          'person.status_changed',
          { type: 'Person', id },
          { from: person.status, to: status, reason },
        ),
      ),
    },
  );
  if (result.matchedCount !== 1)
    throw new ConflictError('The person changed meanwhile; reload and try again.');
  if (status !== 'active') await endPersonSessions(id);
  // An admin's decision is the admin's: a suspension a city directory made (SCIM) is no longer its to
  // lift, so its later `active: true` never undoes what an admin decided since.
  await ScimUserModel.updateMany(
    { personId: person._id, suspendedPerson: true },
    { $set: { suspendedPerson: false } },
  );
  await flushAuditOutbox(PersonModel as never, person._id);
  return getPerson(actor, id);
}
