/**
 * How a client asks again for a `room:join` whose answer was lost (a busy node after a restart): a
 * few more times, later each time, spread at random so a storm of clients does not come back in step.
 * The web client (client/src/pages/rooms/useRoom.ts) and the reconnect-storm bench use it.
 */

/**
 * How long a client waits for a join's answer before asking again. The server sheds a join nobody
 * has asked for within this time (server/sockets/joinsInFlight.ts).
 */
export const JOIN_ANSWER_TIMEOUT_MS = 10_000;

/** A join whose answer is lost is asked again this many times; then the next connect joins again. */
export const JOIN_RETRIES = 5;

/** The wait before retry `attempt` (0, 1...): doubling from 1 s up to 16 s, times 0.5 to 1 at random. */
export function joinRetryDelayMs(attempt: number, random = Math.random()): number {
  return Math.min(16_000, 1_000 * 2 ** attempt) * (0.5 + random / 2);
}
