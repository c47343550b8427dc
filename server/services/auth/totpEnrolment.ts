/**
 * TOTP enrolment for local accounts: start (a new secret, kept pending) and confirm with a first code
 * (the secret becomes active and ten recovery codes are shown once). A person who must use a second
 * factor and has none enrols right after the password step; confirming then completes the sign-in.
 */
import type { Request } from 'express';
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { RecoveryCodes, TotpEnrolment } from '../../../shared/schemas/auth.js';
import { recordAudit } from '../../audit/recordAudit.js';
import {
  checkTotp,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHash,
  totpUri,
} from '../../auth/local/totp.js';
import { clearAccountFailures } from '../../auth/local/loginThrottle.js';
import { beginSession } from '../../auth/sessions.js';
import { LocalCredentialModel } from '../../models/LocalCredential.js';
import { PersonModel } from '../../models/Person.js';
import { InvalidError, UnauthenticatedError } from '../../errors.js';
import { personActor } from '../../policy/personActor.js';
import { PENDING_SECOND_FACTOR_MS } from '../../policy/secondFactor.js';

/** Whose enrolment this is: the signed-in person, or the one waiting to enrol after their password. */
function enrollingPersonId(actor: Actor, req: Request): { personId: string; pending: boolean } {
  if (actor.kind === 'person') return { personId: actor.id, pending: false };
  const pending = req.session?.pendingSecondFactor;
  if (pending?.enrol && Date.now() - pending.at <= PENDING_SECOND_FACTOR_MS)
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
  await LocalCredentialModel.updateOne({ _id: credential._id }, { $set: { totpPendingSecret: secret } });
  return { secret, uri: totpUri(secret, credential.email) };
}

/** Confirms enrolment with a first code; returns the recovery codes (shown once). */
export async function confirmTotpEnrolment(
  actor: Actor,
  req: Request,
  code: string,
): Promise<z.infer<typeof RecoveryCodes>> {
  const { personId, pending } = enrollingPersonId(actor, req);
  const credential = await LocalCredentialModel.findOne({ personId }).lean();
  if (!credential?.totpPendingSecret) throw new InvalidError('Start the enrolment first.');
  const step = await checkTotp(credential.totpPendingSecret, code, 0);
  if (step === null) throw new InvalidError('The code is wrong.', [{ path: 'code', message: 'wrong code' }]);
  const recoveryCodes = newRecoveryCodes();
  await LocalCredentialModel.updateOne(
    { _id: credential._id, totpPendingSecret: credential.totpPendingSecret },
    {
      $set: {
        totpSecret: credential.totpPendingSecret,
        totpPendingSecret: null,
        totpLastTimeStep: step,
        recoveryCodeHashes: recoveryCodes.map(recoveryCodeHash),
      },
    },
  );
  const person = await PersonModel.findById(personId).lean();
  if (!person || person.status !== 'active') throw new UnauthenticatedError();
  const who = personActor(person);
  await recordAudit(who, 'auth.totp_enrolled', { type: 'Person', id: who.id });
  if (pending) {
    await clearAccountFailures(credential._id);
    await beginSession(req, { personId: who.id, method: 'local' });
    await recordAudit(
      who,
      'auth.signed_in',
      { type: 'Person', id: who.id },
      { method: 'local', secondFactor: 'totp_enrolment' },
    );
  }
  return { recoveryCodes };
}
