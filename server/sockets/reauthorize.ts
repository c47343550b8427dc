/**
 * Permission changes take effect at once on open sockets: after a membership change, a role change or
 * anything else that may change where a person takes part, their sockets' joined rooms are checked
 * again from a fresh sharing context (the node's cached one is dropped first, so this never reads a
 * context from before the change). Rooms they may no longer take part in are left (socketsLeave,
 * which reaches every node through the adapter), and they get `room:removed`. Grants of this node's
 * sockets are refreshed with the new context; other nodes refresh theirs when the invalidation
 * reaches them ({@link refreshLocalGrants}, from sharingInvalidation.ts).
 */
import type { Namespace } from 'socket.io';
import { takesPart } from '../policy/authorizer.js';
import { memberChannel, roomChannel } from '../services/rooms/roomAccess.js';
import { cachedSharing, forgetPerson, type CachedSharing } from '../services/rooms/sharingCache.js';
import { joinedRoomIds } from './handlers/rooms.js';
import { announceIfGone } from './presence.js';
import { grantsOf } from './roomGrants.js';
import { personChannel, type RealtimeSocket } from './types.js';

/** Re-authorises every joined room of the person's sockets; returns the rooms taken away. */
export async function reauthorizePerson(nsp: Namespace, personId: string): Promise<string[]> {
  const sockets = await nsp.in(personChannel(personId)).fetchSockets();
  const joined = new Set(sockets.flatMap((s) => joinedRoomIds(s.rooms)));
  if (joined.size === 0) return [];
  forgetPerson(personId);
  const fresh = await cachedSharing(personId);
  const removed = [...joined].filter((roomId) => !fresh || !takesPart(fresh.ctx, roomId));
  for (const roomId of removed) {
    nsp.in(personChannel(personId)).socketsLeave([roomChannel(roomId), memberChannel(roomId, personId)]);
    nsp.to(personChannel(personId)).emit('room:removed', { roomId });
    await announceIfGone(nsp, roomId, personId);
  }
  for (const remote of sockets) {
    const local = nsp.sockets.get(remote.id) as RealtimeSocket | undefined;
    if (local) refreshGrants(local, fresh);
  }
  return removed;
}

/** Replaces a socket's grants by the fresh context's (dropping the rooms it no longer takes part in). */
function refreshGrants(socket: RealtimeSocket, fresh: CachedSharing | null): void {
  const grants = grantsOf(socket);
  for (const [roomId, grant] of grants) {
    if (!fresh || !takesPart(fresh.ctx, roomId)) grants.delete(roomId);
    else
      grants.set(roomId, {
        ...grant,
        actor: fresh.actor,
        ctx: fresh.ctx,
        role: fresh.roles.get(roomId) ?? 'derived',
      });
  }
}

/**
 * Refreshes the grants of the person's sockets on this node only, from a fresh context: for a node
 * told of a change made on another one (which re-checks the joined rooms itself, on every node).
 */
export async function refreshLocalGrants(nsp: Namespace, personId: string): Promise<void> {
  const ids = nsp.adapter.rooms.get(personChannel(personId));
  if (!ids || ids.size === 0) return;
  const fresh = await cachedSharing(personId);
  for (const id of ids) {
    const socket = nsp.sockets.get(id) as RealtimeSocket | undefined;
    if (socket) refreshGrants(socket, fresh);
  }
}
