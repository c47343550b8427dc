/**
 * The fresh proof asked before the account's factors change (a key added or removed, recovery codes
 * replaced): a sign-in within the last minutes, in a browser session (not an API token).
 */
import type { Request } from 'express';
import { ForbiddenError } from '../../../errors.js';
import { signInIsRecent } from '../../../policy/secondFactor.js';

/** Refuses (403 `recent_sign_in_required`) unless this browser signed in within RECENT_SIGN_IN_MS. */
export function requireRecentSignIn(req: Request): void {
  if (req.headers.authorization === undefined && signInIsRecent(req.session?.signedInAt)) return;
  throw new ForbiddenError('Sign out and in again, then change your security keys within 15 minutes.', {
    reason: 'recent_sign_in_required',
  });
}
