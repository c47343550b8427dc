/** Guards the network against losing its last active admin (by role change or suspension). */
import { ADMIN_ROLE } from '../../../shared/policy/directory.js';
import { PersonModel } from '../../models/Person.js';
import { ConflictError } from '../../errors.js';

/** Throws Conflict unless an active admin other than `personId` exists. */
export async function requireAnotherActiveAdmin(personId: string): Promise<void> {
  const others = await PersonModel.countDocuments({
    roles: ADMIN_ROLE,
    status: 'active',
    _id: { $ne: personId },
  });
  if (others === 0) throw new ConflictError('This is the last active admin; make someone else admin first.');
}
