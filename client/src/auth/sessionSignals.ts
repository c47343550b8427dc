/**
 * Tiny signals between the session (in the main bundle) and the real-time layer (loaded on demand),
 * as window events so the main bundle needs no import of the socket client:
 * - "the server may have ended this session, read it again" (real-time layer to session);
 * - "this tab is signing out" and how it went (session to real-time layer), so the socket stops before
 *   the sign-out is sent and cannot connect again, nor make the page read anything, with the cookie of
 *   the session being ended.
 */

const SESSION_CHECK = 'concordia:session-check';
const SIGN_OUT = 'concordia:sign-out';

/** Where this tab's own sign-out is: sent, answered (the session ended), or failed (still signed in). */
export type SignOutPhase = 'started' | 'ended' | 'failed';

/** Asks the session provider to read GET /me again (the socket was ended or refused by the server). */
export function requestSessionCheck(): void {
  window.dispatchEvent(new Event(SESSION_CHECK));
}

/** Calls `listener` on every {@link requestSessionCheck}; returns the unsubscribe function. */
export function onSessionCheck(listener: () => void): () => void {
  window.addEventListener(SESSION_CHECK, listener);
  return () => window.removeEventListener(SESSION_CHECK, listener);
}

/** Tells the real-time layer where this tab's sign-out is. */
export function announceSignOut(phase: SignOutPhase): void {
  window.dispatchEvent(new CustomEvent<SignOutPhase>(SIGN_OUT, { detail: phase }));
}

/** Calls `listener` with each {@link announceSignOut}; returns the unsubscribe function. */
export function onSignOut(listener: (phase: SignOutPhase) => void): () => void {
  const handle = (event: Event) => listener((event as CustomEvent<SignOutPhase>).detail);
  window.addEventListener(SIGN_OUT, handle);
  return () => window.removeEventListener(SIGN_OUT, handle);
}
