/**
 * Which open sockets' sessions have ended by time: idle (the stored expiry passed) or absolute (too
 * long since sign-in). Sessions ended by sign-out, suspension or a provider's logout are announced
 * and their sockets closed at once (realtime.ts); this check is for time, so it does not read every
 * open session at every interval (with thousands of sockets that was the heaviest steady read, an
 * `$in` of every id, which FerretDB answers by comparing each stored session with each id). A
 * session is read when it is new to this node or a socket of it has just connected, when its stored
 * expiry falls within two intervals (a request elsewhere may have moved it; a check may run late),
 * and at every {@link FULL_CHECK_EVERY}th check, which also catches a session removed without being
 * announced. After a failed check or a lost Redis link (when another node's disconnects may not have
 * arrived) the next check reads them all. The absolute limit is decided from what was last read,
 * even when the read fails.
 */
import type { Config } from '../config.js';
import { pastAbsoluteLimit } from '../auth/sessions.js';
import { readLiveSessions, type LiveSession } from '../auth/liveSessions.js';

/** Every this many checks, every open session is read again. */
export const FULL_CHECK_EVERY = 6;

/** Reads the live sessions among some ids (the store's read; a test may observe it). */
export type LiveSessionReader = (sessionIds: string[]) => Promise<Map<string, LiveSession>>;

/** The check of a node's open sessions. */
export interface SessionWatch {
  /**
   * Run every interval with the ids of the node's open sessions (one at a time); answers those that
   * have ended, and the read's error if it failed (those past their absolute limit still end).
   */
  check(openSessionIds: string[]): Promise<{ ended: string[]; error?: unknown }>;
  /** A socket of this session has just connected: read it at the next check. */
  recheck(sessionId: string): void;
  /** Read every open session at the next check. */
  recheckAll(): void;
}

/** The check of a node's open sessions, run every `intervalMs`. */
export function sessionWatch(
  config: Config,
  intervalMs: number,
  read: LiveSessionReader = readLiveSessions,
): SessionWatch {
  const known = new Map<string, LiveSession>();
  let checks = 0;
  let readAllNext = false;
  const pastLimit = (ended: string[]) => {
    for (const [id, session] of known)
      if (pastAbsoluteLimit(session.signedInAt, config, Date.now())) {
        known.delete(id);
        ended.push(id);
      }
  };
  return {
    recheck: (sessionId) => {
      known.delete(sessionId);
    },
    recheckAll: () => {
      readAllNext = true;
    },
    async check(openSessionIds) {
      checks += 1;
      const now = Date.now();
      const open = new Set(openSessionIds);
      for (const id of known.keys()) if (!open.has(id)) known.delete(id);
      const full = readAllNext || checks % FULL_CHECK_EVERY === 0;
      readAllNext = false;
      const due = openSessionIds.filter((id) => {
        const session = known.get(id);
        return full || !session || session.expiresAt <= now + 2 * intervalMs;
      });
      const ended: string[] = [];
      let error: unknown;
      if (due.length > 0) {
        try {
          const alive = await read(due);
          for (const id of due) {
            const session = alive.get(id);
            if (session) known.set(id, session);
            else {
              known.delete(id);
              ended.push(id);
            }
          }
        } catch (failure) {
          readAllNext = true;
          error = failure;
        }
      }
      pastLimit(ended);
      return error === undefined ? { ended } : { ended, error };
    },
  };
}
