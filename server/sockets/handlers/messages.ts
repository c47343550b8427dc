/**
 * `message:send`, `message:edit`, `message:delete`, `message:history`: thin adapters over the room
 * services. Sending uses the socket's grant from `room:join` (no sharing context loaded per message);
 * a socket that has not joined the room is authorised from scratch, like REST.
 */
import { deleteMessage } from '../../services/rooms/deleteMessage.js';
import { editMessage } from '../../services/rooms/editMessage.js';
import { presentMessage, presentMessages } from '../../services/rooms/presentMessage.js';
import { readHistory } from '../../services/rooms/readHistory.js';
import { sendMessage } from '../../services/rooms/sendMessage.js';
import type { EventHandlers } from '../ack.js';
import { activeGrant } from '../roomGrants.js';
import { socketActor } from './socketActor.js';

/** The message handlers, shared by every socket. */
export const messageHandlers: EventHandlers = {
  'message:send': async (socket, input) => {
    const grant = activeGrant(socket, input.roomId);
    const actor = grant?.actor ?? (await socketActor(socket));
    const sent = await sendMessage(actor, input, grant);
    // The hot path: a new message without files is presented as stored, with no query.
    if (sent.created && !sent.message.attachmentIds?.length) return presentMessage(sent.message);
    const [again] = await presentMessages(grant?.ctx ?? actor, [sent.message]);
    return again ?? presentMessage(sent.message);
  },
  'message:edit': async (socket, input) => {
    const actor = await socketActor(socket);
    const [edited] = await presentMessages(actor, [await editMessage(actor, input)]);
    if (!edited) throw new Error('presenting failed');
    return edited;
  },
  'message:delete': async (socket, input) => deleteMessage(await socketActor(socket), input.messageId),
  'message:history': async (socket, input) => readHistory(await socketActor(socket), input),
};
