/**
 * Permission changes take effect at once on open sockets: after a membership change, a role change or
 * anything else that may change where a person takes part, their sockets' joined rooms are checked
 * again from a fresh sharing context. Rooms they may no longer take part in are left (socketsLeave,
 * which reaches every node through the adapter), and they get `room:removed`. Grants of this node's
 * sockets are refreshed with the new context.
 */
import type { Namespace } from 'socket.io';
import { takesPart } from '../policy/authorizer.js';
import { loadSharingContext } from '../policy/loadSharingContext.js';
import { loadActivePersonActor } from '../policy/personActor.js';
import { memberChannel, roomChannel } from '../services/rooms/roomAccess.js';
import { joinedRoomIds } from './handlers/rooms.js';
import { announceIfGone } from './presence.js';
import { grantsOf } from './roomGrants.js';
import { personChannel, type RealtimeSocket } from './types.js';

/** Re-authorises every joined room of the person's sockets; returns the rooms taken away. */
export async function reauthorizePerson(nsp: Namespace, personId: string): Promise<string[]> {
  const sockets = await nsp.in(personChannel(personId)).fetchSockets();
  const joined = new Set(sockets.flatMap((s) => joinedRoomIds(s.rooms)));
  if (joined.size === 0) return [];
  const actor = await loadActivePersonActor(personId);
  const ctx = actor ? await loadSharingContext(actor) : null;
  const removed = [...joined].filter((roomId) => !ctx || !takesPart(ctx, roomId));
  for (const roomId of removed) {
    nsp.in(personChannel(personId)).socketsLeave([roomChannel(roomId), memberChannel(roomId, personId)]);
    nsp.to(personChannel(personId)).emit('room:removed', { roomId });
    await announceIfGone(nsp, roomId, personId);
  }
  for (const remote of sockets) {
    const local = nsp.sockets.get(remote.id) as RealtimeSocket | undefined;
    if (!local) continue;
    const grants = grantsOf(local);
    for (const roomId of removed) grants.delete(roomId);
    if (actor && ctx) for (const [roomId, grant] of grants) grants.set(roomId, { ...grant, actor, ctx });
  }
  return removed;
}
