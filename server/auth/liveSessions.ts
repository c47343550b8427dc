/** What the store says of the open sockets' sessions: which are still alive, until when, since when. */
import { SessionModel } from '../models/Session.js';

/** A live session as stored: its expiry (ms) and when its person signed in. */
export interface LiveSession {
  expiresAt: number;
  signedInAt: number | undefined;
}

/** The sessions among `sessionIds` still stored and not expired now, by id. */
export async function readLiveSessions(sessionIds: string[]): Promise<Map<string, LiveSession>> {
  const alive = await SessionModel.find(
    { _id: { $in: sessionIds }, expires: { $gt: new Date() } },
    { _id: 1, expires: 1, data: 1 },
  ).lean();
  // A session whose data cannot be read is no live session (the HTTP side could not use it either).
  return new Map(
    alive.flatMap((s): [string, LiveSession][] => {
      try {
        const { signedInAt } = JSON.parse(s.data) as { signedInAt?: number };
        return [[s._id, { expiresAt: s.expires.getTime(), signedInAt }]];
      } catch {
        return [];
      }
    }),
  );
}
