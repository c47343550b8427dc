/**
 * Who must use a second factor: admins, moderators and experts (SHARING.md); others may opt in.
 * Roles named in REQUIRE_WEBAUTHN_ROLES must use a phishing-resistant one (a security key or passkey).
 */
import type { Role } from '../../shared/roles.js';

const REQUIRED: readonly Role[] = ['admin', 'moderator', 'expert'];

/** Whether these roles require a second factor. */
export function requiresSecondFactor(roles: readonly string[]): boolean {
  return roles.some((role) => REQUIRED.includes(role as Role));
}

/** Whether these roles require a WebAuthn credential (`required` is the configured list of roles). */
export function requiresWebAuthn(roles: readonly string[], required: readonly string[]): boolean {
  return roles.some((role) => required.includes(role));
}

/** The second factors a person holds. */
export interface FactorsHeld {
  totp: boolean;
  webauthn: number;
}

/**
 * Whether a person may remove one of their factors: never the last second factor of someone whose
 * roles require one, nor the last WebAuthn credential of someone whose roles require that.
 */
export function mayRemoveFactor(
  roles: readonly string[],
  requiredWebAuthnRoles: readonly string[],
  held: FactorsHeld,
  removing: 'totp' | 'webauthn',
): boolean {
  const after: FactorsHeld =
    removing === 'totp' ? { ...held, totp: false } : { ...held, webauthn: Math.max(0, held.webauthn - 1) };
  if (requiresSecondFactor(roles) && !after.totp && after.webauthn === 0) return false;
  if (requiresWebAuthn(roles, requiredWebAuthnRoles) && after.webauthn === 0) return false;
  return true;
}

/** How long a passed password waits for its second factor. */
export const PENDING_SECOND_FACTOR_MS = 5 * 60_000;

/** How long a WebAuthn challenge may be answered. */
export const WEBAUTHN_CHALLENGE_MS = 5 * 60_000;

/**
 * How recent a sign-in must be to add or remove a security key, or to replace the recovery codes: a
 * stolen session cookie must not become a permanent way in (a passkey signs in on its own).
 */
export const RECENT_SIGN_IN_MS = 15 * 60_000;

/** Whether a session's sign-in (its `signedInAt`) is recent enough to change the account's factors. */
export function signInIsRecent(signedInAt: number | undefined, now = Date.now()): boolean {
  return signedInAt !== undefined && now - signedInAt <= RECENT_SIGN_IN_MS;
}
