/**
 * Rooms and messages (shared/events.ts): the payloads of the socket events and the REST inputs, all
 * strict (unknown keys refused). Bodies follow the shared Paragraphs rules (well-formed Unicode, NFC,
 * no control or direction-override characters) and hold 1..MESSAGE_MAX_CHARS characters.
 */
import { z } from 'zod';
import { LABELS } from '../policy/labels.js';
import {
  Cursor,
  FILLED_PARAGRAPHS_PATTERN,
  Line,
  ObjectIdString,
  PageQuery,
  Paragraphs,
  Slug,
} from './common.js';
import { CONTENT_LANGUAGES } from '../languages.js';
import { PostRelabel } from './posts.js';
import { Attachment, AttachmentIds } from './attachments.js';

/** The longest message body, in characters after normalisation. */
export const MESSAGE_MAX_CHARS = 8000;

/** The longest message history page. */
export const HISTORY_MAX_LIMIT = 100;

/** Reactions anyone may use without further checks (any other single emoji grapheme is accepted too). */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '🙏', '👀', '✅', '❓'] as const;

/** A client-chosen message id (a UUID or similar): the idempotency key of a send. */
export const ClientId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "-" and "_" (a UUID fits)');

/**
 * A message body. A raw string far above the limit is refused before normalising it; the result of
 * normalising is held to {@link MESSAGE_MAX_CHARS}. (Socket adapters answer `too_large` for both.)
 */
