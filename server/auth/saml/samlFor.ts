/**
 * The node-saml settings of one identity provider, built from its database record on each request,
 * with the settings that make validation fail closed: signed response AND signed assertion, only the
 * provider's registered certificates, our audience, the provider's issuer, a small clock skew, and
 * InResponseTo required (unless the provider is explicitly allowed unsolicited responses). Our own
 * messages (AuthnRequests, logout requests and responses) are signed RSA-SHA256 with the current SP
 * signing key; encrypted assertions are decrypted with an SP encryption key (spKeys.ts). Sign-in uses
 * these settings through passport's MultiSamlStrategy (samlStrategy.ts); login, single logout and the
 * logout URL use a node-saml instance built from the same settings.
 */
import { SAML, ValidateInResponseTo, type SamlConfig } from '@node-saml/node-saml';
import type { Config } from '../../config.js';
import type { IdentityProviderDoc } from '../../models/IdentityProvider.js';
import { requestCache } from './requestCache.js';
import { loadSpKeys, type SpKey, type SpKeyRing } from './spKeys.js';
import { spUrls } from './spUrls.js';

/** How long an AuthnRequest may wait for its answer. */
export const REQUEST_LIFETIME_MS = 10 * 60_000;

/**
 * The node-saml settings for one identity provider; `decryptWith` is the encryption key to decrypt an
 * encrypted assertion with (the current one unless the response was encrypted for the next one).
 */
export function samlOptionsFor(
  config: Config,
  idp: IdentityProviderDoc,
  keys: SpKeyRing,
  decryptWith: SpKey | undefined = keys.encryption[0],
): SamlConfig {
  const urls = spUrls(config, idp.slug);
  const signing = keys.signing[0];
  if (!signing) throw new Error('no SAML signing key');
  return {
    entryPoint: idp.ssoUrl,
    issuer: urls.entityId,
    callbackUrl: urls.acs,
    audience: urls.entityId,
    idpIssuer: idp.entityId,
    idpCert: [...idp.certificates],
    wantAuthnResponseSigned: true,
    wantAssertionsSigned: true,
    acceptedClockSkewMs: config.samlClockSkewSeconds * 1000,
    // The age of IssueInstant and AuthnInstant is checked in checkResponse.ts. So that a provider's
    // older single-sign-on session does not make every sign-in too old, we ask it to authenticate anew.
    maxAssertionAgeMs: 0,
    forceAuthn: config.samlMaxAuthnAgeSeconds > 0,
    validateInResponseTo: idp.allowUnsolicited ? ValidateInResponseTo.ifPresent : ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: REQUEST_LIFETIME_MS,
    cacheProvider: requestCache(String(idp._id), REQUEST_LIFETIME_MS),
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    logoutUrl: idp.sloUrl ?? idp.ssoUrl,
    logoutCallbackUrl: urls.slo,
    privateKey: signing.privateKey,
    publicCert: signing.certificate,
    signatureAlgorithm: 'sha256',
    digestAlgorithm: 'sha256',
    ...(decryptWith ? { decryptionPvk: decryptWith.privateKey } : {}),
  };
}

/** The SAML service provider for one identity provider (login, single logout and the logout URL). */
export async function samlFor(
  config: Config,
  idp: IdentityProviderDoc,
  overrides: Partial<SamlConfig> = {},
): Promise<SAML> {
  return new SAML({ ...samlOptionsFor(config, idp, await loadSpKeys()), ...overrides });
}
