/**
 * A person's own second factors: the overview for the security settings, renaming and removing a
 * security key or passkey (never the last factor their roles require: server/policy/secondFactor.ts),
 * and a fresh set of recovery codes (shown once; the old ones stop working). Each change is audited.
 */
import type { Request } from 'express';
import type { z } from 'zod';
import type { Actor } from '../../../../shared/policy/actor.js';
import type { RecoveryCodes } from '../../../../shared/schemas/auth.js';
import type { SecondFactors, WebAuthnCredential } from '../../../../shared/schemas/webauthn.js';
import { recordAudit } from '../../../audit/recordAudit.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../../audit/auditOutbox.js';
import type { AuthContext } from '../../../auth/authContext.js';
import { newRecoveryCodes, recoveryCodeHash } from '../../../auth/local/totp.js';
import { ConflictError, NotFoundError, UnauthenticatedError } from '../../../errors.js';
import { LocalCredentialModel } from '../../../models/LocalCredential.js';
import { PersonModel } from '../../../models/Person.js';
import { WebAuthnCredentialModel, type WebAuthnCredentialDoc } from '../../../models/WebAuthnCredential.js';
import { personActor } from '../../../policy/personActor.js';
import { mayRemoveFactor, requiresSecondFactor, requiresWebAuthn } from '../../../policy/secondFactor.js';
import { presentCredential } from './presentCredential.js';
import { requireRecentSignIn } from './recentSignIn.js';

async function self(actor: Actor) {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const person = await PersonModel.findById(actor.id).lean();
  if (!person || person.status !== 'active') throw new UnauthenticatedError();
  return { person, who: personActor(person) };
}

/** My second factors. */
export async function listSecondFactors(
  ctx: AuthContext,
  actor: Actor,
): Promise<z.infer<typeof SecondFactors>> {
  const { person } = await self(actor);
  const [local, keys] = await Promise.all([
    LocalCredentialModel.findOne({ personId: person._id }).lean(),
    WebAuthnCredentialModel.find({ personId: person._id }).sort({ createdAt: 1 }).lean(),
  ]);
  return {
    localAccount: Boolean(local?.passwordHash),
    totp: Boolean(local?.totpSecret),
    webauthn: (keys as WebAuthnCredentialDoc[]).map(presentCredential),
    recoveryCodesLeft: local?.recoveryCodeHashes.length ?? 0,
    secondFactorRequired: requiresSecondFactor(person.roles),
    webauthnRequired: requiresWebAuthn(person.roles, ctx.config.requireWebAuthnRoles),
  };
}

async function ownKey(personId: string, id: string): Promise<WebAuthnCredentialDoc> {
  const key = await WebAuthnCredentialModel.findOne({ _id: id, personId }).lean();
  if (!key) throw new NotFoundError('security key');
  return key as WebAuthnCredentialDoc;
}

/** Renames one of my keys. */
export async function renameWebAuthnCredential(
  actor: Actor,
  id: string,
  name: string,
): Promise<z.infer<typeof WebAuthnCredential>> {
  const { who } = await self(actor);
  const key = await ownKey(who.id, id);
  // The new name is stored with its entry (server/audit/auditOutbox.ts).
  await WebAuthnCredentialModel.updateOne(
    { _id: key._id },
    {
      $set: { name },
      ...auditOutboxPush(
        auditOutboxItem(
          who,
          'auth.webauthn_renamed',
          { type: 'Person', id: who.id },
          {
            credential: id,
            from: key.name,
            to: name,
          },
        ),
      ),
    },
  );
  await flushAuditOutbox(WebAuthnCredentialModel as never, key._id);
  return presentCredential({ ...key, name });
}

/** Removes one of my keys, unless it is the last factor my roles require. */
export async function removeWebAuthnCredential(
  ctx: AuthContext,
  actor: Actor,
  req: Request,
  id: string,
): Promise<void> {
  const { person, who } = await self(actor);
  requireRecentSignIn(req);
  const key = await ownKey(who.id, id);
  const [local, count] = await Promise.all([
    LocalCredentialModel.findOne({ personId: person._id }, { totpSecret: 1 }).lean(),
    WebAuthnCredentialModel.countDocuments({ personId: person._id }),
  ]);
  const held = { totp: Boolean(local?.totpSecret), webauthn: count };
  if (!mayRemoveFactor(person.roles, ctx.config.requireWebAuthnRoles, held, 'webauthn')) {
    await recordAudit(
      who,
      'auth.webauthn_removal_refused',
      { type: 'Person', id: who.id },
      { credential: id },
    );
    throw new ConflictError('This is the last second factor your role requires. Add another one first.', {
      reason: 'last_required_factor',
    });
  }
  // Disabled first with its entry (server/audit/auditOutbox.ts), as content deletion does: with its
  // public key gone the key can no longer sign anyone in. The entry is appended, then the document
  // goes; one left by a crash is refused at sign-in and the sweep appends its entry.
  const disabled = await WebAuthnCredentialModel.updateOne(
    { _id: key._id, publicKey: key.publicKey },
    {
      $set: { publicKey: 'removed' },
      ...auditOutboxPush(
        auditOutboxItem(
          who,
          'auth.webauthn_removed',
          { type: 'Person', id: who.id },
          { credential: id, name: key.name },
        ),
      ),
    },
  );
  if (disabled.matchedCount > 0) await flushAuditOutbox(WebAuthnCredentialModel as never, key._id);
  await WebAuthnCredentialModel.deleteOne({ _id: key._id });
  // With no second factor left, the recovery codes have nothing to stand in for.
  if (!held.totp && count === 1)
    await LocalCredentialModel.updateOne({ personId: person._id }, { $set: { recoveryCodeHashes: [] } });
}

/** New recovery codes for someone with a second factor; the old ones stop working. */
export async function regenerateRecoveryCodes(
  actor: Actor,
  req: Request,
): Promise<z.infer<typeof RecoveryCodes>> {
  const { person, who } = await self(actor);
  requireRecentSignIn(req);
  const [local, count] = await Promise.all([
    LocalCredentialModel.findOne({ personId: person._id }, { totpSecret: 1, passwordHash: 1 }).lean(),
    WebAuthnCredentialModel.countDocuments({ personId: person._id }),
  ]);
  if (!local?.passwordHash || (!local.totpSecret && count === 0))
    throw new ConflictError('Set up a second factor first: recovery codes stand in for it.', {
      reason: 'no_second_factor',
    });
  const recoveryCodes = newRecoveryCodes();
  // The new codes are stored with their entry (server/audit/auditOutbox.ts).
  await LocalCredentialModel.updateOne(
    { _id: local._id },
    {
      $set: { recoveryCodeHashes: recoveryCodes.map(recoveryCodeHash) },
      ...auditOutboxPush(
        auditOutboxItem(who, 'auth.recovery_codes_regenerated', { type: 'Person', id: who.id }),
      ),
    },
  );
  await flushAuditOutbox(LocalCredentialModel as never, local._id);
  return { recoveryCodes };
}
