/**
 * `room:join` and `room:leave`: thin adapters over joinRoom's two steps. A joined socket is in
 * `room:<id>` (every member's sockets) and `room:<id>:<person>` (RED fan-out), and keeps the grant;
 * it enters the channels before the missed messages are read, so no message stored meanwhile falls
 * between the two. The ack carries the room, the missed messages and who is online. Presence is
 * announced on join, leave and disconnect. A client's repeated ask for the same join shares the
 * answer being worked out, and a join its client stopped waiting for is shed (joinsInFlight.ts).
 */
import type { Logger } from '../../logger.js';
import { authorizeJoin, missedSince } from '../../services/rooms/joinRoom.js';
import { memberChannel, roomChannel } from '../../services/rooms/roomAccess.js';
import type { EventHandlers } from '../ack.js';
import { UnavailableError } from '../../errors.js';
import { forgetJoins, shareJoin } from '../joinsInFlight.js';
import { announceIfGone, announcePresence, onlineInShared } from '../presence.js';
import { grantsOf } from '../roomGrants.js';
import type { RealtimeSocket } from '../types.js';
import { socketActor } from './socketActor.js';

const JOINED = /^room:([a-f0-9]{24})$/;

/** The answer to a join shed because its client had stopped waiting (it asks again). */
const SHED = 'The server was too busy to answer in time; ask again.';

/** The ids of the rooms a socket has joined. */
export function joinedRoomIds(rooms: Iterable<string>): string[] {
  const ids: string[] = [];
  for (const room of rooms) {
    const match = JOINED.exec(room);
    if (match?.[1]) ids.push(match[1]);
  }
  return ids;
}

/** The room handlers, shared by every socket. */
export const roomHandlers: EventHandlers = {
  'room:join': (socket, input) =>
    shareJoin(socket, `${input.roomId}:${input.lastSeenId ?? ''}`, async (stillWanted) => {
      const { nsp } = socket;
      const personId = socket.data.personId;
      const { grant, room } = await authorizeJoin(await socketActor(socket), input.roomId);
      if (!stillWanted()) throw new UnavailableError(SHED);
      grantsOf(socket).set(input.roomId, grant);
      await socket.join([roomChannel(input.roomId), memberChannel(input.roomId, personId)]);
      // Live from here on; what came before is read now (see the module comment).
      const { missed, more } = await missedSince(grant, input.lastSeenId);
      // Said at every join (a second tab too): announcements are coalesced per room and idempotent,
      // and asking every node whether the person was there already costs more than the event.
      announcePresence(nsp, input.roomId, personId, true);
      return { room, missed, more, online: await onlineInShared(nsp, input.roomId) };
    }),
  'room:leave': async (socket, input) => {
    forgetJoins(socket, input.roomId);
    grantsOf(socket).delete(input.roomId);
    if (socket.rooms.has(roomChannel(input.roomId))) {
      await socket.leave(roomChannel(input.roomId));
      await socket.leave(memberChannel(input.roomId, socket.data.personId));
      await announceIfGone(socket.nsp, input.roomId, socket.data.personId);
    }
    return { roomId: input.roomId };
  },
};

/** The rooms each disconnecting socket was in, read before Socket.IO empties them. */
const leavingRooms = new WeakMap<RealtimeSocket, string[]>();

function rememberRooms(this: RealtimeSocket): void {
  leavingRooms.set(this, joinedRoomIds(this.rooms));
}

const goneListeners = new WeakMap<Logger, (this: RealtimeSocket) => void>();

/** The disconnect listener for a logger, made once and shared by every socket. */
function announceGoneWith(logger: Logger): (this: RealtimeSocket) => void {
  let listener = goneListeners.get(logger);
  if (!listener) {
    listener = function (this: RealtimeSocket) {
      const rooms = leavingRooms.get(this) ?? [];
      leavingRooms.delete(this);
      for (const roomId of rooms)
        announceIfGone(this.nsp, roomId, this.data.personId).catch((error: unknown) =>
          logger.warn({ err: error }, 'presence update failed'),
        );
    };
    goneListeners.set(logger, listener);
  }
  return listener;
}

/** Announces "away" in the rooms a socket was in when it disconnects (listeners shared by all sockets). */
export function announcePresenceOnDisconnect(socket: RealtimeSocket, logger: Logger): void {
  socket.on('disconnecting', rememberRooms);
  socket.on('disconnect', announceGoneWith(logger));
}
