/**
 * `typing:set` (volatile, throttled, only in a joined room, to the room's other people) and
 * `read:mark` (the read marker, only forward): thin adapters over setTyping and markRead.
 */
import { NotFoundError } from '../../errors.js';
import { markRead } from '../../services/rooms/markRead.js';
import { roomChannel } from '../../services/rooms/roomAccess.js';
import { setTyping } from '../../services/rooms/setTyping.js';
import type { EventHandlers } from '../ack.js';
import { activeGrant } from '../roomGrants.js';
import { personChannel } from '../types.js';

/** The typing and read-marker handlers, shared by every socket. */
export const presenceHandlers: EventHandlers = {
  'typing:set': async (socket, input) => {
    const grant = activeGrant(socket, input.roomId);
    if (!grant) throw new NotFoundError('Joined room');
    const payload = setTyping(grant, input.typing);
    if (payload)
      socket.nsp
        .to(roomChannel(input.roomId))
        .except(personChannel(grant.actor.id))
        .volatile.emit('typing:updated', payload);
    return null;
  },
  'read:mark': async (socket, input) => {
    const grant = activeGrant(socket, input.roomId);
    if (!grant) throw new NotFoundError('Joined room');
    return markRead(grant.actor, input, grant);
  },
};
