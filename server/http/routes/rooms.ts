/**
 * /api/v1/rooms and /api/v1/messages: the REST side of rooms, calling the same services as the socket
 * events (shared/events.ts): my rooms, direct conversations, history, sending, editing, deleting and
 * moderating messages.
 */
import { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import {
  DirectRoomCreate,
  Message,
  MessageEdit,
  MessageEditEntry,
  MessageEditListQuery,
  MessageModerationView,
  MessagePage,
  MessageParams,
  MessageQuarantine,
  MessageRelabel,
  MessageSend,
  Room,
  RoomListQuery,
  RoomMessagesQuery,
  RoomParams,
  pageOf,
} from '../../../shared/schemas/index.js';
import { createDirectConversation } from '../../services/rooms/createDirectConversation.js';
import { deleteMessage } from '../../services/rooms/deleteMessage.js';
import { editMessage } from '../../services/rooms/editMessage.js';
import { listMessageEdits } from '../../services/rooms/listMessageEdits.js';
import { listRooms } from '../../services/rooms/listRooms.js';
import { presentMessages } from '../../services/rooms/presentMessage.js';
import { quarantineMessage, restoreMessage } from '../../services/rooms/quarantineMessage.js';
import { readHistory } from '../../services/rooms/readHistory.js';
import { relabelMessage } from '../../services/rooms/relabelMessage.js';
import { sendMessage } from '../../services/rooms/sendMessage.js';
import { defineRoute } from '../defineRoute.js';

const MessageSendBody = MessageSend.omit({ roomId: true });

async function presented(actor: Actor, item: Parameters<typeof presentMessages>[1][number]) {
  const [message] = await presentMessages(actor, [item]);
  if (!message) throw new Error('presenting failed');
  return message;
}

/** The room and message routes. */
export const roomRoutes = [
  defineRoute({
    method: 'get',
    path: '/rooms',
    tag: 'Rooms',
    access: 'members',
    summary: 'List the rooms I take part in',
    query: RoomListQuery,
    response: pageOf(Room),
    handler: ({ actor, query }) => listRooms(actor, query),
  }),
  defineRoute({
    method: 'post',
    path: '/rooms/direct',
    tag: 'Rooms',
    access: 'members',
    summary: 'Open (or find) my direct conversation with a person: the same room for the same pair',
    body: DirectRoomCreate,
    response: Room,
    handler: ({ actor, body }) =>
      createDirectConversation(actor, (body as z.infer<typeof DirectRoomCreate>).person),
  }),
  defineRoute({
    method: 'get',
    path: '/rooms/:room/messages',
    tag: 'Rooms',
    access: 'members',
    summary: "A room's history, newest page first (items oldest first); `before` pages back",
    params: RoomParams,
    query: RoomMessagesQuery,
    response: MessagePage,
    handler: ({ actor, params, query }) => readHistory(actor, { roomId: params.room, ...query }),
  }),
  defineRoute({
    method: 'post',
    path: '/rooms/:room/messages',
    tag: 'Rooms',
    access: 'members',
    summary: 'Send a message (idempotent by clientId: a retry answers the stored message)',
    params: RoomParams,
    body: MessageSendBody,
    response: Message,
    handler: async ({ actor, params, body }) => {
      const input = body as z.infer<typeof MessageSendBody>;
      const sent = await sendMessage(actor, { ...input, roomId: params.room });
      return presented(actor, sent.message);
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/messages/:message',
    tag: 'Rooms',
    access: 'members',
    summary: 'Edit my message (the former text is kept for moderators)',
    params: MessageParams,
    body: MessageEdit.omit({ messageId: true }),
    response: Message,
    handler: async ({ actor, params, body }) =>
      presented(
        actor,
        await editMessage(actor, { messageId: params.message, body: (body as { body: string }).body }),
      ),
  }),
  defineRoute({
    method: 'delete',
    path: '/messages/:message',
    tag: 'Rooms',
    access: 'members',
    summary: "Delete a message (its author, the room's owners and moderators, hub and global moderators)",
    params: MessageParams,
    response: z.object({ id: z.string() }),
    handler: ({ actor, params }) => deleteMessage(actor, params.message),
  }),
  defineRoute({
    method: 'post',
    path: '/messages/:message/quarantine',
    tag: 'Moderation',
    access: 'members',
    summary: 'Quarantine a message: gone from open clients, history and missed messages (moderators)',
    params: MessageParams,
    body: MessageQuarantine,
    response: MessageModerationView,
    handler: ({ actor, params, body }) =>
      quarantineMessage(actor, params.message, (body as z.infer<typeof MessageQuarantine>).reason),
  }),
  defineRoute({
    method: 'post',
    path: '/messages/:message/restore',
    tag: 'Moderation',
    access: 'members',
    summary: 'Restore a quarantined message (moderators)',
    params: MessageParams,
    body: MessageQuarantine,
    response: MessageModerationView,
    handler: ({ actor, params, body }) =>
      restoreMessage(actor, params.message, (body as z.infer<typeof MessageQuarantine>).reason),
  }),
  defineRoute({
    method: 'post',
    path: '/messages/:message/relabel',
    tag: 'Rooms',
    access: 'members',
    summary:
      'Change a message label: raise (author, moderator) or lower (originator, moderator), with a justification',
    params: MessageParams,
    body: MessageRelabel,
    response: z.union([Message, MessageModerationView]),
    handler: ({ actor, params, body }) => {
      const input = body as z.infer<typeof MessageRelabel>;
      return relabelMessage(actor, params.message, input.label, input.justification);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/messages/:message/edits',
    tag: 'Rooms',
    access: 'members',
    summary: "A message's former bodies, newest first (its author and the room's moderators)",
    params: MessageParams,
    query: MessageEditListQuery,
    response: pageOf(MessageEditEntry),
    handler: ({ actor, params, query }) => listMessageEdits(actor, params.message, query),
  }),
];
