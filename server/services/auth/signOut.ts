/** Sign-out and sign-out everywhere; both disconnect the sessions' sockets and are audited. */
import type { Request } from 'express';
import type { Actor } from '../../../shared/policy/actor.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { endPersonSessions } from '../../auth/endSessions.js';
import { destroySession } from '../../auth/sessions.js';
import { UnauthenticatedError } from '../errors.js';

/** Ends the request's session. Signing out without a session is harmless. */
export async function signOut(actor: Actor, req: Request): Promise<void> {
  if (!req.session?.personId) return;
  await destroySession(req);
  await recordAudit(
    actor,
    'auth.signed_out',
    actor.kind === 'person' ? { type: 'Person', id: actor.id } : null,
  );
}

/** Ends every session of the signed-in person, on every device; returns how many ended. */
export async function signOutEverywhere(actor: Actor, req: Request): Promise<number> {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const own = req.session?.personId ? 1 : 0;
  if (own) await destroySession(req);
  const ended = own + (await endPersonSessions(actor.id));
  await recordAudit(
    actor,
    'auth.signed_out_everywhere',
    { type: 'Person', id: actor.id },
    { sessions: ended },
  );
  return ended;
}
