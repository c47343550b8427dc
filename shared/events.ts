/**
 * The typed Socket.IO events, one place for server and client (see server/realtime.ts).
 * Names are `resource:verb`. Acks follow one shape: `{ ok: true, data }` or
 * `{ ok: false, error: { code, message, field? } }`; no Error objects cross the wire.
 *
 * Rooms are spaces (SHARING.md): a hub's room is its hub space, peer rooms, committee rooms and
 * direct conversations are spaces of those kinds. A socket receives a room's messages only after
 * `room:join` was authorised by the services, and loses them at once when it may no longer take part.
 */
import type { z } from 'zod';
import type { AttachmentView } from './schemas/attachments.js';
import type {
  MessageDelete,
  MessageEdit,
  MessageHistory,
  MessageSend,
  ReactionChange,
  ReadMark,
  RoomJoin,
  RoomLeave,
  TypingSet,
} from './schemas/rooms.js';

/** The error codes an ack may carry (mirrors the HTTP problem types). */
export type AckErrorCode =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'rate_limited'
  | 'unavailable';

/** The answer to an event with an acknowledgement. */
export type Ack<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      /**
       * `reason` and `params`: the stable specific reason (`label_above_ceiling`...) and its
       * parameters, as a problem document's `code` and `params`, for the client's own sentence.
       */
      error: {
        code: AckErrorCode | string;
        message: string;
        field?: string;
        reason?: string;
        params?: Record<string, string | number>;
      };
    };

/** A post as it reaches open clients; anything richer is fetched over REST (`GET /api/v1/posts/:id`). */
export interface PostDelivery {
  id: string;
  space: string;
  label: string;
  title: string;
  body: string;
  state: string;
  /** Forums: the topic a reply belongs to; null for a topic or a plain post. */
  topicId: string | null;
  /** Forums: the category of a topic or reply; null for a plain post. */
  categoryId: string | null;
}

/** A reaction on a message: the emoji, how many, and whether the receiver is among them. */
export interface ReactionSummary {
  emoji: string;
  count: number;
  /** Ids of the people who reacted (empty under the Chatham House Rule for people outside the space). */
  personIds: string[];
}

/**
 * A room message as clients receive it. `author` is the sender inside the room (the Chatham House
 * Rule hides names only outside the space). `html` is the server-rendered, sanitised Markdown.
 */
export interface MessageDelivery {
  id: string;
  /** The id the sending client chose (idempotency key), echoed so the sender can match its ack. */
  clientId: string;
  roomId: string;
  /** The thread's first message when this is a reply, else null. */
  threadId: string | null;
  label: string;
  body: string;
  html: string;
  language: string | null;
  author: { id: string; name: string } | null;
  state: string;
  createdAt: string;
  editedAt: string | null;
  /** Replies in the thread (on a thread's first message). */
  replyCount: number;
  reactions: ReactionSummary[];
  /** The attached files its readers may open (see server/services/documents/presentAttachments.ts). */
  attachments: AttachmentView[];
}

/**
 * What the joiner may do to other people's messages in a room, decided by the server's policy (their
 * own messages add the author's rights). The client shows controls from these alone.
 */
export interface RoomAbilities {
  /** Delete anyone's message (room owners and moderators, hub and global moderators). */
  deleteAny: boolean;
  /** Quarantine a message (hub and global moderators). */
  quarantine: boolean;
  /** Relabel someone else's message (moderators). */
  relabel: boolean;
  /** Flag someone else's message for the moderators (anyone who reads it). */
  flag: boolean;
}

/** A room as `room:join` describes it. */
export interface RoomSummary {
  id: string;
  slug: string;
  name: string;
  kind: string;
  ceiling: string;
  defaultLabel: string;
  chathamHouse: boolean;
  leadersOnly: boolean;
  /** The joiner's role: an explicit role, `derived`, or null. */
  role: string | null;
  /** What the joiner may do to other people's messages here. */
  abilities: RoomAbilities;
}

/** One page of messages, oldest first, with the cursor of the next older page (null at the start). */
export interface MessagePage {
  items: MessageDelivery[];
  before: string | null;
}

