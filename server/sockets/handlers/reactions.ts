/** `reaction:add` and `reaction:remove`: thin adapters over react, with the socket's room grants. */
import { react } from '../../services/rooms/react.js';
import type { EventHandlers } from '../ack.js';
import { activeGrant } from '../roomGrants.js';
import type { RealtimeSocket } from '../types.js';
import { socketActor } from './socketActor.js';

/** The reaction handlers, shared by every socket. */
export const reactionHandlers: EventHandlers = {
  'reaction:add': (socket, input) => reactAs(socket, input, 'add'),
  'reaction:remove': (socket, input) => reactAs(socket, input, 'remove'),
};

async function reactAs(
  socket: RealtimeSocket,
  input: Parameters<typeof react>[1],
  change: 'add' | 'remove',
): ReturnType<typeof react> {
  return react(await socketActor(socket), input, change, (roomId) => activeGrant(socket, roomId));
}
