/**
 * TOTP secrets at rest: sealed (server/secrets/sealedSecrets.ts) under the context
 * `totp:<LocalCredential _id>`, so a database dump reveals none and a sealed value copied to another
 * account does not open. Secrets stored in clear before sealing existed are still read; they are
 * sealed at startup ({@link sealClearTotpSecrets}) and whenever they are next used.
 */
import type { Types } from 'mongoose';
import { LocalCredentialModel } from '../../models/LocalCredential.js';
import { isSealed, openSecret, sealSecret } from '../../secrets/sealedSecrets.js';

function context(credentialId: Types.ObjectId | string): string {
  return `totp:${String(credentialId)}`;
}

/** Seals a TOTP secret for one local credential. */
export function sealTotpSecret(secret: string, credentialId: Types.ObjectId | string): string {
  return sealSecret(secret, context(credentialId));
}

/** The TOTP secret of a stored value (sealed, or a clear value from before sealing); null stays null. */
export function openTotpSecret(
  stored: string | null | undefined,
  credentialId: Types.ObjectId | string,
): string | null {
  if (!stored) return null;
  return isSealed(stored) ? openSecret(stored, context(credentialId)) : stored;
}

/** Seals a credential's clear TOTP values if it still has any (a no-op otherwise). */
export async function resealIfClear(credential: {
  _id: Types.ObjectId;
  totpSecret?: string | null;
  totpPendingSecret?: string | null;
}): Promise<void> {
  const set: Record<string, string> = {};
  for (const field of ['totpSecret', 'totpPendingSecret'] as const) {
    const value = credential[field];
    if (value && !isSealed(value)) set[field] = sealTotpSecret(value, credential._id);
  }
  if (Object.keys(set).length === 0) return;
  const filter: Record<string, unknown> = { _id: credential._id };
  for (const field of Object.keys(set)) filter[field] = credential[field as 'totpSecret'];
  await LocalCredentialModel.updateOne(filter, { $set: set });
}

/** Seals every TOTP secret still stored in clear; returns how many credentials changed. Safe to rerun. */
export async function sealClearTotpSecrets(): Promise<number> {
  const withSecrets = await LocalCredentialModel.find(
    { $or: [{ totpSecret: { $ne: null } }, { totpPendingSecret: { $ne: null } }] },
    { totpSecret: 1, totpPendingSecret: 1 },
  ).lean();
  const clear = withSecrets.filter(
    (c) =>
      (c.totpSecret && !isSealed(c.totpSecret)) || (c.totpPendingSecret && !isSealed(c.totpPendingSecret)),
  );
  for (const credential of clear) await resealIfClear(credential);
  return clear.length;
}
