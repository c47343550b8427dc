/**
 * Encrypted assertions for the SAML tests, made as an identity provider makes them: the signed
 * assertion encrypted with xml-encryption (the library node-saml decrypts with) for one of our SP
 * encryption certificates, in an EncryptedAssertion, then the response signed around it.
 */
import { X509Certificate } from 'node:crypto';
import { createRequire } from 'node:module';
import { signElement } from '../../server/auth/devIdp/samlResponse.js';
import type { SamlResponseSpec } from '../../server/auth/devIdp/samlResponse.js';
import { responseFor, type TestIdp } from './saml.js';

interface XmlEnc {
  encrypt(
    content: string,
    options: Record<string, unknown>,
    callback: (error: Error | null, result?: string) => void,
  ): void;
}

const xmlenc = createRequire(import.meta.url)('xml-encryption') as XmlEnc;

/** The algorithms an identity provider encrypts with (AES-256-GCM and RSA-OAEP unless told). */
export interface EncryptionAlgorithms {
  encryption?: string;
  keyTransport?: string;
}

/** Encrypts an XML element for the holder of `certificate`. */
export function encryptFor(
  xml: string,
  certificate: string,
  algorithms: EncryptionAlgorithms = {},
): Promise<string> {
  const publicKey = new X509Certificate(certificate).publicKey.export({ type: 'spki', format: 'pem' });
  return new Promise((resolve, reject) =>
    xmlenc.encrypt(
      xml,
      {
        rsa_pub: publicKey,
        pem: certificate,
        encryptionAlgorithm: algorithms.encryption ?? 'http://www.w3.org/2009/xmlenc11#aes256-gcm',
        keyEncryptionAlgorithm: algorithms.keyTransport ?? 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p',
        // A test may make what a careless provider sends (RSA-1.5, 3DES), to see it refused.
        disallowEncryptionWithInsecureAlgorithm:
          algorithms.encryption === undefined && algorithms.keyTransport === undefined,
        warnInsecureAlgorithm: false,
      },
      (error, result) => (error || !result ? reject(error ?? new Error('no result')) : resolve(result)),
    ),
  );
}

/** A valid response whose signed assertion is encrypted for `certificate` (our SP encryption key). */
export async function encryptedResponseFor(
  idp: TestIdp,
  requestId: string | null,
  nameId: string,
  certificate: string,
  spec: Partial<SamlResponseSpec> = {},
  algorithms: EncryptionAlgorithms = {},
): Promise<string> {
  const plain = responseFor(idp, requestId, nameId, { ...spec, signResponse: false });
  const start = plain.indexOf('<saml:Assertion ');
  const endTag = '</saml:Assertion>';
  const end = plain.indexOf(endTag) + endTag.length;
  const encrypted = await encryptFor(plain.slice(start, end), certificate, algorithms);
  const xml = `${plain.slice(0, start)}<saml:EncryptedAssertion>${encrypted}</saml:EncryptedAssertion>${plain.slice(end)}`;
  return signElement(xml, 'Response', idp.key, spec.embedCert ?? true);
}

/** The certificates of our SP metadata, by use (`signing`, `encryption`), as PEM. */
export function metadataCertificates(metadataXml: string, use: 'signing' | 'encryption'): string[] {
  const pattern = new RegExp(
    `<md:KeyDescriptor use="${use}">.*?<ds:X509Certificate>([^<]+)</ds:X509Certificate>`,
    'g',
  );
  return [...metadataXml.matchAll(pattern)].map(
    (m) =>
      `-----BEGIN CERTIFICATE-----\n${(m[1] ?? '').replace(/(.{64})/g, '$1\n').trim()}\n-----END CERTIFICATE-----\n`,
  );
}
