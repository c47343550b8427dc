/** Replaces a person's roles (admin). The last active admin cannot lose the admin role. */
import type { Actor } from '../../../shared/policy/actor.js';
import type { Role } from '../../../shared/roles.js';
import { PersonModel } from '../../models/Person.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { authorize } from '../../policy/authorize.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { getPerson } from './getPerson.js';

/** Sets the roles and records the change from -> to. */
export async function setPersonRoles(actor: Actor, id: string, roles: Role[]) {
  const person = await PersonModel.findById(id).lean();
  if (!person) throw new NotFoundError('Person');
  await authorize(actor, 'setRoles', 'Person', person);
  const next = [...new Set(roles)];
  if (person.roles.includes('admin') && !next.includes('admin') && person.status === 'active') {
    const admins = await PersonModel.countDocuments({ roles: 'admin', status: 'active' });
    if (admins <= 1) throw new ConflictError('This is the last active admin; make someone else admin first.');
  }
  await PersonModel.updateOne({ _id: person._id }, { $set: { roles: next } });
  await recordAudit(actor, 'person.roles_changed', { type: 'Person', id }, { from: person.roles, to: next });
  return getPerson(actor, id);
}
