/** Waiting in tests for things that happen asynchronously (socket events, other processes). */

/** Waits until `check` holds (polling every 10 ms), or fails after `ms` naming `what`. */
export async function until(check: () => boolean, ms = 3000, what = 'the condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Lets in-flight events arrive (for asserting that something did NOT arrive). */
export function settle(ms = 250): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
