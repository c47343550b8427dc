/**
 * Finds the provider a SCIM bearer token speaks for: by the token's SHA-256, only while the provider
 * is active. Notes when the token was last used (at most once a minute, so a sync does not write on
 * every request).
 */
import type { Config } from '../../config.js';
import { IdentityProviderModel } from '../../models/IdentityProvider.js';
import { ScimTokenModel } from '../../models/ScimToken.js';
import type { ScimContext } from './scimContext.js';
import { TOKEN_FORMAT, scimBaseUrl, tokenHash } from './scimTokens.js';

const LAST_USED_GRANULARITY_MS = 60_000;

/** The context of a valid token, or null (unknown, revoked, rotated away, or its provider disabled). */
export async function authenticateScimToken(token: string, config: Config): Promise<ScimContext | null> {
  if (!TOKEN_FORMAT.test(token)) return null;
  const doc = await ScimTokenModel.findOne({ hash: tokenHash(token) }).lean();
  if (!doc) return null;
  const idp = await IdentityProviderModel.findOne({ _id: doc.idpId, cityId: doc.cityId }).lean();
  if (!idp || idp.status !== 'active') return null;
  const now = new Date();
  if (!doc.lastUsedAt || now.getTime() - doc.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS)
    await ScimTokenModel.updateOne({ _id: doc._id }, { $set: { lastUsedAt: now } });
  return { idp, tokenId: String(doc._id), tokenPrefix: doc.prefix, baseUrl: scimBaseUrl(config) };
}
