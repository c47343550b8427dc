/**
 * The typed Socket.IO events, one place for server and client (see server/realtime.ts).
 * Acks follow one shape: `{ ok: true, data }` or `{ ok: false, error: { code, message } }`.
 */

/** The answer to an event with an acknowledgement. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** Events the server sends. */
export interface ServerToClientEvents {
  /**
   * The session ended (sign-out, sign-out everywhere, suspension, expiry); the socket is closed
   * right after. Example: `socket.on('session:ended', ({ reason }) => showSignIn(reason))`.
   */
  'session:ended': (payload: { reason: 'signed_out' | 'expired' }) => void;
}

/** Events the client sends. */
export interface ClientToServerEvents {
  /**
   * Asks who this socket acts for. Example:
   * `socket.emit('session:whoami', (ack) => ack.ok && console.log(ack.data.personId))`.
   */
  'session:whoami': (ack: (answer: Ack<{ personId: string }>) => void) => void;
}

/** Events between server nodes (none yet). */
export type InterServerEvents = Record<string, never>;

/** What the server keeps on each socket: who it acts for and which session it belongs to. */
export interface SocketData {
  personId: string;
  sessionId: string;
}