/** An in-app notification as it reaches open clients (body only where the label allows it). */
export interface NotificationDelivery {
  id: string;
  kind: string;
  space: { id: string; name: string } | null;
  /** The title/excerpt for CLEAR and GREEN material; null for AMBER and above ("new material in <space>"). */
  text: string | null;
  link: string;
  createdAt: string;
  /** A moderation notice's facts (its kind, the space, the reason), for the client to word it. */
  notice?: { kind: string; space: string; reason: string | null };
}

/** Events the server sends. */
export interface ServerToClientEvents {
  /**
   * A post the person may read appeared in one of their spaces.
   * Example: `socket.on('post:created', (post) => timeline.add(post))`.
   */
  'post:created': (post: PostDelivery) => void;
  /** A post the person may read changed (edit, relabel, move, restore). Example: `socket.on('post:updated', (post) => timeline.replace(post))`. */
  'post:updated': (post: PostDelivery) => void;
  /**
   * A post the person saw is no longer theirs to see (quarantined, relabelled away, deleted): drop it now.
   * Example: `socket.on('post:removed', ({ id }) => timeline.remove(id))`.
   */
  'post:removed': (payload: { id: string }) => void;
  /**
   * The session ended (sign-out, sign-out everywhere, suspension, expiry); the socket is closed
   * right after. Example: `socket.on('session:ended', ({ reason }) => showSignIn(reason))`.
   */
  'session:ended': (payload: { reason: 'signed_out' | 'expired' }) => void;
  /** A message in a joined room. Example: `socket.on('message:created', (m) => room.add(m))`. */
  'message:created': (message: MessageDelivery) => void;
  /** A message changed (edit, relabel, restore, reply count). Example: `socket.on('message:updated', (m) => room.replace(m))`. */
  'message:updated': (message: MessageDelivery) => void;
  /** A message is gone for this person (deleted, quarantined, relabelled away). Example: `socket.on('message:removed', ({ id }) => room.remove(id))`. */
  'message:removed': (payload: { id: string; roomId: string }) => void;
  /** Reactions of a message changed. Example: `socket.on('reaction:updated', (r) => room.setReactions(r.messageId, r.reactions))`. */
  'reaction:updated': (payload: { roomId: string; messageId: string; reactions: ReactionSummary[] }) => void;
  /** Someone started or stopped typing. Example: `socket.on('typing:updated', (t) => bar.show(t))`. */
  'typing:updated': (payload: {
    roomId: string;
    person: { id: string; name: string };
    typing: boolean;
  }) => void;
  /**
   * Someone in the room came online or went away. Changes close together are sent as one event: the
   * first in `personId`/`online`, the others, in order, in `more` (absent for a single change).
   * Example: `socket.on('presence:updated', (p) => [p, ...(p.more ?? [])].forEach((c) => list.set(c)))`.
   */
  'presence:updated': (payload: {
    roomId: string;
    personId: string;
    online: boolean;
    more?: { personId: string; online: boolean }[];
  }) => void;
  /** A member's read marker moved. Example: `socket.on('read:updated', (r) => markers.set(r))`. */
  'read:updated': (payload: { roomId: string; personId: string; messageId: string }) => void;
  /** The person may no longer take part in a joined room; its messages must leave the screen. */
  'room:removed': (payload: { roomId: string }) => void;
  /**
   * The server may have missed live messages for you (its link to the other nodes was down): re-join
   * your rooms with `lastSeenId` = the last message you saw created before `since`, and merge the
   * `missed` messages by id. Several nodes may ask within moments: wait a random second, then once.
   * Example: `socket.on('room:resync', ({ since }) => rooms.forEach((r) =>
   * socket.emit('room:join', { roomId: r.id, lastSeenId: r.lastSeenBefore(since) }, (ack) => ack.ok && r.merge(ack.data.missed))))`.
   */
  'room:resync': (payload: { since: string }) => void;
  /** A new in-app notification. Example: `socket.on('notification:created', (n) => bell.add(n))`. */
  'notification:created': (notification: NotificationDelivery) => void;
  /**
   * A room the person may read had a new message in its main timeline (sent only to people who may
   * read that message, never to its author; nothing of the message is sent): ask for its unread count
   * again. Example: `socket.on('room:activity', ({ roomId }) => sidebar.refreshUnread(roomId))`.
   */
  'room:activity': (payload: { roomId: string }) => void;
}

/**
 * The payload schema of each client event: the zod schemas of shared/schemas/rooms.ts, so the
 * payload types below are derived from what the server parses and cannot disagree with it. The
 * runtime map is `CLIENT_EVENT_SCHEMAS` (shared/schemas/socketEvents.ts).
 */
