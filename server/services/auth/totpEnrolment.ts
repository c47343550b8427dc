/**
 * TOTP enrolment for local accounts: start (a new secret, kept pending) and confirm with a first code
 * (the secret becomes active and ten recovery codes are shown once). A person who must use a second
 * factor and has none enrols right after the password step; confirming then completes the sign-in.
 */
import type { Request } from 'express';
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { RecoveryCodes, TotpEnrolment } from '../../../shared/schemas/auth.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import type { AuthContext } from '../../auth/authContext.js';
import {
  checkTotp,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHash,
  totpUri,
} from '../../auth/local/totp.js';
import { sealTotpSecret, openTotpSecret } from '../../auth/local/totpSecrets.js';
import { LocalCredentialModel } from '../../models/LocalCredential.js';
import { PersonModel } from '../../models/Person.js';
import { InvalidError, UnauthenticatedError } from '../../errors.js';
import { personActor } from '../../policy/personActor.js';
import { PENDING_SECOND_FACTOR_MS } from '../../policy/secondFactor.js';
import { completeSecondFactor } from './completeSecondFactor.js';

/** Whose enrolment this is: the signed-in person, or the one waiting to enrol after their password. */
function enrollingPersonId(actor: Actor, req: Request): { personId: string; pending: boolean } {
  if (actor.kind === 'person') return { personId: actor.id, pending: false };
  const pending = req.session?.pendingSecondFactor;
  // A person who must enrol a WebAuthn credential cannot satisfy that with an authenticator app.
  if (
    pending?.enrol &&
    pending.enrolKind !== 'webauthn' &&
    Date.now() - pending.at <= PENDING_SECOND_FACTOR_MS
  )
    return { personId: pending.personId, pending: true };
  throw new UnauthenticatedError();
}

/** Starts enrolment: returns the secret and the otpauth URI. */
export async function startTotpEnrolment(actor: Actor, req: Request): Promise<z.infer<typeof TotpEnrolment>> {
  const { personId, pending } = enrollingPersonId(actor, req);
  const credential = await LocalCredentialModel.findOne({ personId }).lean();
  if (!credential?.passwordHash) throw new InvalidError('Only local accounts use an authenticator app here.');
  if (pending && credential.totpSecret) throw new UnauthenticatedError('Sign in with your code instead.');
  const secret = newTotpSecret();
  await LocalCredentialModel.updateOne(
    { _id: credential._id },
    { $set: { totpPendingSecret: sealTotpSecret(secret, credential._id) } },
  );
  return { secret, uri: totpUri(secret, credential.email) };
}

/** Confirms enrolment with a first code; returns the recovery codes (shown once). */
export async function confirmTotpEnrolment(
  ctx: AuthContext,
  actor: Actor,
  req: Request,
  code: string,
): Promise<z.infer<typeof RecoveryCodes>> {
  const { personId, pending } = enrollingPersonId(actor, req);
  const credential = await LocalCredentialModel.findOne({ personId }).lean();
  if (!credential?.totpPendingSecret) throw new InvalidError('Start the enrolment first.');
  const pendingSecret = openTotpSecret(credential.totpPendingSecret, credential._id) ?? '';
  const step = await checkTotp(pendingSecret, code, 0);
  if (step === null) throw new InvalidError('The code is wrong.', [{ path: 'code', message: 'wrong code' }]);
  // Recovery codes are issued with the first second factor; a later one keeps those already issued.
  const recoveryCodes = credential.recoveryCodeHashes.length === 0 ? newRecoveryCodes() : null;
  const person = await PersonModel.findById(personId).lean();
  if (!person || person.status !== 'active') throw new UnauthenticatedError();
  const who = personActor(person);
  // The secret becomes active with its entry (server/audit/auditOutbox.ts).
  const enrolled = await LocalCredentialModel.updateOne(
    { _id: credential._id, totpPendingSecret: credential.totpPendingSecret },
    {
      $set: {
        totpSecret: sealTotpSecret(pendingSecret, credential._id),
        totpPendingSecret: null,
        totpLastTimeStep: step,
        ...(recoveryCodes ? { recoveryCodeHashes: recoveryCodes.map(recoveryCodeHash) } : {}),
      },
      ...auditOutboxPush(auditOutboxItem(who, 'auth.totp_enrolled', { type: 'Person', id: who.id })),
    },
  );
  if (enrolled.matchedCount > 0) await flushAuditOutbox(LocalCredentialModel as never, credential._id);
  if (pending)
    await completeSecondFactor(ctx.config, req, who, credential._id, 'totp_enrolment', person.roles);
  return { recoveryCodes: recoveryCodes ?? [] };
}
