/** Single-use, expiring e-mail links (invitations, password resets): only token hashes are stored. */
import { createHash, randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import { AuthLinkModel, type AuthLinkDoc } from '../models/AuthLink.js';

/** What a link is for. */
export type AuthLinkPurpose = 'invitation' | 'reset';

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a link for a person and returns its only plain-text token; earlier unused ones of the same purpose end. */
export async function createAuthLink(
  personId: Types.ObjectId,
  purpose: AuthLinkPurpose,
  lifetimeMs: number,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  await AuthLinkModel.updateMany({ personId, purpose, usedAt: null }, { $set: { usedAt: now } });
  await AuthLinkModel.create({
    tokenHash: hashOf(token),
    purpose,
    personId,
    expiresAt: new Date(now.getTime() + lifetimeMs),
  });
  return token;
}

/** Uses a link once (one atomic update); null when unknown, expired, already used or for another purpose. */
export async function consumeAuthLink(token: string, purpose: AuthLinkPurpose): Promise<AuthLinkDoc | null> {
  const now = new Date();
  const filter = { tokenHash: hashOf(token), purpose, usedAt: null, expiresAt: { $gt: now } };
  const link = await AuthLinkModel.findOne(filter).lean();
  if (!link) return null;
  const used = await AuthLinkModel.updateOne({ _id: link._id, usedAt: null }, { $set: { usedAt: now } });
  return used.modifiedCount === 1 ? link : null;
}
