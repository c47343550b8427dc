/**
 * Reads an identity provider's SAML metadata (pasted or from a file) safely: no DTD, strict parsing,
 * exactly one IdP entity. Returns its entity id, SSO and SLO URLs (HTTP-Redirect binding) and its
 * signing certificates as PEM.
 */
import { X509Certificate } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import { InvalidError } from '../../errors.js';
import { parseStrictXml, UnsafeXmlError } from './safeXml.js';

const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

/** What metadata gives. */
export interface IdpEndpoints {
  entityId: string;
  ssoUrl: string;
  sloUrl: string | null;
  certificates: string[];
}

function descendants(root: Element, localName: string): Element[] {
  return Array.from(root.getElementsByTagNameNS('*', localName));
}

/** Turns base64 DER or PEM into normalised PEM; throws Invalid when it is not an X.509 certificate. */
export function toPem(certificate: string): string {
  const body = certificate.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  const pem = `-----BEGIN CERTIFICATE-----\n${body.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
  try {
    new X509Certificate(pem);
  } catch {
    throw new InvalidError('A certificate is not a valid X.509 certificate.', [
      { path: 'certificates', message: 'not an X.509 certificate' },
    ]);
  }
  return pem;
}

/** Parses metadata XML; throws Invalid naming what is wrong. */
export function parseIdpMetadata(xml: string): IdpEndpoints {
  let root: Element;
  try {
    root = parseStrictXml(xml).documentElement as Element;
  } catch (error) {
    const message = error instanceof UnsafeXmlError ? error.message : 'unreadable XML';
    throw new InvalidError(`The metadata was refused: ${message}.`, [{ path: 'metadataXml', message }]);
  }
  const idps = descendants(root, 'IDPSSODescriptor');
  if (idps.length !== 1)
    throw new InvalidError('The metadata must describe exactly one identity provider.', [
      { path: 'metadataXml', message: `found ${idps.length} IDPSSODescriptor` },
    ]);
  const idp = idps[0] as Element;
  const entity = idp.parentNode as Element | null;
  const entityId = entity?.getAttribute('entityID') ?? '';
  const sso = descendants(idp, 'SingleSignOnService').find((e) => e.getAttribute('Binding') === REDIRECT);
  const slo = descendants(idp, 'SingleLogoutService').find((e) => e.getAttribute('Binding') === REDIRECT);
  const certificates = descendants(idp, 'KeyDescriptor')
    .filter((k) => !k.getAttribute('use') || k.getAttribute('use') === 'signing')
    .flatMap((k) => descendants(k, 'X509Certificate'))
    .map((c) => toPem(c.textContent ?? ''));
  const ssoUrl = sso?.getAttribute('Location') ?? '';
  if (!entityId || !/^https?:\/\//.test(ssoUrl) || certificates.length === 0)
    throw new InvalidError(
      'The metadata needs an entityID, an HTTP-Redirect SingleSignOnService and a signing certificate.',
      [{ path: 'metadataXml', message: 'incomplete identity provider metadata' }],
    );
  return {
    entityId,
    ssoUrl,
    sloUrl: slo?.getAttribute('Location') ?? null,
    certificates: [...new Set(certificates)],
  };
}
