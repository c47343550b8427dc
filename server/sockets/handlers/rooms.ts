/**
 * `room:join` and `room:leave`: thin adapters over joinRoom's two steps. A joined socket is in
 * `room:<id>` (every member's sockets) and `room:<id>:<person>` (RED fan-out), and keeps the grant;
 * it enters the channels before the missed messages are read, so no message stored meanwhile falls
 * between the two. The ack carries the room, the missed messages and who is online. Presence is
 * announced on join, leave and disconnect.
 */
import type { Logger } from '../../logger.js';
import { authorizeJoin, missedSince } from '../../services/rooms/joinRoom.js';
import { memberChannel, roomChannel } from '../../services/rooms/roomAccess.js';
import { onEvent } from '../ack.js';
import { announceIfGone, announcePresence, onlineIn, presentIn } from '../presence.js';
import { grantsOf } from '../roomGrants.js';
import type { RealtimeSocket } from '../types.js';
import { socketActor } from './socketActor.js';

const JOINED = /^room:([a-f0-9]{24})$/;

/** The ids of the rooms a socket has joined. */
export function joinedRoomIds(rooms: Iterable<string>): string[] {
  const ids: string[] = [];
  for (const room of rooms) {
    const match = JOINED.exec(room);
    if (match?.[1]) ids.push(match[1]);
  }
  return ids;
}

/** Registers the room handlers on a socket. */
export function registerRoomHandlers(socket: RealtimeSocket, logger: Logger): void {
  const { nsp } = socket;
  const personId = socket.data.personId;

  onEvent(
    socket,
    'room:join',
    async (input) => {
      const { grant, room } = await authorizeJoin(await socketActor(socket), input.roomId);
      const wasPresent = await presentIn(nsp, input.roomId, personId);
      grantsOf(socket).set(input.roomId, grant);
      await socket.join([roomChannel(input.roomId), memberChannel(input.roomId, personId)]);
      // Live from here on; what came before is read now (see the module comment).
      const { missed, more } = await missedSince(grant, input.lastSeenId);
      if (!wasPresent) announcePresence(nsp, input.roomId, personId, true);
      const online = await onlineIn(nsp, input.roomId);
      return { room, missed, more, online };
    },
    logger,
  );

  onEvent(
    socket,
    'room:leave',
    async (input) => {
      grantsOf(socket).delete(input.roomId);
      if (socket.rooms.has(roomChannel(input.roomId))) {
        await socket.leave(roomChannel(input.roomId));
        await socket.leave(memberChannel(input.roomId, personId));
        await announceIfGone(nsp, input.roomId, personId);
      }
      return { roomId: input.roomId };
    },
    logger,
  );

  let leaving: string[] = [];
  socket.on('disconnecting', () => {
    leaving = joinedRoomIds(socket.rooms);
  });
  socket.on('disconnect', () => {
    for (const roomId of leaving)
      announceIfGone(nsp, roomId, personId).catch((error: unknown) =>
        logger.warn({ err: error }, 'presence update failed'),
      );
  });
}
