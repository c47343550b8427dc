/**
 * A tiny signal from the real-time layer (loaded on demand) to the session (in the main bundle): "the
 * server may have ended this session, read it again". A window event, so the main bundle needs no
 * import of the socket client.
 */

const SESSION_CHECK = 'concordia:session-check';

/** Asks the session provider to read GET /me again (the socket was ended or refused by the server). */
export function requestSessionCheck(): void {
  window.dispatchEvent(new Event(SESSION_CHECK));
}

/** Calls `listener` on every {@link requestSessionCheck}; returns the unsubscribe function. */
export function onSessionCheck(listener: () => void): () => void {
  window.addEventListener(SESSION_CHECK, listener);
  return () => window.removeEventListener(SESSION_CHECK, listener);
}
