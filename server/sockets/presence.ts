/**
 * Presence in rooms, computed with fetchSockets so it holds across nodes (with an adapter): who is
 * online in a room, and `presence:updated` when a person's first socket joins or last socket leaves.
 */
import type { Namespace } from 'socket.io';
import { memberChannel, roomChannel } from '../services/rooms/roomAccess.js';
import { personChannel } from './types.js';

type Nsp = Pick<Namespace, 'in' | 'to'>;

/** The distinct ids of people with a socket in the room. */
export async function onlineIn(nsp: Nsp, roomId: string): Promise<string[]> {
  const sockets = await nsp.in(roomChannel(roomId)).fetchSockets();
  return [...new Set(sockets.map((s) => (s.data as { personId: string }).personId))];
}

/** True when the person has a socket in the room. */
export async function presentIn(nsp: Nsp, roomId: string, personId: string): Promise<boolean> {
  return (await nsp.in(memberChannel(roomId, personId)).fetchSockets()).length > 0;
}

/** Tells the room's other people that the person came online or went away. */
export function announcePresence(nsp: Nsp, roomId: string, personId: string, online: boolean): void {
  nsp
    .to(roomChannel(roomId))
    .except(personChannel(personId))
    .emit('presence:updated', { roomId, personId, online });
}

/** After a person's socket left a room: announces "away" when it was their last one there. */
export async function announceIfGone(nsp: Nsp, roomId: string, personId: string): Promise<void> {
  if (!(await presentIn(nsp, roomId, personId))) announcePresence(nsp, roomId, personId, false);
}
