/**
 * Registering a security key or passkey: options (user verification and resident keys preferred, so
 * a passkey can later sign in on its own; the person's keys excluded), then the browser's answer
 * checked against the challenge kept in the session, this deployment's origin and RP ID. The first
 * second factor also brings ten recovery codes, shown once. An enrolment forced at sign-in completes
 * the sign-in.
 */
import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type AuthenticatorTransportFuture,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Request } from 'express';
import type { z } from 'zod';
import type { Actor } from '../../../../shared/policy/actor.js';
import type {
  WebAuthnRegistered,
  WebAuthnRegistration,
  WebAuthnRegistrationOptions,
} from '../../../../shared/schemas/webauthn.js';
import { Types } from 'mongoose';
import { recordAudit } from '../../../audit/recordAudit.js';
import { auditOutboxItem, flushAuditOutbox } from '../../../audit/auditOutbox.js';
import type { AuthContext } from '../../../auth/authContext.js';
import { relyingParty } from '../../../auth/local/relyingParty.js';
import { newRecoveryCodes, recoveryCodeHash } from '../../../auth/local/totp.js';
import { keepChallenge, takeChallenge } from '../../../auth/local/webauthnChallenge.js';
import { ConflictError, InvalidError } from '../../../errors.js';
import { LocalCredentialModel } from '../../../models/LocalCredential.js';
import { WebAuthnCredentialModel, type WebAuthnCredentialDoc } from '../../../models/WebAuthnCredential.js';
import { isDuplicateKey } from '../../../errors.js';
import { personActor } from '../../../policy/personActor.js';
import { completeSecondFactor } from '../completeSecondFactor.js';
import { enrollingPerson } from './enrollingPerson.js';
import { presentCredential } from './presentCredential.js';

/** Starts a registration: the options for `navigator.credentials.create()`. */
export async function startWebAuthnRegistration(
  ctx: AuthContext,
  actor: Actor,
  req: Request,
): Promise<z.infer<typeof WebAuthnRegistrationOptions>> {
  const { person, credential } = await enrollingPerson(actor, req);
  const rp = relyingParty(ctx.config);
  const existing = await WebAuthnCredentialModel.find(
    { personId: person._id },
    { credentialId: 1, transports: 1 },
  ).lean();
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: credential.email,
    userDisplayName: person.name,
    userID: new Uint8Array(person._id.id),
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({
      id: c.credentialId,
      transports: c.transports as AuthenticatorTransportFuture[],
    })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  await keepChallenge(req, 'register', options.challenge, String(person._id));
  return options as z.infer<typeof WebAuthnRegistrationOptions>;
}

/** Finishes a registration; returns the new credential and, with the first second factor, recovery codes. */
export async function finishWebAuthnRegistration(
  ctx: AuthContext,
  actor: Actor,
  req: Request,
  input: z.infer<typeof WebAuthnRegistration>,
): Promise<z.infer<typeof WebAuthnRegistered>> {
  const { person, credential, pending } = await enrollingPerson(actor, req);
  const who = personActor(person);
  const challenge = await takeChallenge(req, 'register', String(person._id));
  const rp = relyingParty(ctx.config);
  const refuse = async (reason: string): Promise<never> => {
    await recordAudit(
      who,
      'auth.webauthn_registration_failed',
      { type: 'Person', id: who.id },
      { reason, ip: req.ip ?? 'unknown' },
    );
    throw new InvalidError('The security key could not be registered. Try again.', [], {
      reason: 'webauthn_registration_failed',
    });
  };
  if (!challenge) return refuse('no challenge, or it expired');
  const verification = await verifyRegistrationResponse({
    response: input.response as RegistrationResponseJSON,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: false,
  }).catch((e: unknown) => ({ verified: false as const, error: e instanceof Error ? e.message : String(e) }));
  if (!verification.verified || !('registrationInfo' in verification) || !verification.registrationInfo)
    return refuse('error' in verification ? verification.error : 'not verified');
  const info = verification.registrationInfo;
  let created: WebAuthnCredentialDoc;
  // The key is stored with its entry (server/audit/auditOutbox.ts), under an id chosen first.
  const keyId = new Types.ObjectId();
  try {
    const doc = new WebAuthnCredentialModel({
      _id: keyId,
      personId: person._id,
      credentialId: info.credential.id,
      publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
      counter: info.credential.counter,
      transports: input.response.response.transports ?? [],
      name: input.name,
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
    });
    doc.set('auditOutbox', [
      auditOutboxItem(
        who,
        'auth.webauthn_enrolled',
        { type: 'Person', id: who.id },
        {
          credential: String(keyId),
          name: input.name,
          deviceType: info.credentialDeviceType,
        },
      ),
    ]);
    await doc.save();
    created = doc.toObject() as WebAuthnCredentialDoc;
    delete (created as { auditOutbox?: unknown }).auditOutbox;
  } catch (e) {
    if (isDuplicateKey(e))
      throw new ConflictError('This security key is already registered.', {
        reason: 'webauthn_already_registered',
      });
    throw e;
  }
  let recoveryCodes: string[] | null = null;
  if (credential.recoveryCodeHashes.length === 0) {
    const codes = newRecoveryCodes();
    const saved = await LocalCredentialModel.updateOne(
      { _id: credential._id, recoveryCodeHashes: { $size: 0 } },
      { $set: { recoveryCodeHashes: codes.map(recoveryCodeHash) } },
    );
    if (saved.modifiedCount === 1) recoveryCodes = codes;
  }
  await flushAuditOutbox(WebAuthnCredentialModel as never, keyId);
  if (pending)
    await completeSecondFactor(ctx.config, req, who, credential._id, 'webauthn_enrolment', person.roles);
  return { credential: presentCredential(created), recoveryCodes };
}
