/**
 * Publishers of the rooms' domain events, called by the services after each stored write: `message`
 * (with the people newly mentioned), `reaction` and `read` on the one bus (server/events/domainEvents.ts).
 * The real-time layer fans them out to sockets (server/sockets/roomDelivery.ts) and notifications
 * turn mentions and replies into notices (server/services/notifications/roomNotifications.ts).
 * Events are process-local; fan-out across nodes goes through the Socket.IO adapter.
 */
import { publish } from '../../events/domainEvents.js';
import type { MessageEvent, ReactionEvent, ReadEvent } from '../../events/roomEvents.js';

export type { MessageEvent, MessageEventType, ReactionEvent, ReadEvent } from '../../events/roomEvents.js';

/** Publishes a message event (`message`) to its processors, if any. */
export function emitMessageEvent(event: MessageEvent): void {
  publish('message', event);
}

/** Publishes a change of a message's reactions (`reaction`). */
export function emitReactionEvent(event: ReactionEvent): void {
  publish('reaction', event);
}

/** Publishes a read marker moved forward (`read`). */
export function emitReadEvent(event: ReadEvent): void {
  publish('read', event);
}