export interface ClientEventSchemas {
  'room:join': typeof RoomJoin;
  'room:leave': typeof RoomLeave;
  'message:send': typeof MessageSend;
  'message:edit': typeof MessageEdit;
  'message:delete': typeof MessageDelete;
  'message:history': typeof MessageHistory;
  'reaction:add': typeof ReactionChange;
  'reaction:remove': typeof ReactionChange;
  'typing:set': typeof TypingSet;
  'read:mark': typeof ReadMark;
}

/** The name of an event the client sends with a payload and an ack. */
export type ClientEventName = keyof ClientEventSchemas;

/** The payload of a client event, as the client writes it. */
export type ClientEventPayload<E extends ClientEventName> = z.input<ClientEventSchemas[E]>;

/** What each client event answers with (the `data` of its `{ ok: true, data }` ack). */
export interface ClientEventAcks {
  /**
   * Joins a room's live stream. With `lastSeenId` (the last message this client saw), the ack carries
   * everything since that the person may still see (re-authorised now; quarantined items excluded),
   * oldest first, starting a few seconds before `lastSeenId` (ids from different nodes are ordered only
   * to the second), so merge by id. With `more: true` it holds only the newest ones: page older history.
   * Example: `socket.emit('room:join', { roomId, lastSeenId }, (ack) => ack.ok && room.merge(ack.data.missed))`.
   */
  'room:join': { room: RoomSummary; missed: MessageDelivery[]; more: boolean; online: string[] };
  /** Stops receiving a room. Example: `socket.emit('room:leave', { roomId }, (ack) => {})`. */
  'room:leave': { roomId: string };
  /**
   * Sends a message. `clientId` is generated by the client; the ack comes only once the message is
   * stored, and a retry with the same clientId stores nothing new and answers the same message. A
   * thread's reply is never below the label of the thread's first message.
   * Example: `socket.emit('message:send', { roomId, clientId: crypto.randomUUID(), body }, (ack) => ...)`.
   */
  'message:send': MessageDelivery;
  /** Edits one's own message. Example: `socket.emit('message:edit', { messageId, body }, (ack) => ...)`. */
  'message:edit': MessageDelivery;
  /** Deletes a message (author or room moderator). Example: `socket.emit('message:delete', { messageId }, (ack) => ...)`. */
  'message:delete': { id: string };
  /**
   * Reads history by cursor, newest page first (items oldest first inside a page); with `threadId`,
   * a thread's replies. Example: `socket.emit('message:history', { roomId, before }, (ack) => ...)`.
   */
  'message:history': MessagePage;
  /** Adds a reaction. Example: `socket.emit('reaction:add', { messageId, emoji: '👍' }, (ack) => ...)`. */
  'reaction:add': { messageId: string; reactions: ReactionSummary[] };
  /** Removes one's reaction. Example: `socket.emit('reaction:remove', { messageId, emoji: '👍' }, (ack) => ...)`. */
  'reaction:remove': { messageId: string; reactions: ReactionSummary[] };
  /** Tells the room one is typing (`typing: true`) or stopped. Example: `socket.emit('typing:set', { roomId, typing: true }, () => {})`. */
  'typing:set': null;
  /** Moves one's read marker. Example: `socket.emit('read:mark', { roomId, messageId }, (ack) => ...)`. */
  'read:mark': { roomId: string; messageId: string };
}

/**
 * Events the client sends. Every event with a payload answers through the ack; payloads come from
 * {@link ClientEventSchemas}, answers from {@link ClientEventAcks} (see there for each event).
 */
export type ClientToServerEvents = {
  [E in ClientEventName]: (
    payload: ClientEventPayload<E>,
    ack: (answer: Ack<ClientEventAcks[E]>) => void,
  ) => void;
} & {
  /**
   * Asks who this socket acts for. Example:
   * `socket.emit('session:whoami', (ack) => ack.ok && console.log(ack.data.personId))`.
   */
  'session:whoami': (ack: (answer: Ack<{ personId: string }>) => void) => void;
};

/** Events between server nodes (none: nodes share rooms through the Redis adapter). */
export type InterServerEvents = Record<string, never>;

/** What the server keeps on each socket: who it acts for and which session it belongs to. */
export interface SocketData {
  personId: string;
  sessionId: string;
}
