/**
 * WebAuthn challenges kept in the session: one at a time, for one purpose (and one person when
 * known), answered within WEBAUTHN_CHALLENGE_MS, and taken out of the session (saved) before the
 * answer is checked, so a challenge is used at most once.
 */
import type { Request } from 'express';
import { WEBAUTHN_CHALLENGE_MS } from '../../policy/secondFactor.js';

/** What a challenge was issued for. */
export type ChallengePurpose = 'register' | 'second_factor' | 'passkey';

function saveSession(req: Request): Promise<void> {
  return new Promise<void>((resolve, reject) =>
    req.session.save((e: unknown) => (e ? reject(e) : resolve())),
  );
}

/** Keeps a fresh challenge in the session (replacing any earlier one). */
export async function keepChallenge(
  req: Request,
  purpose: ChallengePurpose,
  challenge: string,
  personId: string | null,
): Promise<void> {
  req.session.webauthnChallenge = { challenge, purpose, personId, at: Date.now() };
  await saveSession(req);
}

/**
 * Takes the session's challenge for `purpose` (and `personId` when given): it is removed whatever
 * happens next. Null when there is none, it is for something else, or it has expired.
 */
export async function takeChallenge(
  req: Request,
  purpose: ChallengePurpose,
  personId: string | null,
  now = Date.now(),
): Promise<string | null> {
  const kept = req.session?.webauthnChallenge;
  if (!kept) return null;
  delete req.session.webauthnChallenge;
  await saveSession(req);
  if (kept.purpose !== purpose || kept.personId !== personId) return null;
  if (now - kept.at > WEBAUTHN_CHALLENGE_MS) return null;
  return kept.challenge;
}
