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

/** The MongoDB-backed session store. */
export class MongoSessionStore extends session.Store {
  constructor(private readonly idleMs: number) {
    super();
  }

  override get(sid: string, callback: (error: unknown, data?: session.SessionData | null) => void): void {
    // The expiry is checked here, so an expired session reads as none, exactly as
    // `expires: { $gt: now }` would; reads close together share a query (loadSessions below).
    loadSession(sid)
      .then((doc) =>
        callback(
          null,
          doc && doc.expires > new Date() ? (JSON.parse(doc.data) as session.SessionData) : null,
        ),
      )
      .catch((error: unknown) => callback(error));
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
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
    SessionModel.updateOne({ _id: sid }, { $set: { expires: expiryOf(data, this.idleMs) } })
      .then(() => callback?.())
      .catch((error: unknown) => callback?.(error));
  }

  override destroy(sid: string, callback?: Callback): void {
    SessionModel.deleteOne({ _id: sid })
      .then(() => callback?.())
      .catch((error: unknown) => callback?.(error));
  }
}
