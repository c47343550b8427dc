/**
 * Erases the signed-in person's account (`POST /me/erasure`), from their own browser session only
 * (never with an API token: a leaked token must not be able to erase someone), after two checks:
 * their e-mail address typed again, and, when their account has a second factor, proof of it: a fresh
 * authenticator code (wrong codes count towards the account's lock-out) or, for an account whose only
 * second factor is a security key (which cannot be typed into a form), a sign-in within the last
 * 15 minutes, which asked for the key. The last active admin cannot leave the network without one.
 *
 * Then, in this order: their content is deleted or kept as a former member's (eraseContent.ts);
 * the erasure is audited (`person.erased`, naming counts, never content); their records go and every
 * session ends, open sockets included (removePersonalRecords.ts); the audit entries that name them
 * lose their personal fields while the chain still verifies (server/audit/pseudonymiseAudit.ts).
 */
import type { Request } from 'express';
import type { Types } from 'mongoose';
import type { z } from 'zod';
import type { Actor, PersonActor } from '../../../shared/policy/actor.js';
import { endsActiveAdmin } from '../../../shared/policy/directory.js';
import type { EraseMyAccount, ErasureReport, ErasureRequirements } from '../../../shared/schemas/myData.js';
import { ERASURE_ACTION, pseudonymiseAudit } from '../../audit/pseudonymiseAudit.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { isLocked, recordAccountFailure } from '../../auth/local/loginThrottle.js';
import { checkTotp } from '../../auth/local/totp.js';
import { openTotpSecret } from '../../auth/local/totpSecrets.js';
import { destroySession } from '../../auth/sessions.js';
import { LocalCredentialModel } from '../../models/LocalCredential.js';
import { WebAuthnCredentialModel } from '../../models/WebAuthnCredential.js';
import { signInIsRecent } from '../../policy/secondFactor.js';
import { PersonModel, type PersonDoc } from '../../models/Person.js';
import { AppError, ConflictError, ForbiddenError, InvalidError, UnauthenticatedError } from '../../errors.js';
import { requireAnotherActiveAdmin } from '../people/requireAnotherActiveAdmin.js';
import { eraseContent } from './eraseContent.js';
import { removePersonalRecords } from './removePersonalRecords.js';

async function loadSelf(actor: Actor): Promise<{ person: PersonDoc; actor: PersonActor }> {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const person = (await PersonModel.findById(actor.id).lean()) as PersonDoc | null;
  if (!person) throw new UnauthenticatedError();
  return { person, actor };
}

/** Which proof of a second factor the erasure needs: a typed code, a recent sign-in (key only), or none. */
async function secondFactorProof(personId: Types.ObjectId): Promise<'code' | 'recentSignIn' | 'none'> {
  const credential = await LocalCredentialModel.findOne({ personId }, { totpSecret: 1 }).lean();
  if (credential?.totpSecret) return 'code';
  return (await WebAuthnCredentialModel.exists({ personId })) ? 'recentSignIn' : 'none';
}

/**
 * What the erasure form must ask: the address to type again, whether a code is needed, and whether
 * the person must first sign in again with their security key (key-only accounts whose sign-in is
 * older than 15 minutes).
 */
export async function erasureRequirements(
  actor: Actor,
  req: Request,
): Promise<z.infer<typeof ErasureRequirements>> {
  const { person } = await loadSelf(actor);
  const proof = await secondFactorProof(person._id);
  return {
    email: person.email,
    secondFactor: proof === 'code',
    signInAgain: proof === 'recentSignIn' && !signInIsRecent(req.session?.signedInAt),
  };
}

/** Refuses unless the typed address is the person's own (case and surrounding spaces aside). */
function checkConfirmation(person: PersonDoc, typed: string): void {
  if (typed.trim().toLowerCase() === person.email.trim().toLowerCase()) return;
  throw new InvalidError(
    'Type your own e-mail address to confirm the erasure.',
    [{ path: 'confirmEmail', message: 'does not match your e-mail address' }],
    { reason: 'erasure_not_confirmed' },
  );
}

/**
 * Refuses unless an account with a second factor proved it: a fresh, correct code (never replayed)
 * for an authenticator app; a sign-in within the last 15 minutes for a security key alone.
 */
async function checkSecondFactor(person: PersonDoc, req: Request, code: string | undefined): Promise<void> {
  const credential = await LocalCredentialModel.findOne({ personId: person._id }).lean();
  if (!credential?.totpSecret) {
    if (!(await WebAuthnCredentialModel.exists({ personId: person._id }))) return;
    if (signInIsRecent(req.session?.signedInAt)) return;
    throw new ForbiddenError('Sign out and in again with your security key, then erase within 15 minutes.', {
      reason: 'erasure_sign_in_again',
    });
  }
  if (!code)
    throw new InvalidError(
      'Give the code of your authenticator app.',
      [{ path: 'code', message: 'required' }],
      {
        reason: 'erasure_code_required',
      },
    );
  // Wrong codes count towards the account's lock-out, as at sign-in: no guessing through this form.
  const step = isLocked(credential.lockedUntil)
    ? null
    : await checkTotp(
        openTotpSecret(credential.totpSecret, credential._id) ?? '',
        code,
        credential.totpLastTimeStep,
      );
  const saved =
    step === null
      ? null
      : await LocalCredentialModel.updateOne(
          { _id: credential._id, totpLastTimeStep: { $lt: step } },
          { $set: { totpLastTimeStep: step } },
        );
  if (!saved || saved.modifiedCount !== 1) {
    await recordAccountFailure(credential._id);
    throw new ForbiddenError('The authenticator code is wrong.', { reason: 'erasure_code_wrong' });
  }
}

/** Erases the actor's account (see the module comment) and returns what was done. */
export async function eraseMyAccount(
  actor: Actor,
  req: Request,
  input: z.infer<typeof EraseMyAccount>,
): Promise<z.infer<typeof ErasureReport>> {
  const self = await loadSelf(actor);
  if (req.session?.personId !== self.actor.id)
    throw new ForbiddenError('Erase your account from your signed-in browser, not with an API token.', {
      reason: 'erasure_needs_session',
    });
  checkConfirmation(self.person, input.confirmEmail);
  await checkSecondFactor(self.person, req, input.code);
  if (endsActiveAdmin(self.person, { status: 'suspended' })) {
    try {
      await requireAnotherActiveAdmin(self.actor.id);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      throw new ConflictError('The last active admin cannot erase their account.', {
        reason: 'erasure_last_admin',
      });
    }
  }
  const content = await eraseContent(self.actor);
  const seq = await recordAudit(
    self.actor,
    ERASURE_ACTION,
    { type: 'Person', id: self.actor.id },
    { pseudonymised: content.pseudonymised, deleted: content.deleted },
  );
  await destroySession(req);
  const sessionsEnded = 1 + (await removePersonalRecords(self.actor.id));
  const audit = await pseudonymiseAudit(self.actor.id, seq);
  return {
    erased: true,
    pseudonymised: content.pseudonymised,
    deleted: content.deleted,
    auditEntriesPseudonymised: audit.pseudonymised,
    auditEntriesUnsealed: audit.unsealed,
    sessionsEnded,
  };
}
