/** /api/v1/auth/...: local accounts (password + TOTP), invitations and password resets. */
import type { z } from 'zod';
import {
  Done,
  InvitationAccept,
  InvitationCreate,
  LoginPassword,
  LoginResult,
  LoginSecondFactor,
  RecoveryCodes,
  ResetConfirm,
  ResetRequest,
  TotpConfirm,
  TotpEnrolment,
} from '../../../shared/schemas/index.js';
import type { AuthContext } from '../../auth/authContext.js';
import { acceptInvitation, invitePerson } from '../../services/auth/invitations.js';
import { loginWithPassword } from '../../services/auth/loginWithPassword.js';
import { confirmPasswordReset, requestPasswordReset } from '../../services/auth/passwordReset.js';
import { confirmTotpEnrolment, startTotpEnrolment } from '../../services/auth/totpEnrolment.js';
import { verifySecondFactor } from '../../services/auth/verifySecondFactor.js';
import { defineRoute } from '../defineRoute.js';

function auth(req: { app: { locals: Record<string, unknown> } }): AuthContext {
  return req.app.locals.auth as AuthContext;
}

const done = { ok: true as const };

/**
 * The local-account routes. Every POST needs the session's X-CSRF-Token (see GET /api/v1/csrf).
 * TOTP enrolment is "public" for the route layer because a person who must use a second factor
 * enrols between the password step and a full session; the service admits only them and the
 * signed-in.
 */
export const localAuthRoutes = [
  defineRoute({
    method: 'post',
    path: '/auth/login',
    tag: 'Sign-in',
    access: 'public',
    summary: 'Local sign-in, step 1: e-mail and password',
    body: LoginPassword,
    response: LoginResult,
    handler: ({ body, req }) => loginWithPassword(auth(req), req, body as z.infer<typeof LoginPassword>),
  }),
  defineRoute({
    method: 'post',
    path: '/auth/login/second-factor',
    tag: 'Sign-in',
    access: 'public',
    summary: 'Local sign-in, step 2: a TOTP code or a recovery code',
    body: LoginSecondFactor,
    response: LoginResult,
    handler: ({ body, req }) => verifySecondFactor(auth(req), req, body as z.infer<typeof LoginSecondFactor>),
  }),
  defineRoute({
    method: 'post',
    path: '/auth/totp/enrol',
    tag: 'Sign-in',
    access: 'public',
    summary: 'Start TOTP enrolment (signed in, or right after the password when a second factor is required)',
    response: TotpEnrolment,
    handler: ({ actor, req }) => startTotpEnrolment(actor, req),
  }),
  defineRoute({
    method: 'post',
    path: '/auth/totp/confirm',
    tag: 'Sign-in',
    access: 'public',
    summary: 'Confirm TOTP enrolment with a first code; returns recovery codes once',
    body: TotpConfirm,
    response: RecoveryCodes,
    handler: ({ actor, body, req }) =>
      confirmTotpEnrolment(auth(req), actor, req, (body as z.infer<typeof TotpConfirm>).code),
  }),
  defineRoute({
    method: 'post',
    path: '/auth/invitations',
    tag: 'Sign-in',
    access: 'admin',
    summary: 'Invite a person to set a local password (admins and moderators)',
    status: 202,
    body: InvitationCreate,
    response: Done,
    handler: async ({ actor, body, req }) => {
      await invitePerson(auth(req), actor, (body as z.infer<typeof InvitationCreate>).personId);
      return done;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/auth/invitations/accept',
    tag: 'Sign-in',
    access: 'public',
    summary: 'Accept an invitation: set the password',
    body: InvitationAccept,
    response: Done,
    handler: async ({ body }) => {
      await acceptInvitation(body as z.infer<typeof InvitationAccept>);
      return done;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/auth/password-reset',
    tag: 'Sign-in',
    access: 'public',
    summary: 'Ask for a password reset link (the answer is the same whether or not the e-mail exists)',
    status: 202,
    body: ResetRequest,
    response: Done,
    handler: async ({ body, req }) => {
      await requestPasswordReset(auth(req), (body as z.infer<typeof ResetRequest>).email);
      return done;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/auth/password-reset/confirm',
    tag: 'Sign-in',
    access: 'public',
    summary: 'Set a new password with a reset link; ends every session',
    body: ResetConfirm,
    response: Done,
    handler: async ({ body }) => {
      await confirmPasswordReset(body as z.infer<typeof ResetConfirm>);
      return done;
    },
  }),
];
