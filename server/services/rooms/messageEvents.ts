/**
 * Domain events of rooms, emitted by the services after each stored write, for other capabilities to
 * subscribe: the real-time layer fans them out to sockets (server/sockets/roomDelivery.ts), and
 * notifications may listen for mentions. Events are process-local; fan-out across nodes goes through
 * the Socket.IO adapter.
 */
import { EventEmitter } from 'node:events';
import type { ReactionSummary } from '../../../shared/events.js';
import type { MessageDoc } from '../../models/Message.js';

/** What happened to a message. */
export type MessageEventType = 'created' | 'updated' | 'deleted' | 'quarantined' | 'restored' | 'relabelled';

/**
 * One message write: the message before (null when created) and after, and the people newly
 * mentioned by this write (edits list only those not mentioned before).
 */
export interface MessageEvent {
  type: MessageEventType;
  before: MessageDoc | null;
  after: MessageDoc;
  mentionIds: string[];
}

/** The reactions of a message changed. */
export interface ReactionEvent {
  message: MessageDoc;
  reactions: ReactionSummary[];
}

/** A person's read marker moved forward in a room. */
export interface ReadEvent {
  message: MessageDoc;
  personId: string;
}

/** The typed emitter: `'message'`, `'reaction'`, `'read'`. */
interface RoomEventMap {
  message: [MessageEvent];
  reaction: [ReactionEvent];
  read: [ReadEvent];
}

/** The process-wide emitter of room events. */
export const messageEvents = new EventEmitter<RoomEventMap>();
messageEvents.setMaxListeners(50);

/** Emits a message event to the subscribers, if any. */
export function emitMessageEvent(event: MessageEvent): void {
  messageEvents.emit('message', event);
}
