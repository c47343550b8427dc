/**
 * The actor a socket acts for: its person, loaded fresh (roles, city, status) for events that decide
 * from scratch. Events with a room grant use the grant's actor instead (see roomGrants.ts).
 */
import type { PersonActor } from '../../../shared/policy/actor.js';
import { PersonModel } from '../../models/Person.js';
import { UnauthenticatedError } from '../../services/errors.js';
import { personActor } from '../../services/people/personActor.js';
import type { RealtimeSocket } from '../types.js';

/** The socket's person as an actor; "sign in" when they are no longer active. */
export async function socketActor(socket: RealtimeSocket): Promise<PersonActor> {
  const person = await PersonModel.findById(socket.data.personId, {
    name: 1,
    cityId: 1,
    roles: 1,
    status: 1,
  }).lean();
  if (!person || person.status !== 'active')
    throw new UnauthenticatedError('Your account is not active; sign in again.');
  return personActor(person);
}
