/**
 * The actor a socket acts for: its person, loaded fresh (roles, city, status) for events that decide
 * from scratch. Events with a room grant use the grant's actor instead (see roomGrants.ts).
 */
import type { PersonActor } from '../../../shared/policy/actor.js';
import { UnauthenticatedError } from '../../errors.js';
import { loadActivePersonActor } from '../../policy/personActor.js';
import type { RealtimeSocket } from '../types.js';

/** The socket's person as an actor; "sign in" when they are no longer active. */
export async function socketActor(socket: RealtimeSocket): Promise<PersonActor> {
  const actor = await loadActivePersonActor(socket.data.personId);
  if (!actor) throw new UnauthenticatedError('Your account is not active; sign in again.');
  return actor;
}