export const MessageBody = z
  .string()
  .max(MESSAGE_MAX_CHARS * 4)
  .pipe(Paragraphs(MESSAGE_MAX_CHARS))
  .pipe(z.string().min(1, 'a message needs some text'))
  .meta({ minLength: 1, maxLength: MESSAGE_MAX_CHARS * 4, pattern: FILLED_PARAGRAPHS_PATTERN });

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
const PICTOGRAPH = /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|[0-9#*]\uFE0F?\u20E3)/u;
// eslint-disable-next-line no-control-regex -- refusing control and direction characters
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** True for one emoji: exactly one grapheme that starts with a pictograph (ZWJ sequences included). */
export function isSingleEmoji(value: string): boolean {
  if (value.length === 0 || value.length > 32 || CONTROLS.test(value) || !value.isWellFormed()) return false;
  if ((QUICK_REACTIONS as readonly string[]).includes(value)) return true;
  const graphemes = [...segmenter.segment(value)];
  return graphemes.length === 1 && PICTOGRAPH.test(value);
}

/** A reaction: one emoji grapheme. */
export const Emoji = z
  .string()
  .max(32)
  .refine(isSingleEmoji, 'one emoji')
  .transform((s) => s.normalize('NFC'));

/** `room:join`. */
export const RoomJoin = z.object({ roomId: ObjectIdString, lastSeenId: ObjectIdString.optional() }).strict();

/** `room:leave`. */
export const RoomLeave = z.object({ roomId: ObjectIdString }).strict();

/** `message:send` (and `POST /rooms/:room/messages`, without roomId). */
export const MessageSend = z
  .object({
    roomId: ObjectIdString,
    clientId: ClientId,
    body: MessageBody,
    label: z.enum(LABELS).optional(),
    threadId: ObjectIdString.optional(),
    /** The content language for search; detected from the body when not given. */
    language: z.enum(CONTENT_LANGUAGES).optional(),
    /** Documents of the room uploaded from the composer, each labelled at least as the message. */
    attachments: AttachmentIds.optional(),
  })
  .strict();

/** `message:edit`. */
export const MessageEdit = z.object({ messageId: ObjectIdString, body: MessageBody }).strict();

/** `message:delete`. */
export const MessageDelete = z.object({ messageId: ObjectIdString }).strict();

/** `message:history`. */
export const MessageHistory = z
  .object({
    roomId: ObjectIdString,
    before: Cursor.optional(),
    threadId: ObjectIdString.optional(),
    limit: z.number().int().min(1).max(HISTORY_MAX_LIMIT).optional(),
  })
  .strict();

/** `reaction:add` and `reaction:remove`. */
export const ReactionChange = z.object({ messageId: ObjectIdString, emoji: Emoji }).strict();

/** `typing:set`. */
export const TypingSet = z.object({ roomId: ObjectIdString, typing: z.boolean() }).strict();

/** `read:mark`. */
export const ReadMark = z.object({ roomId: ObjectIdString, messageId: ObjectIdString }).strict();

/** Path parameter naming a room (a space id). */
export const RoomParams = z.object({ room: ObjectIdString }).strict();

/** Path parameter naming a message. */
export const MessageParams = z.object({ message: ObjectIdString }).strict();

/** Query of a room's history over REST. */
export const RoomMessagesQuery = z
  .object({
    before: Cursor.optional(),
    threadId: ObjectIdString.optional(),
    limit: z.coerce.number().int().min(1).max(HISTORY_MAX_LIMIT).default(50),
  })
  .strict();

/** Query of "my rooms". */
export const RoomListQuery = PageQuery.strict();

/** Input of `POST /rooms/direct`: the other person. */
export const DirectRoomCreate = z.object({ person: ObjectIdString }).strict();

/** Input of a message quarantine (moderators). */
export const MessageQuarantine = z.object({ reason: Line(2000) }).strict();

/** Input of a message relabel: as for posts, the new label and a written justification. */
export const MessageRelabel = PostRelabel;

/** Query of a message's edit history (author and the room's moderators). */
export const MessageEditListQuery = PageQuery.strict();

/** One former body of a message, as its author wrote it before an edit. */
export const MessageEditEntry = z
  .object({ at: z.string(), body: z.string() })
  .meta({ id: 'MessageEditEntry' });

/** A room as the API returns it (RoomSummary in shared/events.ts). */
export const Room = z
  .object({
    id: ObjectIdString,
    slug: Slug,
    name: z.string(),
    /** One of SPACE_KINDS. */
    kind: z.string(),
    /** Labels (TLP 2.0), as in LABELS. */
    ceiling: z.string(),
    defaultLabel: z.string(),
    chathamHouse: z.boolean(),
    leadersOnly: z.boolean(),
    /** The explicit role (owner, moderator, member), `derived`, or null. */
    role: z.string().nullable(),
    /** What the caller may do to other people's messages here (RoomAbilities in shared/events.ts). */
    abilities: z.object({
      deleteAny: z.boolean(),
      quarantine: z.boolean(),
      relabel: z.boolean(),
      flag: z.boolean(),
    }),
  })
  .meta({ id: 'Room' });

const ReactionSummary = z.object({ emoji: z.string(), count: z.number(), personIds: z.array(z.string()) });

/** A message as the API returns it (MessageDelivery in shared/events.ts). */
export const Message = z
  .object({
    id: ObjectIdString,
    clientId: z.string(),
    roomId: ObjectIdString,
    threadId: ObjectIdString.nullable(),
    label: z.string(),
    body: z.string(),
    html: z.string(),
    language: z.string().nullable(),
    author: z.object({ id: ObjectIdString, name: z.string() }).nullable(),
    state: z.string(),
    createdAt: z.string(),
    editedAt: z.string().nullable(),
    replyCount: z.number(),
    reactions: z.array(ReactionSummary),
    /** The attached files the caller may open. */
    attachments: z.array(Attachment),
  })
  .meta({ id: 'Message' });

/** A page of messages, oldest first, with the cursor of the next older page. */
export const MessagePage = z.object({ items: z.array(Message), before: Cursor.nullable() });

/** A message as moderators see it after a moderation action: its state, edits and history. */
export const MessageModerationView = z
  .object({
    id: ObjectIdString,
    roomId: ObjectIdString,
    label: z.enum(LABELS),
    state: z.string(),
    edits: z.array(z.object({ at: z.string(), body: z.string() })),
    moderation: z.array(
      z.object({ at: z.string(), action: z.string(), by: z.string().nullable(), reason: z.string() }),
    ),
  })
  .meta({ id: 'MessageModerationView' });
