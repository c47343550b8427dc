/**
 * Who is signed in, shared by the header and the pages: GET /api/v1/me on load (401 means signed
 * out), `refresh()` after a sign-in, and sign-out (this session, or every session of the person).
 * When the real-time layer says the server ended the socket (auth/sessionSignals.ts), /me is read
 * again: a session ended elsewhere (sign-out in another tab) shows as signed out, with a notice.
 */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, use, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError, apiGet } from '../api.js';
import { asApiError } from '../hooks/useApiGet.js';
import { navigate } from '../router.js';
import type { MeView } from '../types.js';
import { postWithCsrf, rememberCsrfToken } from './csrf.js';
import { signOutQuietly } from './quietSignOut.js';
import { onSessionCheck } from './sessionSignals.js';

/** The session as the client knows it. */
export type SessionState =
  | { status: 'loading' }
  | { status: 'signedOut' }
  | { status: 'signedIn'; me: MeView }
  | { status: 'error'; error: ApiError };

/** The session and what can be done with it. */
export interface SessionValue {
  session: SessionState;
  /** Reads /me again (after a sign-in); resolves once the new state is set. */
  refresh: () => Promise<void>;
  /** Signs out of this session; follows the identity provider's logout URL when it has one. */
  signOut: () => Promise<void>;
  /** Ends every session of the signed-in person; resolves with how many ended. */
  signOutEverywhere: () => Promise<number>;
  /** True once a signed-in session was found ended without signing out here (until the next sign-in). */
  endedElsewhere: boolean;
  /** Forgets {@link endedElsewhere} (the notice was dismissed). */
  dismissEnded: () => void;
}

const SessionContext = createContext<SessionValue | null>(null);

async function readSession(): Promise<SessionState> {
  try {
    const me = await apiGet<MeView>('/me');
    rememberCsrfToken(me.csrfToken);
    return { status: 'signedIn', me };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      return { status: 'signedOut' };
    }
    return { status: 'error', error: asApiError(error) };
  }
}

/** Provides the session to everything below it. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<SessionState>({ status: 'loading' });
  const [endedElsewhere, setEndedElsewhere] = useState(false);
  const current = useRef(session);
  current.current = session;
  // While this tab signs out, its own socket is ended too: that is no news to show.
  const signingOut = useRef(false);

  useEffect(() => {
    let live = true;
    void readSession().then((state) => {
      if (live) setSession(state);
    });
    return () => {
      live = false;
    };
  }, []);

  // The server ended a socket of this tab: read the session again. Only a definite "signed out"
  // changes the state (a network failure or server error keeps what we know).
  useEffect(() => {
    let live = true;
    const off = onSessionCheck(() => {
      if (signingOut.current || current.current.status !== 'signedIn') return;
      void readSession().then((state) => {
        if (!live || signingOut.current || current.current.status !== 'signedIn') return;
        if (state.status === 'signedOut') {
          rememberCsrfToken(null);
          setEndedElsewhere(true);
          setSession(state);
        } else if (state.status === 'signedIn') setSession(state);
      });
    });
    return () => {
      live = false;
      off();
    };
  }, []);

  const refresh = useCallback(async () => {
    rememberCsrfToken(null); // the server renews the session (and its token) at sign-in
    const state = await readSession();
    if (state.status === 'signedIn') setEndedElsewhere(false);
    setSession(state);
  }, []);

  // Signed out here: known at once (a session check arriving before the next render is no news).
  const endHere = useCallback(() => {
    rememberCsrfToken(null);
    current.current = { status: 'signedOut' };
    setSession(current.current);
  }, []);

  const signOut = useCallback(async () => {
    signingOut.current = true;
    try {
      const result = await signOutQuietly(queryClient, () =>
        postWithCsrf<{ ok: true; logoutUrl: string | null }>('/auth/logout'),
      );
      endHere();
      if (result.logoutUrl) window.location.assign(result.logoutUrl);
      else navigate('/');
    } finally {
      signingOut.current = false;
    }
  }, [queryClient, endHere]);

  const signOutEverywhere = useCallback(async () => {
    signingOut.current = true;
    try {
      const result = await signOutQuietly(queryClient, () =>
        postWithCsrf<{ ended: number }>('/auth/logout-everywhere'),
      );
      endHere();
      return result.ended;
    } finally {
      signingOut.current = false;
    }
  }, [queryClient, endHere]);

  const dismissEnded = useCallback(() => setEndedElsewhere(false), []);

  const value = useMemo(
    () => ({ session, refresh, signOut, signOutEverywhere, endedElsewhere, dismissEnded }),
    [session, refresh, signOut, signOutEverywhere, endedElsewhere, dismissEnded],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

/** The session; only inside {@link SessionProvider}. */
export function useSession(): SessionValue {
  const value = use(SessionContext);
  if (!value) throw new Error('useSession() is used outside <SessionProvider>');
  return value;
}

/** A same-site path to come back to after signing in: `/...` but not `//host` nor the sign-in pages. */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (/^\/(sign-in|accept-invitation|reset-password|forgot-password)(\/|\?|$)/.test(value)) return '/';
  return value;
}
