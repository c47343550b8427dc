/** /api/v1/identity-providers/{idp}/scim-tokens: a provider's SCIM tokens, for whoever manages the provider. */
import { IdentityProviderParams } from '../../../shared/schemas/identityProviders.js';
import { ScimTokenIssued, ScimTokenList, ScimTokenParams } from '../../../shared/schemas/scim.js';
import type { Config } from '../../config.js';
import {
  issueScimToken,
  listScimTokens,
  revokeScimToken,
  rotateScimToken,
} from '../../services/scim/scimTokens.js';
import { defineRoute } from '../defineRoute.js';

function configOf(req: { app: { locals: Record<string, unknown> } }): Config {
  return req.app.locals.config as Config;
}

/** The SCIM token routes. */
export const scimTokenRoutes = [
  defineRoute({
    method: 'get',
    path: '/identity-providers/:idp/scim-tokens',
    tag: 'Identity providers',
    access: 'admin',
    summary: "List a provider's SCIM tokens (prefixes and dates, never the secrets) and the SCIM base URL",
    params: IdentityProviderParams,
    response: ScimTokenList,
    handler: ({ actor, params, req }) => listScimTokens(actor, params.idp, configOf(req)),
  }),
  defineRoute({
    method: 'post',
    path: '/identity-providers/:idp/scim-tokens',
    tag: 'Identity providers',
    access: 'admin',
    summary: 'Make a SCIM token for the provider; the answer is the only time it is shown',
    status: 201,
    params: IdentityProviderParams,
    response: ScimTokenIssued,
    handler: ({ actor, params, req }) => issueScimToken(actor, params.idp, configOf(req)),
  }),
  defineRoute({
    method: 'post',
    path: '/identity-providers/:idp/scim-tokens/:token/rotate',
    tag: 'Identity providers',
    access: 'admin',
    summary: 'Give a SCIM token a new secret (shown once); the old secret stops working at once',
    params: ScimTokenParams,
    response: ScimTokenIssued,
    handler: ({ actor, params, req }) => rotateScimToken(actor, params.idp, params.token, configOf(req)),
  }),
  defineRoute({
    method: 'delete',
    path: '/identity-providers/:idp/scim-tokens/:token',
    tag: 'Identity providers',
    access: 'admin',
    summary: 'Revoke a SCIM token; answers the remaining tokens',
    params: ScimTokenParams,
    response: ScimTokenList,
    handler: ({ actor, params, req }) => revokeScimToken(actor, params.idp, params.token, configOf(req)),
  }),
];
