/**
 * Cancels every read of the cache, those under way and those that start, until stopped: while the tab
 * signs out, nothing may be read with the cookie of the session being ended (see auth/quietSignOut.ts).
 * A cancelled read goes back to what it had (no error is shown); nothing of it reaches the page.
 */
import type { QueryClient } from '@tanstack/react-query';

/** Cancels the reads under way and every read that starts from now on; call the result to stop. */
export async function cancelEveryRead(queryClient: QueryClient): Promise<() => void> {
  const stop = queryClient.getQueryCache().subscribe((event) => {
    // The fetch is announced before its request is made: cancel it once it has started.
    if (event.type === 'updated' && event.action.type === 'fetch') {
      queueMicrotask(() => void event.query.cancel());
    }
  });
  await queryClient.cancelQueries();
  return stop;
}
