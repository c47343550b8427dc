/** Which of the open sockets' sessions are still alive (not expired, not past the absolute limit). */
import type { Config } from '../config.js';
import { SessionModel } from '../models/Session.js';
import { pastAbsoluteLimit } from './sessions.js';

/** The ids among `sessionIds` whose sessions are still valid now. */
export async function liveSessionIds(sessionIds: string[], config: Config): Promise<Set<string>> {
  const alive = await SessionModel.find(
    { _id: { $in: sessionIds }, expires: { $gt: new Date() } },
    { _id: 1, data: 1 },
  ).lean();
  return new Set(
    alive
      .filter((s) => !pastAbsoluteLimit((JSON.parse(s.data) as { signedInAt?: number }).signedInAt, config))
      .map((s) => s._id),
  );
}
