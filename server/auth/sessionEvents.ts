/**
 * Tells the live parts of the server (open sockets) that sessions ended: sign-out, sign-out
 * everywhere, suspension, expiry (`sessions.ended` on the bus, server/events/domainEvents.ts).
 * server/realtime.ts subscribes and disconnects the sockets at once.
 */
import { publish, type SessionsEnded } from '../events/domainEvents.js';

export type { SessionsEnded } from '../events/domainEvents.js';

/** Announces that sessions ended. */
export function announceSessionsEnded(ended: SessionsEnded): void {
  publish('sessions.ended', ended);
}
