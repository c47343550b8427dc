/** /api/v1/me, /api/v1/csrf, sign-out and sign-out everywhere. */
import { CsrfToken, LogoutResult, Me, SessionsEnded, SignInOptions } from '../../../shared/schemas/index.js';
import type { Config } from '../../config.js';
import { newCsrfToken } from '../../auth/sessions.js';
import { getMe } from '../../services/auth/getMe.js';
import { signOut, signOutEverywhere } from '../../services/auth/signOut.js';
import { listSignInOptions } from '../../services/identityProviders/listSignInOptions.js';
import { defineRoute } from '../defineRoute.js';

/** The session routes. */
export const sessionRoutes = [
  defineRoute({
    method: 'get',
    path: '/sign-in-options',
    tag: 'Session',
    access: 'public',
    summary: "The ways to sign in: member cities' identity providers, and local accounts",
    response: SignInOptions,
    handler: () => listSignInOptions(),
  }),
  defineRoute({
    method: 'get',
    path: '/me',
    tag: 'Session',
    access: 'members',
    summary: 'The signed-in person, with roles, city and the CSRF token',
    response: Me,
    handler: ({ actor, req }) => {
      const s = req.session;
      const signIn =
        req.headers.authorization === undefined && s?.personId && s.method && s.signedInAt
          ? {
              method: s.method,
              idp: s.saml?.idp ?? null,
              signedInAt: s.signedInAt,
              csrfToken: s.csrfToken ?? null,
            }
          : null;
      return getMe(actor, signIn);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/csrf',
    tag: 'Session',
    access: 'public',
    summary: 'The CSRF token of this browser session (starts a session if there is none)',
    response: CsrfToken,
    handler: ({ req }) => {
      req.session.csrfToken ??= newCsrfToken();
      return Promise.resolve({ csrfToken: req.session.csrfToken });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/auth/logout',
    tag: 'Session',
    access: 'public',
    summary: "Sign out of this session (and get the identity provider's logout URL, if it has one)",
    response: LogoutResult,
    handler: async ({ actor, req }) => ({
      ok: true as const,
      logoutUrl: await signOut(actor, req, req.app.locals.config as Config),
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/auth/logout-everywhere',
    tag: 'Session',
    access: 'members',
    summary: 'Sign out of every session of the signed-in person',
    response: SessionsEnded,
    handler: async ({ actor, req }) => ({ ended: await signOutEverywhere(actor, req) }),
  }),
];
