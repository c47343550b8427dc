/**
 * The runtime map from each client socket event to the zod schema its payload is parsed with. Typed
 * by `ClientEventSchemas` (shared/events.ts): an event missing here, or a schema that differs from the
 * declared one, fails the type-check.
 */
import type { ClientEventName, ClientEventSchemas } from '../events.js';
import {
  MessageDelete,
  MessageEdit,
  MessageHistory,
  MessageSend,
  ReactionChange,
  ReadMark,
  RoomJoin,
  RoomLeave,
  TypingSet,
} from './rooms.js';

/** The payload schema of every client event. */
export const CLIENT_EVENT_SCHEMAS: { [E in ClientEventName]: ClientEventSchemas[E] } = {
  'room:join': RoomJoin,
  'room:leave': RoomLeave,
  'message:send': MessageSend,
  'message:edit': MessageEdit,
  'message:delete': MessageDelete,
  'message:history': MessageHistory,
  'reaction:add': ReactionChange,
  'reaction:remove': ReactionChange,
  'typing:set': TypingSet,
  'read:mark': ReadMark,
};
