/**
 * /api/v1/auth/...: security keys and passkeys (WebAuthn) for local accounts, beside TOTP: enrolment,
 * naming and removal, the second factor after the password, passkey sign-in, my second factors and
 * recovery codes. Every POST needs the session's X-CSRF-Token. Registration is "public" for the route
 * layer for the same reason as TOTP enrolment: a person who must enrol one does so between the
 * password step and a full session; the service admits only them and the signed-in.
 */
import {
  Done,
  LoginResult,
  RecoveryCodes,
  SecondFactors,
  WebAuthnAssertion,
  WebAuthnAuthenticationOptions,
  WebAuthnCredential,
  WebAuthnCredentialParams,
  WebAuthnRegistered,
  WebAuthnRegistration,
  WebAuthnRegistrationOptions,
  WebAuthnRename,
} from '../../../shared/schemas/index.js';
import type { AuthContext } from '../../auth/authContext.js';
import {
  finishPasskeySignIn,
  finishWebAuthnSecondFactor,
  startPasskeySignIn,
  startWebAuthnSecondFactor,
} from '../../services/auth/webauthn/assertion.js';
import {
  listSecondFactors,
  regenerateRecoveryCodes,
  removeWebAuthnCredential,
  renameWebAuthnCredential,
} from '../../services/auth/webauthn/manageCredentials.js';
import {
  finishWebAuthnRegistration,
  startWebAuthnRegistration,
} from '../../services/auth/webauthn/registration.js';
import { defineRoute } from '../defineRoute.js';

function auth(req: { app: { locals: Record<string, unknown> } }): AuthContext {
  return req.app.locals.auth as AuthContext;
}

/** The WebAuthn and second-factor routes. */
export const webAuthnRoutes = [
  defineRoute({
    method: 'get',
    path: '/auth/second-factors',
    tag: 'Sign-in',
    access: 'members',
    summary: 'My second factors: authenticator app, security keys and passkeys, recovery codes left',
    response: SecondFactors,
    handler: ({ actor, req }) => listSecondFactors(auth(req), actor),
  }),
  defineRoute({
    method: 'post',
    path: '/auth/recovery-codes',
    tag: 'Sign-in',
    access: 'members',
    summary: 'New recovery codes, shown once (the old ones stop working); needs a second factor',
    response: RecoveryCodes,
    handler: ({ actor, req }) => regenerateRecoveryCodes(actor, req),
  }),
  defineRoute({
    method: 'post',
    path: '/auth/webauthn/register/options',
    tag: 'Sign-in',
    access: 'public',
    summary: 'Start registering a security key or passkey (signed in, or when sign-in requires one)',
    response: WebAuthnRegistrationOptions,
    handler: ({ actor, req }) => startWebAuthnRegistration(auth(req), actor, req),
  }),
  defineRoute({
    method: 'post',
    path: '/auth/webauthn/register',
    tag: 'Sign-in',
    access: 'public',
    summary: "Finish registering a security key or passkey with the browser's answer and a name",
    status: 201,
    body: WebAuthnRegistration,
    response: WebAuthnRegistered,
    handler: ({ actor, body, req }) => finishWebAuthnRegistration(auth(req), actor, req, body),
  }),
  defineRoute({
    method: 'patch',
    path: '/auth/webauthn/credentials/:credential',
    tag: 'Sign-in',
    access: 'members',
    summary: 'Rename one of my security keys or passkeys',
    params: WebAuthnCredentialParams,
    body: WebAuthnRename,
    response: WebAuthnCredential,
    handler: ({ actor, params, body }) => renameWebAuthnCredential(actor, params.credential, body.name),
  }),
  defineRoute({
    method: 'delete',
    path: '/auth/webauthn/credentials/:credential',
    tag: 'Sign-in',
    access: 'members',
    summary: 'Remove one of my security keys or passkeys (not the last factor my roles require: 409)',
    params: WebAuthnCredentialParams,
    response: Done,
    handler: async ({ actor, params, req }) => {
      await removeWebAuthnCredential(auth(req), actor, req, params.credential);
      return { ok: true as const };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/auth/login/webauthn/options',
    tag: 'Sign-in',
    access: 'public',
    summary: 'Local sign-in, step 2 with a security key: the challenge for the pending person',
    response: WebAuthnAuthenticationOptions,
    handler: ({ req }) => startWebAuthnSecondFactor(auth(req), req),
  }),
  defineRoute({
    method: 'post',
    path: '/auth/login/webauthn',
    tag: 'Sign-in',
    access: 'public',
    summary: 'Local sign-in, step 2 with a security key: the signed challenge',
    body: WebAuthnAssertion,
    response: LoginResult,
    handler: ({ body, req }) => finishWebAuthnSecondFactor(auth(req), req, body),
  }),
  defineRoute({
    method: 'post',
    path: '/auth/passkey/options',
    tag: 'Sign-in',
    access: 'public',
    summary: 'Sign in with a passkey: the challenge (any passkey of this site, user verification required)',
    response: WebAuthnAuthenticationOptions,
    handler: ({ req }) => startPasskeySignIn(auth(req), req),
  }),
  defineRoute({
    method: 'post',
    path: '/auth/passkey',
    tag: 'Sign-in',
    access: 'public',
    summary: 'Sign in with a passkey: the signed challenge',
    body: WebAuthnAssertion,
    response: LoginResult,
    handler: ({ body, req }) => finishPasskeySignIn(auth(req), req, body),
  }),
];
