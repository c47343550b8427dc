/**
 * Issues, rotates, revokes and lists a provider's SCIM tokens, for whoever may manage the provider
 * (the identity-provider rules of the policy). A token is `scim_` and 43 characters of base64url
 * (256 random bits); only its SHA-256 is stored, and the token itself is returned once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { Actor } from '../../../shared/policy/actor.js';
import type { ScimTokenList, ScimTokenIssued } from '../../../shared/schemas/scim.js';
import type { z } from 'zod';
import type { Config } from '../../config.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { IdentityProviderModel, type IdentityProviderDoc } from '../../models/IdentityProvider.js';
import { ScimTokenModel, type ScimTokenDoc } from '../../models/ScimToken.js';
import { authorize, can } from '../../policy/authorize.js';

/** The most tokens one provider may have at once (one per directory, plus a rollover). */
export const MAX_TOKENS = 5;

/** Characters of a token shown to tell it apart (`scim_` and 7 more). */
const PREFIX_LENGTH = 12;

/** The shape of every token this server issues. */
export const TOKEN_FORMAT = /^scim_[A-Za-z0-9_-]{43}$/;

/** The SHA-256 under which a token is stored. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function newToken(): { token: string; hash: string; prefix: string } {
  const token = `scim_${randomBytes(32).toString('base64url')}`;
  return { token, hash: tokenHash(token), prefix: token.slice(0, PREFIX_LENGTH) };
}

/** The SCIM base URL of this deployment. */
export function scimBaseUrl(config: Config): string {
  return `${config.publicUrl}/scim/v2`;
}

async function manageable(actor: Actor, slug: string): Promise<IdentityProviderDoc> {
  const idp = await IdentityProviderModel.findOne({ slug }).lean();
  if (!idp || !can(actor, 'read', 'IdentityProvider', idp)) throw new NotFoundError('Identity provider');
  await authorize(actor, 'update', 'IdentityProvider', idp);
  return idp;
}

function present(doc: ScimTokenDoc) {
  return {
    id: String(doc._id),
    prefix: doc.prefix,
    createdAt: doc.createdAt.toISOString(),
    rotatedAt: doc.rotatedAt ? doc.rotatedAt.toISOString() : null,
    lastUsedAt: doc.lastUsedAt ? doc.lastUsedAt.toISOString() : null,
  };
}

const target = (idp: IdentityProviderDoc) => ({
  type: 'IdentityProvider',
  id: String(idp._id),
  label: idp.slug,
});

/** The provider's tokens (never the secrets) and the base URL to give the directory. */
export async function listScimTokens(
  actor: Actor,
  slug: string,
  config: Config,
): Promise<z.infer<typeof ScimTokenList>> {
  const idp = await manageable(actor, slug);
  const tokens = await ScimTokenModel.find({ idpId: idp._id }).sort({ createdAt: 1, _id: 1 }).lean();
  return { baseUrl: scimBaseUrl(config), tokens: tokens.map(present) };
}

/** Makes a token; the answer is the only time it is shown. */
export async function issueScimToken(
  actor: Actor,
  slug: string,
  config: Config,
): Promise<z.infer<typeof ScimTokenIssued>> {
  const idp = await manageable(actor, slug);
  if ((await ScimTokenModel.countDocuments({ idpId: idp._id })) >= MAX_TOKENS)
    throw new ConflictError(`A provider may have at most ${MAX_TOKENS} SCIM tokens; revoke one first.`, {
      reason: 'scim_token_limit',
      params: { max: MAX_TOKENS },
    });
  const { token, hash, prefix } = newToken();
  // The token is stored with its entry (server/audit/auditOutbox.ts), under an id chosen first.
  const tokenId = new Types.ObjectId();
  const doc = new ScimTokenModel({
    _id: tokenId,
    idpId: idp._id,
    cityId: idp.cityId,
    hash,
    prefix,
    createdBy: actor.kind === 'person' ? actor.id : actor.kind,
  });
  doc.set('auditOutbox', [
    auditOutboxItem(actor, 'scim.token_issued', target(idp), { prefix, tokenId: String(tokenId) }),
  ]);
  await doc.save();
  await flushAuditOutbox(ScimTokenModel as never, tokenId);
  return { baseUrl: scimBaseUrl(config), token, item: present(doc.toObject() as ScimTokenDoc) };
}

/** Gives a token a new secret; the old one stops working at once. */
export async function rotateScimToken(
  actor: Actor,
  slug: string,
  tokenId: string,
  config: Config,
): Promise<z.infer<typeof ScimTokenIssued>> {
  const idp = await manageable(actor, slug);
  const { token, hash, prefix } = newToken();
  const doc = await ScimTokenModel.findOneAndUpdate(
    { _id: tokenId, idpId: idp._id },
    {
      $set: { hash, prefix, rotatedAt: new Date(), lastUsedAt: null },
      // Stored with the new secret (server/audit/auditOutbox.ts).
      ...auditOutboxPush(auditOutboxItem(actor, 'scim.token_rotated', target(idp), { prefix, tokenId })),
    },
    { returnDocument: 'after' },
  ).lean();
  if (!doc) throw new NotFoundError('SCIM token');
  await flushAuditOutbox(ScimTokenModel as never, doc._id);
  return { baseUrl: scimBaseUrl(config), token, item: present(doc) };
}

/** Deletes a token; requests with it are refused from now on. */
export async function revokeScimToken(
  actor: Actor,
  slug: string,
  tokenId: string,
  config: Config,
): Promise<z.infer<typeof ScimTokenList>> {
  const idp = await manageable(actor, slug);
  const found = await ScimTokenModel.findOne({ _id: tokenId, idpId: idp._id }, { prefix: 1 }).lean();
  if (!found) throw new NotFoundError('SCIM token');
  // Revoked first with its entry (server/audit/auditOutbox.ts), as content deletion does: the stored
  // hash no longer matches any token, so the token stops working with this write. The entry is
  // appended, then the document goes; one left by a crash works for nobody and the sweep appends its
  // entry (revoking it again deletes it, with a second entry).
  const marked = await ScimTokenModel.updateOne(
    { _id: found._id, idpId: idp._id },
    {
      $set: { hash: `revoked:${String(found._id)}` },
      ...auditOutboxPush(
        auditOutboxItem(actor, 'scim.token_revoked', target(idp), { prefix: found.prefix, tokenId }),
      ),
    },
  );
  if (marked.matchedCount > 0) await flushAuditOutbox(ScimTokenModel as never, found._id);
  await ScimTokenModel.deleteOne({ _id: found._id, idpId: idp._id });
  return listScimTokens(actor, slug, config);
}
