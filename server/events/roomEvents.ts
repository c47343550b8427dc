/**
 * The payloads of room events (`message`, `reaction`, `read` on the domain-event bus), published by
 * the rooms' services after each stored write. Here, below the services, so the bus can type them;
 * server/services/rooms/messageEvents.ts re-exports them with its publishers.
 */
import type { ReactionSummary } from '../../shared/events.js';
import type { MessageDoc } from '../models/Message.js';

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
