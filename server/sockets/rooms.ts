/**
 * Rooms on the real-time server, in one call for server/realtime.ts: flood control configured from
 * the settings (Redis counters when given), the room, message, reaction, typing and read-marker
 * handlers on each socket, fan-out of room events, and re-authorisation of open sockets on
 * membership and access changes.
 */
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { AccessEvent, MembershipEvent } from '../events/contentEvents.js';
import { subscribe } from '../events/domainEvents.js';
import { configureFloodControl } from '../services/rooms/floodControl.js';
import { answerEvents, type EventHandlers } from './ack.js';
import { messageHandlers } from './handlers/messages.js';
import { presenceHandlers } from './handlers/presenceEvents.js';
import { reactionHandlers } from './handlers/reactions.js';
import { announcePresenceOnDisconnect, roomHandlers } from './handlers/rooms.js';
import { reauthorizePerson } from './reauthorize.js';
import { deliverRoomEvents } from './roomDelivery.js';
import type { RealtimeServer, RealtimeSocket } from './types.js';

/** Every room event's handler, shared by every socket. */
const ROOM_EVENT_HANDLERS: EventHandlers = {
  ...roomHandlers,
  ...messageHandlers,
  ...reactionHandlers,
  ...presenceHandlers,
};

/** Attaches rooms to the server; returns the function that detaches the subscriptions. */
export function attachRooms(
  io: RealtimeServer,
  deps: { config: Config; logger: Logger; redis?: Redis | undefined },
): () => void {
  const { logger } = deps;
  configureFloodControl(deps.config.roomLimits, deps.redis);
  io.on('connection', (socket: RealtimeSocket) => {
    answerEvents(socket, ROOM_EVENT_HANDLERS, logger);
    announcePresenceOnDisconnect(socket, logger);
  });
  const nsp = io.of('/');
  const stopDelivery = deliverRoomEvents(nsp);
  // Inline processors (at once; failures logged and retried by the bus).
  const recheck = (event: MembershipEvent | AccessEvent) => reauthorizePerson(nsp, event.personId);
  const offMembership = subscribe('membership', 'socket re-authorisation', recheck);
  const offAccess = subscribe('access', 'socket re-authorisation', recheck);
  return () => {
    stopDelivery();
    offMembership();
    offAccess();
  };
}
