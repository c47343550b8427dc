/**
 * The actor a socket acts for: its person as this node's sharing cache knows them (roles, city,
 * status; server/services/rooms/sharingCache.ts, dropped on every change of those), loaded on a miss.
 * Events with a room grant use the grant's actor instead (see roomGrants.ts).
 */
import type { PersonActor } from '../../../shared/policy/actor.js';
import { UnauthenticatedError } from '../../errors.js';
import { cachedActor } from '../../services/rooms/sharingCache.js';
import type { RealtimeSocket } from '../types.js';

/** The socket's person as an actor; "sign in" when they are no longer active. */
export async function socketActor(socket: RealtimeSocket): Promise<PersonActor> {
  const actor = await cachedActor(socket.data.personId);
  if (!actor) throw new UnauthenticatedError('Your account is not active; sign in again.');
  return actor;
}
