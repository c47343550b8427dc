/**
 * The console's side of SCIM provisioning: a provider's SCIM tokens (never their secrets, except once
 * in the answer that makes or rotates one) and the base URL its directory is given.
 */
import { z } from 'zod';
import { ObjectIdString, Slug } from './common.js';

/** A SCIM token as listed: its prefix tells it apart; the secret is never listed. */
export const ScimToken = z
  .object({
    id: ObjectIdString,
    prefix: z.string(),
    createdAt: z.iso.datetime(),
    rotatedAt: z.iso.datetime().nullable(),
    lastUsedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ScimToken' });

/** A provider's SCIM tokens and the base URL to give its directory. */
export const ScimTokenList = z
  .object({ baseUrl: z.string(), tokens: z.array(ScimToken) })
  .meta({ id: 'ScimTokenList' });

/** A token just made or rotated: `token` is shown this once and stored nowhere in clear. */
export const ScimTokenIssued = z
  .object({ baseUrl: z.string(), token: z.string(), item: ScimToken })
  .meta({ id: 'ScimTokenIssued' });

/** Path parameters naming one token of a provider. */
export const ScimTokenParams = z.object({ idp: Slug, token: ObjectIdString }).strict();
