/**
 * express-session's store on the sessions collection (server/models/Session.ts). Written here rather
 * than taken from connect-mongo so the person id is an indexed field (sign out everywhere) and the
 * store shares Mongoose's connection; expired sessions are ignored on read and removed by the sweeper.
 */
import session from 'express-session';
import { SessionModel } from '../models/Session.js';
import './sessionData.js';

type Callback = (error?: unknown) => void;

function expiryOf(data: session.SessionData, fallbackMs: number): Date {
  const expires = data.cookie?.expires;
  return expires ? new Date(expires) : new Date(Date.now() + fallbackMs);
}

/** The MongoDB-backed session store. */
export class MongoSessionStore extends session.Store {
  constructor(private readonly idleMs: number) {
    super();
  }

  override get(sid: string, callback: (error: unknown, data?: session.SessionData | null) => void): void {
    // By `_id` alone (the one lookup FerretDB answers without scanning the collection); the expiry is
    // checked here, so an expired session reads as none, exactly as `expires: { $gt: now }` would.
    SessionModel.findById(sid)
      .lean()
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
