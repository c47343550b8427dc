/** /api/v1/identity-providers: cities' SAML providers (admins, and focal points for their own city). */
import type { z } from 'zod';
import {
  IdentityProvider,
  IdentityProviderCreate,
  IdentityProviderListQuery,
  IdentityProviderParams,
  IdentityProviderUpdate,
  TestSignIn,
  TestSignInParams,
  TestSignInStart,
  pageOf,
} from '../../../shared/schemas/index.js';
import { getTestSignIn } from '../../services/identityProviders/getTestSignIn.js';
import { startTestSignIn } from '../../services/identityProviders/startTestSignIn.js';
import type { Config } from '../../config.js';
import {
  getIdentityProvider,
  listIdentityProviders,
} from '../../services/identityProviders/listIdentityProviders.js';
import { registerIdentityProvider } from '../../services/identityProviders/registerIdentityProvider.js';
import { updateIdentityProvider } from '../../services/identityProviders/updateIdentityProvider.js';
import { defineRoute } from '../defineRoute.js';

/** The app's configuration, kept in app.locals by createApp. */
function configOf(req: { app: { locals: Record<string, unknown> } }): Config {
  return req.app.locals.config as Config;
}

/** The identity provider routes. */
export const identityProviderRoutes = [
  defineRoute({
    method: 'get',
    path: '/identity-providers',
    tag: 'Identity providers',
    access: 'admin',
    summary: 'List identity providers (admins; focal points see their city)',
    query: IdentityProviderListQuery,
    response: pageOf(IdentityProvider),
    handler: ({ actor, query, req }) => listIdentityProviders(actor, query, configOf(req)),
  }),
  defineRoute({
    method: 'get',
    path: '/identity-providers/:idp',
    tag: 'Identity providers',
    access: 'admin',
    summary: 'Read an identity provider',
    params: IdentityProviderParams,
    response: IdentityProvider,
    handler: ({ actor, params, req }) => getIdentityProvider(actor, params.idp, configOf(req)),
  }),
  defineRoute({
    method: 'post',
    path: '/identity-providers',
    tag: 'Identity providers',
    access: 'admin',
    summary: "Register a city's identity provider (from metadata, or entity id + SSO URL + certificates)",
    status: 201,
    body: IdentityProviderCreate,
    response: IdentityProvider,
    handler: ({ actor, body, req }) =>
      registerIdentityProvider(actor, body as z.infer<typeof IdentityProviderCreate>, configOf(req)),
  }),
  defineRoute({
    method: 'patch',
    path: '/identity-providers/:idp',
    tag: 'Identity providers',
    access: 'admin',
    summary: 'Change an identity provider (certificates, maps, status)',
    params: IdentityProviderParams,
    body: IdentityProviderUpdate,
    response: IdentityProvider,
    handler: ({ actor, params, body, req }) =>
      updateIdentityProvider(
        actor,
        params.idp,
        body as z.infer<typeof IdentityProviderUpdate>,
        configOf(req),
      ),
  }),
  defineRoute({
    method: 'post',
    path: '/identity-providers/:idp/test-sign-ins',
    tag: 'Identity providers',
    access: 'admin',
    summary: 'Start a test sign-in: the browser goes to `url`; nobody is signed in by its answer',
    status: 201,
    params: IdentityProviderParams,
    response: TestSignInStart,
    handler: ({ actor, params, req }) => startTestSignIn(actor, params.idp, configOf(req)),
  }),
  defineRoute({
    method: 'get',
    path: '/identity-providers/:idp/test-sign-ins/:test',
    tag: 'Identity providers',
    access: 'admin',
    summary: 'The outcome of a test sign-in: what the provider sent and what it would give the person',
    params: TestSignInParams,
    response: TestSignIn,
    handler: ({ actor, params }) => getTestSignIn(actor, params.idp, params.test),
  }),
];
