/**
 * The node-saml settings of one identity provider, built from its database record on each request,
 * with the settings that make validation fail closed: signed response AND signed assertion, only the
 * provider's registered certificates, our audience, the provider's issuer, a small clock skew, and
 * InResponseTo required (unless the provider is explicitly allowed unsolicited responses). Sign-in
 * uses them through passport's MultiSamlStrategy (samlStrategy.ts); single logout and the logout URL
 * use a node-saml instance built from the same settings.
 */
import { SAML, ValidateInResponseTo, type SamlConfig } from '@node-saml/node-saml';
import type { Config } from '../../config.js';
import type { IdentityProviderDoc } from '../../models/IdentityProvider.js';
import { requestCache } from './requestCache.js';
import { spUrls } from './spUrls.js';

/** How long an AuthnRequest may wait for its answer. */
export const REQUEST_LIFETIME_MS = 10 * 60_000;

/** The node-saml settings for one identity provider. */
export function samlOptionsFor(config: Config, idp: IdentityProviderDoc): SamlConfig {
  const urls = spUrls(config, idp.slug);
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
    maxAssertionAgeMs: 0,
    validateInResponseTo: idp.allowUnsolicited ? ValidateInResponseTo.ifPresent : ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: REQUEST_LIFETIME_MS,
    cacheProvider: requestCache(String(idp._id), REQUEST_LIFETIME_MS),
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    logoutUrl: idp.sloUrl ?? idp.ssoUrl,
    logoutCallbackUrl: urls.slo,
    signatureAlgorithm: 'sha256',
  };
}

/** The SAML service provider for one identity provider (single logout and the logout URL). */
export function samlFor(config: Config, idp: IdentityProviderDoc): SAML {
  return new SAML(samlOptionsFor(config, idp));
}
