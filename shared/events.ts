/**
 * The typed Socket.IO events, one place for server and client (see server/realtime.ts).
 * Acks follow one shape: `{ ok: true, data }` or `{ ok: false, error: { code, message } }`.
 */

/** The answer to an event with an acknowledgement. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** A post as it reaches open clients; anything richer is fetched over REST (`GET /api/v1/posts/:id`). */
export interface PostDelivery {
  id: string;
  space: string;
  label: string;
  title: string;
  body: string;
  state: string;
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
