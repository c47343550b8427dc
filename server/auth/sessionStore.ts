/**
 * express-session's store on the sessions collection (server/models/Session.ts). Written here rather
 * than taken from connect-mongo so the person id is an indexed field (sign out everywhere) and the
 * store shares Mongoose's connection; expired sessions are ignored on read and removed by the sweeper.
 */
import session from 'express-session';
import { byIdLoader } from '../db/batchLoader.js';
import { SessionModel } from '../models/Session.js';
import './sessionData.js';

type Callback = (error?: unknown) => void;

function expiryOf(data: session.SessionData, fallbackMs: number): Date {
  const expires = data.cookie?.expires;
  return expires ? new Date(expires) : new Date(Date.now() + fallbackMs);
}

interface StoredSession {
  _id: string;
  expires: Date;
  data: string;
}

/**
 * Sessions by id, read together when asked for close together (a storm of handshakes after a node
 * restarts asks for thousands at once): by `_id` one by one for a few, one `$in` for many.
 */
const loadSession = byIdLoader<StoredSession>(
  (sid) => SessionModel.findById(sid, { expires: 1, data: 1 }).lean<StoredSession>().exec(),
  async (sids) => {
    // In one reply (no getMore round trips for a storm's thousands).
    const found = await SessionModel.find({ _id: { $in: sids } }, { expires: 1, data: 1 })
      .batchSize(sids.length)
      .lean<StoredSession[]>()
      .exec();
    return new Map(found.map((doc) => [doc._id, doc]));
  },
);

/** At most this many sessions' stored expiries are remembered between a read and its touch. */
const REMEMBERED_EXPIRIES = 10_000;

/**
 * The MongoDB-backed session store. A touch (every request of a rolling session, and the response
 * waits for it) writes only when it moves the stored expiry by at least `touchAfterMs` (a tenth of
 * the idle time-out, at most a minute): most requests write nothing, and a session idle for its whole
 * time-out still ends, at most `touchAfterMs` early (never late).
 */
export class MongoSessionStore extends session.Store {
  /** The stored expiry of each session this node has read, until its touch (the oldest go first). */
  private readonly storedExpiry = new Map<string, number>();
  private readonly touchAfterMs: number;

  constructor(private readonly idleMs: number) {
    super();
    this.touchAfterMs = Math.min(60_000, Math.floor(idleMs / 10));
  }

  private remember(sid: string, expires: Date): void {
    this.storedExpiry.delete(sid);
    if (this.storedExpiry.size >= REMEMBERED_EXPIRIES)
      this.storedExpiry.delete(this.storedExpiry.keys().next().value as string);
    this.storedExpiry.set(sid, expires.getTime());
  }

  override get(sid: string, callback: (error: unknown, data?: session.SessionData | null) => void): void {
    // The expiry is checked here, so an expired session reads as none, exactly as
    // `expires: { $gt: now }` would; reads close together share a query (loadSession above).
    // Stored data that cannot be read is no session (the person signs in again), as for the socket
    // session check (liveSessions.ts); only a failed read is an error, which leaves the session be.
    loadSession(sid)
      .then((doc) => {
        if (!doc || doc.expires <= new Date()) return callback(null, null);
        let data: session.SessionData;
        try {
          data = JSON.parse(doc.data) as session.SessionData;
        } catch {
          return callback(null, null);
        }
        this.remember(sid, doc.expires);
        callback(null, data);
      })
      .catch((error: unknown) => callback(error));
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    this.storedExpiry.delete(sid);
    SessionModel.updateOne(
      { _id: sid },
      {
        $set: {
          personId: data.personId ?? null,
          idp: data.saml?.idp ?? null,
          expires: expiryOf(data, this.idleMs),
          data: JSON.stringify(data),
        },
      },
      { upsert: true },
    )
      .then(() => callback?.())
      .catch((error: unknown) => callback?.(error));
  }

  override touch(sid: string, data: session.SessionData, callback?: Callback): void {
    const expires = expiryOf(data, this.idleMs);
    const stored = this.storedExpiry.get(sid);
    this.storedExpiry.delete(sid);
    if (stored !== undefined && expires.getTime() - stored < this.touchAfterMs) {
      callback?.();
      return;
    }
    SessionModel.updateOne({ _id: sid }, { $set: { expires } })
      .then(() => callback?.())
      .catch((error: unknown) => callback?.(error));
  }

  override destroy(sid: string, callback?: Callback): void {
    this.storedExpiry.delete(sid);
    SessionModel.deleteOne({ _id: sid })
      .then(() => callback?.())
      .catch((error: unknown) => callback?.(error));
  }
}
