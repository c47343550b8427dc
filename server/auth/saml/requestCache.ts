/**
 * node-saml's cacheProvider on the database, so that every node agrees on which AuthnRequest ids we
 * issued. Keys are scoped to one provider: a response from provider B cannot answer a request sent
 * to provider A. Removal is left to {@link consumeRequestId}, which the ACS calls once, atomically,
 * after validation, so one request id can be answered only once even by concurrent posts.
 */
import type { CacheItem, CacheProvider } from '@node-saml/node-saml';
import { SamlRequestModel } from '../../models/SamlRequest.js';

const key = (idpId: string, requestId: string) => `${idpId}:${requestId}`;

/** The cache of one provider's issued request ids. */
export function requestCache(idpId: string, lifetimeMs: number): CacheProvider {
  return {
    async saveAsync(requestId: string, value: string): Promise<CacheItem | null> {
      const createdAt = new Date();
      await SamlRequestModel.updateOne(
        { _id: key(idpId, requestId) },
        { $setOnInsert: { value, createdAt, expiresAt: new Date(createdAt.getTime() + lifetimeMs) } },
        { upsert: true },
      );
      return { value, createdAt: createdAt.getTime() };
    },
    async getAsync(requestId: string): Promise<string | null> {
      const found = await SamlRequestModel.findOne({
        _id: key(idpId, requestId),
        expiresAt: { $gt: new Date() },
      }).lean();
      return found?.value ?? null;
    },
    async removeAsync(requestId: string | null): Promise<string | null> {
      // Consumption happens in consumeRequestId(); node-saml's own removal is not relied upon.
      return requestId;
    },
  };
}

/** Marks a request id as answered; false when it was unknown, expired or already answered. */
export async function consumeRequestId(idpId: string, requestId: string): Promise<boolean> {
  const result = await SamlRequestModel.deleteOne({
    _id: key(idpId, requestId),
    expiresAt: { $gt: new Date() },
  });
  return result.deletedCount === 1;
}
