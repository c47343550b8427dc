/** `reaction:add` and `reaction:remove`: thin adapters over react, with the socket's room grants. */
import type { Logger } from '../../logger.js';
import { react } from '../../services/rooms/react.js';
import { onEvent } from '../ack.js';
import { activeGrant } from '../roomGrants.js';
import type { RealtimeSocket } from '../types.js';
import { socketActor } from './socketActor.js';

/** Registers the reaction handlers on a socket. */
export function registerReactionHandlers(socket: RealtimeSocket, logger: Logger): void {
  for (const [event, change] of [
    ['reaction:add', 'add'],
    ['reaction:remove', 'remove'],
  ] as const)
    onEvent(
      socket,
      event,
      async (input) =>
        react(await socketActor(socket), input, change, (roomId) => activeGrant(socket, roomId)),
      logger,
    );
}
