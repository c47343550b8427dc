/**
 * Binds a sign-in to the browser that started it (against login CSRF: an attacker's own signed
 * response posted through someone else's browser). GET /login sets a short-lived cookie holding an
 * HMAC of the AuthnRequest id (key: the session secret, scoped to the provider); the ACS accepts an
 * answer to a request only from the browser that holds the matching cookie, and clears it.
 *
 * The provider POSTs cross-site to the ACS, so over https the cookie is `SameSite=None; Secure` (a
 * Lax or Strict cookie would not come back with that POST). Over plain http (development) a browser
 * refuses `SameSite=None` without Secure, so the cookie is `SameSite=Lax`: it comes back only when the
 * provider is on the same site (the development providers are served by this server itself).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config.js';
import { REQUEST_LIFETIME_MS } from './samlFor.js';

/** The cookie's name. */
export const LOGIN_BINDING_COOKIE = 'concordia.saml-login';

function mac(config: Config, idpId: string, requestId: string): string {
  return createHmac('sha256', config.sessionSecret)
    .update(`saml-login\0${idpId}\0${requestId}`)
    .digest('base64url');
}

function attributes(config: Config, slug: string): string {
  const https = config.publicUrl.startsWith('https:');
  return `Path=/auth/saml/${encodeURIComponent(slug)}/acs; HttpOnly; ${https ? 'SameSite=None; Secure' : 'SameSite=Lax'}`;
}

/** The Set-Cookie value binding `requestId` to this browser. */
export function loginBindingCookie(
  config: Config,
  idp: { _id: unknown; slug: string },
  requestId: string,
): string {
  const seconds = Math.floor(REQUEST_LIFETIME_MS / 1000);
  return `${LOGIN_BINDING_COOKIE}=${mac(config, String(idp._id), requestId)}; Max-Age=${seconds}; ${attributes(config, idp.slug)}`;
}

/** The Set-Cookie value that clears the binding. */
export function clearLoginBindingCookie(config: Config, slug: string): string {
  return `${LOGIN_BINDING_COOKIE}=; Max-Age=0; ${attributes(config, slug)}`;
}

/** Whether the request's Cookie header carries a login binding at all (so the ACS clears it). */
export function carriesLoginBinding(cookieHeader: string | undefined): boolean {
  return (cookieHeader ?? '').split(';').some((part) => part.trim().startsWith(`${LOGIN_BINDING_COOKIE}=`));
}

/** Whether the request's Cookie header holds the binding of `requestId`. */
export function holdsLoginBinding(
  config: Config,
  cookieHeader: string | undefined,
  idpId: string,
  requestId: string,
): boolean {
  const expected = Buffer.from(mac(config, idpId, requestId));
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, value] = part.trim().split('=', 2);
    if (name !== LOGIN_BINDING_COOKIE || !value) continue;
    const given = Buffer.from(value);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
  }
  return false;
}
