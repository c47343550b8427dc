/**
 * Which open sockets' sessions have ended by time: idle (the stored expiry passed) or absolute (too
 * long since sign-in). Sessions ended by sign-out, suspension or a provider's logout are announced
 * and their sockets closed at once (realtime.ts); this check is for time, so it does not read every
 * open session at every interval (with thousands of sockets that was the heaviest steady read, an
 * `$in` of every id, which FerretDB answers by comparing each stored session with each id). A
 * session is read when it is new to this node, when its stored expiry falls before the next check
 * (a request elsewhere may have moved it), and at every {@link FULL_CHECK_EVERY}th check, which also
 * catches a session removed without being announced. The absolute limit is decided from what was read.
 */
import type { Config } from '../config.js';
import { pastAbsoluteLimit } from '../auth/sessions.js';
import { readLiveSessions, type LiveSession } from '../auth/liveSessions.js';

/** Every this many checks, every open session is read again. */
export const FULL_CHECK_EVERY = 6;

/** Reads the live sessions among some ids (the store's read; a test may observe it). */
export type LiveSessionReader = (sessionIds: string[]) => Promise<Map<string, LiveSession>>;

/**
 * A check to run every `intervalMs` with the ids of the node's open sessions; it answers those that
 * have ended. One check at a time (the caller waits for one before the next).
 */
export function sessionWatch(
  config: Config,
  intervalMs: number,
  read: LiveSessionReader = readLiveSessions,
): (openSessionIds: string[]) => Promise<string[]> {
  const known = new Map<string, LiveSession>();
  let checks = 0;
  return async (openSessionIds) => {
    checks += 1;
    const now = Date.now();
    const open = new Set(openSessionIds);
    for (const id of known.keys()) if (!open.has(id)) known.delete(id);
    const full = checks % FULL_CHECK_EVERY === 0;
    const due = openSessionIds.filter((id) => {
      const session = known.get(id);
      return full || !session || session.expiresAt <= now + intervalMs;
    });
    const ended: string[] = [];
    if (due.length > 0) {
      const alive = await read(due);
      for (const id of due) {
        const session = alive.get(id);
        if (session) known.set(id, session);
        else {
          known.delete(id);
          ended.push(id);
        }
      }
    }
    for (const [id, session] of known)
      if (pastAbsoluteLimit(session.signedInAt, config, Date.now())) {
        known.delete(id);
        ended.push(id);
      }
    return ended;
  };
}
