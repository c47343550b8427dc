/**
 * Local sign-in, step 1: e-mail and password. Never reveals whether the e-mail exists: unknown
 * e-mail, wrong password, locked or inactive account all get the same answer (the audit log keeps
 * the real reason). A person who must (or chose to) use a second factor gets a pending session.
 */
import type { Request } from 'express';
import type { z } from 'zod';
import { ANONYMOUS } from '../../../shared/policy/actor.js';
import type { LoginPassword, LoginResult } from '../../../shared/schemas/auth.js';
import { recordAudit } from '../../audit/recordAudit.js';
import type { AuthContext } from '../../auth/authContext.js';
import { clearAccountFailures, isLocked, recordAccountFailure } from '../../auth/local/loginThrottle.js';
import { verifyPassword } from '../../auth/local/passwords.js';
import { beginPendingSecondFactor, beginSession } from '../../auth/sessions.js';
import { LocalCredentialModel } from '../../models/LocalCredential.js';
import { PersonModel } from '../../models/Person.js';
import { UnauthenticatedError } from '../../errors.js';
import { personActor } from '../../policy/personActor.js';
import { requiresSecondFactor, requiresWebAuthn } from '../../policy/secondFactor.js';
import { WebAuthnCredentialModel } from '../../models/WebAuthnCredential.js';

/** The one answer to every failed sign-in. */
export const SIGN_IN_FAILED =
  'The e-mail address or password is wrong, or the account is locked for a while.';

/** Checks the password and signs in, or asks for the second factor. */
export async function loginWithPassword(
  ctx: AuthContext,
  req: Request,
  input: z.infer<typeof LoginPassword>,
): Promise<z.infer<typeof LoginResult>> {
  const ip = req.ip ?? 'unknown';
  await ctx.ipThrottle.check(ip);
  const credential = await LocalCredentialModel.findOne({ email: input.email }).lean();
  const passwordOk = await verifyPassword(credential?.passwordHash, input.password);
  const person = credential ? await PersonModel.findById(credential.personId).lean() : null;
  let reason: string | null = null;
  if (!credential || !person) reason = 'unknown e-mail';
  else if (isLocked(credential.lockedUntil)) reason = 'account locked';
  else if (!passwordOk) reason = credential.passwordHash ? 'wrong password' : 'no password set';
  else if (person.status !== 'active') reason = `account ${person.status}`;
  if (reason || !credential || !person) {
    await ctx.ipThrottle.fail(ip);
    if (credential && reason === 'wrong password') await recordAccountFailure(credential._id);
    await recordAudit(
      person ? personActor(person) : ANONYMOUS,
      'auth.sign_in_failed',
      person ? { type: 'Person', id: String(person._id) } : null,
      { method: 'local', reason, ip },
    );
    throw new UnauthenticatedError(SIGN_IN_FAILED);
  }
  const actor = personActor(person);
  const keys = await WebAuthnCredentialModel.countDocuments({ personId: person._id });
  const factors = [
    ...(credential.totpSecret ? ['totp' as const] : []),
    ...(keys > 0 ? ['webauthn' as const] : []),
  ];
  const webauthnRequired = requiresWebAuthn(person.roles, ctx.config.requireWebAuthnRoles);
  if (factors.length > 0 || requiresSecondFactor(person.roles) || webauthnRequired) {
    const enrol = factors.length === 0;
    await beginPendingSecondFactor(req, actor.id, enrol, webauthnRequired ? 'webauthn' : 'any');
    await recordAudit(actor, 'auth.password_accepted', { type: 'Person', id: actor.id }, { ip });
    if (!enrol) return { status: 'second_factor_required', factors };
    return { status: webauthnRequired ? 'webauthn_enrolment_required' : 'second_factor_enrolment_required' };
  }
  await clearAccountFailures(credential._id);
  await beginSession(req, { personId: actor.id, method: 'local' });
  await recordAudit(actor, 'auth.signed_in', { type: 'Person', id: actor.id }, { method: 'local', ip });
  return { status: 'signed_in' };
}
