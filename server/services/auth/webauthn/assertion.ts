/**
 * Signing in with a security key or passkey. As the second factor after the password, the
 * challenge allows only the pending person's credentials; as a passkey sign-in (no password), the
 * authenticator chooses a discoverable credential and must verify the user (PIN or biometrics), so
 * the passkey is both factors. Every assertion is checked against the challenge kept in the session
 * (single use, expiring), this deployment's origin and RP ID, the credential's owner, and its
 * signature counter (a counter that goes back suggests a cloned key). Failures are audited and count
 * towards the account's lock-out and the address's failure budget.
 */
import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
} from '@simplewebauthn/server';
import type { Request } from 'express';
import type { z } from 'zod';
import { ANONYMOUS } from '../../../../shared/policy/actor.js';
import type { LoginResult } from '../../../../shared/schemas/auth.js';
import type {
  WebAuthnAssertion,
  WebAuthnAuthenticationOptions,
} from '../../../../shared/schemas/webauthn.js';
import { recordAudit } from '../../../audit/recordAudit.js';
import type { AuthContext } from '../../../auth/authContext.js';
import { isLocked, recordAccountFailure } from '../../../auth/local/loginThrottle.js';
import { relyingParty } from '../../../auth/local/relyingParty.js';
import { keepChallenge, takeChallenge } from '../../../auth/local/webauthnChallenge.js';
import { UnauthenticatedError } from '../../../errors.js';
import { LocalCredentialModel } from '../../../models/LocalCredential.js';
import { PersonModel } from '../../../models/Person.js';
import { WebAuthnCredentialModel } from '../../../models/WebAuthnCredential.js';
import { personActor } from '../../../policy/personActor.js';
import { PENDING_SECOND_FACTOR_MS } from '../../../policy/secondFactor.js';
import { completeSecondFactor } from '../completeSecondFactor.js';

/** The one answer to a refused assertion. */
export const ASSERTION_REFUSED =
  'The security key or passkey was not accepted, or the account is locked for a while.';

/** The person waiting for their second factor, or a refusal. */
function pendingPersonId(req: Request): string {
  const pending = req.session?.pendingSecondFactor;
  if (!pending || pending.enrol || Date.now() - pending.at > PENDING_SECOND_FACTOR_MS)
    throw new UnauthenticatedError('Sign in with your password first.');
  return pending.personId;
}

/** Options for the second factor after the password: only the pending person's keys. */
export async function startWebAuthnSecondFactor(
  ctx: AuthContext,
  req: Request,
): Promise<z.infer<typeof WebAuthnAuthenticationOptions>> {
  await ctx.ipThrottle.check(req.ip ?? 'unknown');
  const personId = pendingPersonId(req);
  const keys = await WebAuthnCredentialModel.find({ personId }, { credentialId: 1, transports: 1 }).lean();
  if (keys.length === 0) throw new UnauthenticatedError('No security key is registered for this account.');
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(ctx.config).id,
    userVerification: 'preferred',
    allowCredentials: keys.map((k) => ({
      id: k.credentialId,
      transports: k.transports as AuthenticatorTransportFuture[],
    })),
  });
  await keepChallenge(req, 'second_factor', options.challenge, personId);
  return options as z.infer<typeof WebAuthnAuthenticationOptions>;
}

/** Options for a passkey sign-in: any discoverable credential, with user verification. */
export async function startPasskeySignIn(
  ctx: AuthContext,
  req: Request,
): Promise<z.infer<typeof WebAuthnAuthenticationOptions>> {
  await ctx.ipThrottle.check(req.ip ?? 'unknown');
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(ctx.config).id,
    userVerification: 'required',
  });
  await keepChallenge(req, 'passkey', options.challenge, null);
  return options as z.infer<typeof WebAuthnAuthenticationOptions>;
}

/** Checks an assertion for `purpose`; returns the sign-in step reached. */
async function finishAssertion(
  ctx: AuthContext,
  req: Request,
  input: z.infer<typeof WebAuthnAssertion>,
  purpose: 'second_factor' | 'passkey',
): Promise<z.infer<typeof LoginResult>> {
  const ip = req.ip ?? 'unknown';
  await ctx.ipThrottle.check(ip);
  const pendingId = purpose === 'second_factor' ? pendingPersonId(req) : null;
  const challenge = await takeChallenge(req, purpose, pendingId);
  const key = await WebAuthnCredentialModel.findOne({ credentialId: input.response.id }).lean();
  // As a second factor the key must be the pending person's; a passkey names its own person.
  const ownerId = key ? String(key.personId) : null;
  const personId = pendingId ?? ownerId;
  const [person, local] = personId
    ? await Promise.all([
        PersonModel.findById(personId).lean(),
        LocalCredentialModel.findOne({ personId }).lean(),
      ])
    : [null, null];
  const refuse = async (reason: string): Promise<never> => {
    await ctx.ipThrottle.fail(ip);
    if (local && person && (purpose === 'second_factor' || ownerId === personId))
      await recordAccountFailure(local._id);
    await recordAudit(
      person ? personActor(person) : ANONYMOUS,
      'auth.webauthn_assertion_failed',
      person ? { type: 'Person', id: String(person._id) } : null,
      { purpose, reason, ip, ...(key ? { credential: String(key._id) } : {}) },
    );
    throw new UnauthenticatedError(ASSERTION_REFUSED);
  };
  if (!challenge) return refuse('no challenge, or it expired or was used');
  if (!key) return refuse('unknown credential');
  if (ownerId !== personId) return refuse("someone else's credential");
  if (!person || !local?.passwordHash) return refuse('no local account');
  if (person.status !== 'active') return refuse(`account ${person.status}`);
  if (isLocked(local.lockedUntil)) return refuse('account locked');
  const rp = relyingParty(ctx.config);
  const result = await verifyAuthenticationResponse({
    response: input.response as AuthenticationResponseJSON,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    credential: {
      id: key.credentialId,
      publicKey: new Uint8Array(Buffer.from(key.publicKey, 'base64url')),
      counter: key.counter,
      transports: key.transports as AuthenticatorTransportFuture[],
    },
    requireUserVerification: purpose === 'passkey',
  }).catch((e: unknown) => ({ verified: false as const, error: e instanceof Error ? e.message : String(e) }));
  if (!result.verified || !('authenticationInfo' in result))
    return refuse('error' in result ? result.error : 'signature not verified');
  const info = result.authenticationInfo;
  // Compare-and-set on the counter: two uses of one assertion cannot both pass.
  const saved = await WebAuthnCredentialModel.updateOne(
    { _id: key._id, counter: key.counter },
    { $set: { counter: info.newCounter, lastUsedAt: new Date(), backedUp: info.credentialBackedUp } },
  );
  if (saved.modifiedCount !== 1) return refuse('counter changed meanwhile');
  const who = personActor(person);
  return completeSecondFactor(
    ctx.config,
    req,
    who,
    local._id,
    purpose === 'passkey' ? 'passkey' : 'webauthn',
    person.roles,
  );
}

/** The second factor after the password: an assertion of one of the person's keys. */
export function finishWebAuthnSecondFactor(
  ctx: AuthContext,
  req: Request,
  input: z.infer<typeof WebAuthnAssertion>,
): Promise<z.infer<typeof LoginResult>> {
  return finishAssertion(ctx, req, input, 'second_factor');
}

/** A passkey sign-in without a password. */
export function finishPasskeySignIn(
  ctx: AuthContext,
  req: Request,
  input: z.infer<typeof WebAuthnAssertion>,
): Promise<z.infer<typeof LoginResult>> {
  return finishAssertion(ctx, req, input, 'passkey');
}
