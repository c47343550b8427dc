/**
 * Our SP metadata for one identity provider: entity id, ACS (HTTP-POST), single logout (Redirect and
 * POST), `AuthnRequestsSigned="true"`, `WantAssertionsSigned="true"`, and the certificates of our
 * signing and encryption keys: the current ones and, during a rollover, the next ones beside them, so
 * the provider learns a new key before it is used. Retired keys are not published.
 */
import type { Config } from '../../config.js';
import type { SpKeyRing } from './spKeys.js';
import { spUrls } from './spUrls.js';

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
/** Content encryption the provider may use (what xml-encryption decrypts). */
const ENCRYPTION_METHODS = [
  'http://www.w3.org/2009/xmlenc11#aes256-gcm',
  'http://www.w3.org/2009/xmlenc11#aes128-gcm',
  'http://www.w3.org/2001/04/xmlenc#aes256-cbc',
  'http://www.w3.org/2001/04/xmlenc#aes128-cbc',
];

function xmlEscape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function certificateBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
}

function keyDescriptor(use: 'signing' | 'encryption', pem: string): string {
  const methods =
    use === 'encryption'
      ? ENCRYPTION_METHODS.map((a) => `<md:EncryptionMethod Algorithm="${a}"/>`).join('')
      : '';
  return (
    `<md:KeyDescriptor use="${use}"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificateBody(pem)}` +
    `</ds:X509Certificate></ds:X509Data></ds:KeyInfo>${methods}</md:KeyDescriptor>`
  );
}

/** The metadata XML for the provider `slug`. */
export function spMetadataXml(config: Config, slug: string, keys: SpKeyRing): string {
  const urls = spUrls(config, slug);
  const descriptors = [
    ...keys.signing.map((k) => keyDescriptor('signing', k.certificate)),
    ...keys.encryption.map((k) => keyDescriptor('encryption', k.certificate)),
  ].join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<md:EntityDescriptor xmlns:md="${MD}" xmlns:ds="${DS}" entityID="${xmlEscape(urls.entityId)}">` +
    `<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" AuthnRequestsSigned="true" WantAssertionsSigned="true">` +
    descriptors +
    `<md:SingleLogoutService Binding="${REDIRECT}" Location="${xmlEscape(urls.slo)}"/>` +
    `<md:SingleLogoutService Binding="${POST}" Location="${xmlEscape(urls.slo)}"/>` +
    `<md:AssertionConsumerService index="0" isDefault="true" Binding="${POST}" Location="${xmlEscape(urls.acs)}"/>` +
    `</md:SPSSODescriptor></md:EntityDescriptor>`
  );
}
