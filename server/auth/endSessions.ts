/** Ends sessions in the store and tells open sockets, for sign-out, sign-out everywhere and suspension. */
import { SessionModel } from '../models/Session.js';
import { announceSessionsEnded } from './sessionEvents.js';

/** Ends one session by id. */
export async function endSession(sessionId: string): Promise<void> {
  await SessionModel.deleteOne({ _id: sessionId });
  announceSessionsEnded({ sessionId });
}

/** Ends every session of a person; returns how many were stored. */
export async function endPersonSessions(personId: string): Promise<number> {
  const result = await SessionModel.deleteMany({ personId });
  announceSessionsEnded({ personId });
  return result.deletedCount;
}

/** Ends every session signed in through an identity provider (it was disabled); returns how many. */
export async function endProviderSessions(idpSlug: string): Promise<number> {
  const sessions = await SessionModel.find({ idp: idpSlug }, { _id: 1 }).lean();
  if (sessions.length === 0) return 0;
  await SessionModel.deleteMany({ _id: { $in: sessions.map((s) => s._id) } });
  for (const session of sessions) announceSessionsEnded({ sessionId: session._id });
  return sessions.length;
}
