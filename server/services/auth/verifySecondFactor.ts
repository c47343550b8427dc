/**
 * Local sign-in, step 2: a TOTP code (each time step accepted once) or a single-use recovery code
 * (available with any second factor, TOTP or WebAuthn). Wrong codes count towards the account's
 * lock-out and the address's failure budget. A clear TOTP secret from before sealing is sealed here.
 */
import type { Request } from 'express';
import type { z } from 'zod';
import type { LoginSecondFactor, LoginResult } from '../../../shared/schemas/auth.js';
import { recordAudit } from '../../audit/recordAudit.js';
import type { AuthContext } from '../../auth/authContext.js';
import { isLocked, recordAccountFailure } from '../../auth/local/loginThrottle.js';
import { checkTotp, recoveryCodeHash } from '../../auth/local/totp.js';
import { openTotpSecret, resealIfClear } from '../../auth/local/totpSecrets.js';
import { LocalCredentialModel } from '../../models/LocalCredential.js';
import { PersonModel } from '../../models/Person.js';
import { UnauthenticatedError } from '../../errors.js';
import { personActor } from '../../policy/personActor.js';
import { PENDING_SECOND_FACTOR_MS } from '../../policy/secondFactor.js';
import { completeSecondFactor } from './completeSecondFactor.js';

/** Checks the code and completes the sign-in. */
export async function verifySecondFactor(
  ctx: AuthContext,
  req: Request,
  input: z.infer<typeof LoginSecondFactor>,
): Promise<z.infer<typeof LoginResult>> {
  const ip = req.ip ?? 'unknown';
  await ctx.ipThrottle.check(ip);
  const pending = req.session?.pendingSecondFactor;
  if (!pending || pending.enrol || Date.now() - pending.at > PENDING_SECOND_FACTOR_MS)
    throw new UnauthenticatedError('Sign in with your password first.');
  const credential = await LocalCredentialModel.findOne({ personId: pending.personId }).lean();
  const person = await PersonModel.findById(pending.personId).lean();
  if (!credential || !person || person.status !== 'active')
    throw new UnauthenticatedError('Sign in with your password first.');
  const totpSecret = openTotpSecret(credential.totpSecret, credential._id);
  await resealIfClear(credential);
  const actor = personActor(person);
  let accepted = false;
  if (!isLocked(credential.lockedUntil)) {
    if (input.code && totpSecret) {
      const step = await checkTotp(totpSecret, input.code, credential.totpLastTimeStep);
      if (step !== null) {
        const saved = await LocalCredentialModel.updateOne(
          { _id: credential._id, totpLastTimeStep: { $lt: step } },
          { $set: { totpLastTimeStep: step } },
        );
        accepted = saved.modifiedCount === 1;
      }
    } else if (input.recoveryCode) {
      const hash = recoveryCodeHash(input.recoveryCode);
      const used = await LocalCredentialModel.updateOne(
        { _id: credential._id, recoveryCodeHashes: hash },
        { $pull: { recoveryCodeHashes: hash } },
      );
      accepted = used.modifiedCount === 1;
    }
  }
  const factor = input.code ? 'totp' : 'recovery_code';
  if (!accepted) {
    await ctx.ipThrottle.fail(ip);
    await recordAccountFailure(credential._id);
    await recordAudit(
      actor,
      'auth.sign_in_failed',
      { type: 'Person', id: actor.id },
      {
        method: 'local',
        reason: isLocked(credential.lockedUntil) ? 'account locked' : `wrong ${factor}`,
        ip,
      },
    );
    throw new UnauthenticatedError('The code is wrong, or the account is locked for a while.');
  }
  if (factor === 'recovery_code')
    await recordAudit(
      actor,
      'auth.recovery_code_used',
      { type: 'Person', id: actor.id },
      {
        ip,
        left: credential.recoveryCodeHashes.length - 1,
      },
    );
  return completeSecondFactor(ctx.config, req, actor, credential._id, factor, person.roles);
}
