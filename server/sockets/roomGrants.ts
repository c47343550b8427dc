/**
 * The rooms a socket was authorised for at `room:join`, kept on this node only: sending, typing,
 * reactions and read markers use the grant instead of loading the person's sharing context again.
 * A grant counts only while the socket is still in the room's Socket.IO room, so a re-authorisation
 * that makes the socket leave (from any node, through the adapter) ends it at once.
 */
import { grantStillValid, roomChannel, type RoomGrant } from '../services/rooms/roomAccess.js';
import type { RealtimeSocket } from './types.js';

const grants = new WeakMap<RealtimeSocket, Map<string, RoomGrant>>();

/** The grants of a socket (created on first use). */
export function grantsOf(socket: RealtimeSocket): Map<string, RoomGrant> {
  let map = grants.get(socket);
  if (!map) {
    map = new Map();
    grants.set(socket, map);
  }
  return map;
}

/** The socket's grant for a room, if it joined and still may take part. */
export function activeGrant(socket: RealtimeSocket, roomId: string): RoomGrant | undefined {
  const grant = grants.get(socket)?.get(roomId);
  if (!grant || !socket.rooms.has(roomChannel(roomId)) || !grantStillValid(grant)) return undefined;
  return grant;
}
