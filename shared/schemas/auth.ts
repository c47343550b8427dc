/** Sign-in, sessions and local accounts: the shapes of /api/v1/me, /api/v1/csrf and /api/v1/auth/... */
import { z } from 'zod';
import { ROLES } from '../roles.js';
import { Email, Slug } from './common.js';
import { Person } from './people.js';

/** The CSRF token to send in `X-CSRF-Token` with every state-changing request of a cookie session. */
export const CsrfToken = z.object({ csrfToken: z.string() }).meta({ id: 'CsrfToken' });

/** The signed-in person, with roles and city. */
export const Me = z
  .object({
    person: Person,
    roles: z.array(z.enum(ROLES)),
    city: z.object({ slug: Slug, name: z.string() }).nullable(),
    signIn: z
      .object({ method: z.enum(['saml', 'local']), idp: z.string().nullable(), signedInAt: z.iso.datetime() })
      .nullable(),
    csrfToken: z.string().nullable(),
  })
  .meta({ id: 'Me' });

/** A plain acknowledgement. */
export const Done = z.object({ ok: z.literal(true) }).meta({ id: 'Done' });

/** Sign-out: where to send the browser next to end the identity provider's session too (SAML single logout). */
export const LogoutResult = z
  .object({ ok: z.literal(true), logoutUrl: z.string().nullable() })
  .meta({ id: 'LogoutResult' });

/** Sign out everywhere: how many sessions ended. */
export const SessionsEnded = z.object({ ended: z.number().int() });

/** A password: long enough, not absurdly long (argon2 hashes any length, but we cap the work). */
export const Password = z.string().min(12, 'at least 12 characters').max(256);

/** Step 1 of a local sign-in. */
export const LoginPassword = z.object({ email: Email, password: z.string().min(1).max(256) }).strict();

/**
 * What a sign-in step answers: signed in, or a second factor is needed (with the kinds the person
 * has), or one must be enrolled first (any kind, or a security key or passkey when the person's roles
 * require one: REQUIRE_WEBAUTHN_ROLES).
 */
export const LoginResult = z
  .object({
    status: z.enum([
      'signed_in',
      'second_factor_required',
      'second_factor_enrolment_required',
      'webauthn_enrolment_required',
    ]),
    factors: z.array(z.enum(['totp', 'webauthn'])).optional(),
  })
  .meta({ id: 'LoginResult' });

/** Step 2: a TOTP code or one recovery code. */
export const LoginSecondFactor = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/)
      .optional(),
    recoveryCode: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{8,40}$/)
      .optional(),
  })
  .strict()
  .refine((v) => (v.code === undefined) !== (v.recoveryCode === undefined), {
    message: 'give either code or recoveryCode',
    path: ['code'],
  });

/** A single-use link token (invitation or password reset). */
export const LinkToken = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'a link token');

/** Accept an invitation: set the password. */
export const InvitationAccept = z.object({ token: LinkToken, password: Password }).strict();

/** Invite a person to a local account (admin, moderator). */
export const InvitationCreate = z.object({ personId: z.string().regex(/^[a-f0-9]{24}$/) }).strict();

/** Ask for a password reset link. */
export const ResetRequest = z.object({ email: Email }).strict();

/** Set a new password with a reset link. */
export const ResetConfirm = z.object({ token: LinkToken, password: Password }).strict();

/** TOTP enrolment: the secret and the otpauth URI to show as a QR code. */
export const TotpEnrolment = z.object({ secret: z.string(), uri: z.string() }).meta({ id: 'TotpEnrolment' });

/** Confirm TOTP enrolment with a first code. */
export const TotpConfirm = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/),
  })
  .strict();

/** Recovery codes, shown once. */
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) }).meta({ id: 'RecoveryCodes' });
