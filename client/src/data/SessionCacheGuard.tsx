/**
 * Empties the cache when the signed-in person changes (sign-in, sign-out, session ended elsewhere), so
 * nothing read for one person is ever shown to the next.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useSession } from '../auth/session.js';

/** Renders nothing; watches who is signed in. */
export function SessionCacheGuard() {
  const { session } = useSession();
  const queryClient = useQueryClient();
  const who =
    session.status === 'signedIn' ? session.me.person.id : session.status === 'signedOut' ? '' : null;
  const previous = useRef<string | null>(null);
  useEffect(() => {
    if (who === null) return; // still loading, or an error: keep what we have
    if (previous.current !== null && previous.current !== who) void queryClient.resetQueries();
    previous.current = who;
  }, [who, queryClient]);
  return null;
}
