/**
 * The end of a local sign-in once a second factor (or a passkey) is accepted: the account's failures
 * are cleared and the session begins, unless the person's roles require a WebAuthn credential they
 * do not have yet: then the session stays pending and asks them to enrol one first.
 */
import type { Request } from 'express';
import type { Types } from 'mongoose';
import type { PersonActor } from '../../../shared/policy/actor.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { clearAccountFailures } from '../../auth/local/loginThrottle.js';
import { beginPendingSecondFactor, beginSession } from '../../auth/sessions.js';
import type { Config } from '../../config.js';
import { WebAuthnCredentialModel } from '../../models/WebAuthnCredential.js';
import { requiresWebAuthn } from '../../policy/secondFactor.js';

/** How the sign-in was completed, for the audit log. */
export type CompletedBy =
  'totp' | 'recovery_code' | 'webauthn' | 'passkey' | 'totp_enrolment' | 'webauthn_enrolment';

/** Signs the person in, or sends them on to enrol a WebAuthn credential; returns the step reached. */
export async function completeSecondFactor(
  config: Config,
  req: Request,
  who: PersonActor,
  credentialId: Types.ObjectId,
  by: CompletedBy,
  roles: readonly string[],
): Promise<{ status: 'signed_in' | 'webauthn_enrolment_required' }> {
  const ip = req.ip ?? 'unknown';
  if (requiresWebAuthn(roles, config.requireWebAuthnRoles)) {
    const keys = await WebAuthnCredentialModel.countDocuments({ personId: who.id });
    if (keys === 0) {
      await beginPendingSecondFactor(req, who.id, true, 'webauthn');
      await recordAudit(who, 'auth.second_factor_accepted', { type: 'Person', id: who.id }, { by, ip });
      return { status: 'webauthn_enrolment_required' };
    }
  }
  await clearAccountFailures(credentialId);
  await beginSession(req, { personId: who.id, method: 'local' });
  await recordAudit(
    who,
    'auth.signed_in',
    { type: 'Person', id: who.id },
    { method: 'local', secondFactor: by, ip },
  );
  return { status: 'signed_in' };
}
