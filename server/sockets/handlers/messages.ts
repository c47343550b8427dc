/**
 * `message:send`, `message:edit`, `message:delete`, `message:history`: thin adapters over the room
 * services. Sending uses the socket's grant from `room:join` (no sharing context loaded per message);
 * a socket that has not joined the room is authorised from scratch, like REST.
 */
import type { Logger } from '../../logger.js';
import { deleteMessage } from '../../services/rooms/deleteMessage.js';
import { editMessage } from '../../services/rooms/editMessage.js';
import { presentMessage, presentMessages } from '../../services/rooms/presentMessage.js';
import { readHistory } from '../../services/rooms/readHistory.js';
import { sendMessage } from '../../services/rooms/sendMessage.js';
import { onEvent } from '../ack.js';
import { activeGrant } from '../roomGrants.js';
import type { RealtimeSocket } from '../types.js';
import { socketActor } from './socketActor.js';

/** Registers the message handlers on a socket. */
export function registerMessageHandlers(socket: RealtimeSocket, logger: Logger): void {
  onEvent(
    socket,
    'message:send',
    async (input) => {
      const grant = activeGrant(socket, input.roomId);
      const actor = grant?.actor ?? (await socketActor(socket));
      const sent = await sendMessage(actor, input, grant);
      // The hot path: a new message without files is presented as stored, with no query.
      if (sent.created && !sent.message.attachmentIds?.length) return presentMessage(sent.message);
      const [again] = await presentMessages(grant?.ctx ?? actor, [sent.message]);
      return again ?? presentMessage(sent.message);
    },
    logger,
  );
  onEvent(
    socket,
    'message:edit',
    async (input) => {
      const actor = await socketActor(socket);
      const [edited] = await presentMessages(actor, [await editMessage(actor, input)]);
      if (!edited) throw new Error('presenting failed');
      return edited;
    },
    logger,
  );
  onEvent(
    socket,
    'message:delete',
    async (input) => deleteMessage(await socketActor(socket), input.messageId),
    logger,
  );
  onEvent(socket, 'message:history', async (input) => readHistory(await socketActor(socket), input), logger);
}
