/**
 * One `room:join` at a time per socket, room and last seen message. A client whose answer was late
 * asks again (shared/joinRetry.ts); the ask joins the answer already being worked out instead of
 * starting the same work again, so retries add no load to a node that is already behind. Work that
 * nobody has asked for within the client's time-out is shed before its costly steps: whoever asked
 * has given up, and will ask again.
 */
import { JOIN_ANSWER_TIMEOUT_MS } from '../../shared/joinRetry.js';
import type { RealtimeSocket } from './types.js';

interface InFlight {
  answer: Promise<unknown>;
  lastAskedAt: number;
}

const inFlight = new WeakMap<RealtimeSocket, Map<string, InFlight>>();

/** Whether someone still waits for the answer: false once the last ask is older than the client's time-out. */
export type StillWanted = () => boolean;

/**
 * The answer to the socket's join `key`: the one being worked out when there is one (the ask
 * renews it), else `work`'s, which may end early when {@link StillWanted} says no one has asked
 * within `timeoutMs` (the client's time-out).
 */
export function shareJoin<T>(
  socket: RealtimeSocket,
  key: string,
  work: (stillWanted: StillWanted) => Promise<T>,
  timeoutMs = JOIN_ANSWER_TIMEOUT_MS,
): Promise<T> {
  let joins = inFlight.get(socket);
  const running = joins?.get(key);
  if (running) {
    running.lastAskedAt = Date.now();
    return running.answer as Promise<T>;
  }
  if (!joins) {
    joins = new Map();
    inFlight.set(socket, joins);
  }
  const entry: InFlight = { answer: Promise.resolve(), lastAskedAt: Date.now() };
  const stillWanted = () => Date.now() - entry.lastAskedAt < timeoutMs;
  const answer = Promise.resolve()
    .then(() => work(stillWanted))
    .finally(() => {
      const current = inFlight.get(socket);
      if (current?.get(key) === entry) current.delete(key);
      if (current?.size === 0) inFlight.delete(socket);
    });
  entry.answer = answer;
  joins.set(key, entry);
  return answer;
}

/**
 * Forgets the socket's joins in flight for a room it leaves: a later ask for the room is worked out
 * afresh, never answered with a join the leave undid.
 */
export function forgetJoins(socket: RealtimeSocket, roomId: string): void {
  const joins = inFlight.get(socket);
  if (!joins) return;
  for (const key of [...joins.keys()]) if (key.startsWith(`${roomId}:`)) joins.delete(key);
  if (joins.size === 0) inFlight.delete(socket);
}
