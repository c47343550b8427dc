/**
 * Tells the live parts of the server (open sockets) that sessions ended: sign-out, sign-out
 * everywhere, suspension, expiry. server/realtime.ts listens and disconnects the sockets at once.
 */
import { EventEmitter } from 'node:events';

/** Which sessions ended: one session, or every session of a person. */
export type SessionsEnded = { sessionId: string } | { personId: string };

const emitter = new EventEmitter();
emitter.setMaxListeners(100);

/** Announces that sessions ended. */
export function announceSessionsEnded(ended: SessionsEnded): void {
  emitter.emit('ended', ended);
}

/** Subscribes to ended sessions; returns the unsubscribe function. */
export function onSessionsEnded(listener: (ended: SessionsEnded) => void): () => void {
  emitter.on('ended', listener);
  return () => emitter.off('ended', listener);
}
