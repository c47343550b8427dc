/**
 * Sends a sign-out once nothing else of this tab can carry the session's cookie past it. The server ends
 * the session (and its sockets) before its answer, which clears the cookie, reaches the browser; in
 * between, a read it answers after the sign-out is refused (401), an answer to a read it took before
 * would put the ended session's cookie back (the session is rolling, every answer renews the cookie),
 * and a socket connecting again would make the page read again with that cookie. So the socket is
 * stopped and the reads under way, and those that start before the answer, are cancelled; a sign-out that fails lets the socket connect
 * again and reads again what was cancelled.
 */
import type { QueryClient } from '@tanstack/react-query';
import { cancelEveryRead } from '../data/cancelEveryRead.js';
import { announceSignOut } from './sessionSignals.js';

/** Stops the socket and cancels the cache's reads (until answered), then runs `send` (the sign-out). */
export async function signOutQuietly<T>(queryClient: QueryClient, send: () => Promise<T>): Promise<T> {
  announceSignOut('started');
  const stopCancelling = await cancelEveryRead(queryClient);
  let result: T;
  try {
    result = await send();
  } catch (error) {
    // Still signed in: the socket connects again and the cancelled reads are read again.
    stopCancelling();
    announceSignOut('failed');
    void queryClient.invalidateQueries();
    throw error;
  }
  stopCancelling();
  announceSignOut('ended');
  return result;
}
