/**
 * Builds and signs SAML 2.0 Responses as an identity provider would (xml-crypto, RSA-SHA256,
 * exclusive c14n). Used by the development identity provider and by the tests, which also use its
 * switches to build the broken and hostile responses the service provider must refuse.
 */
import { randomBytes } from 'node:crypto';
import { SignedXml } from 'xml-crypto';

const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const RSA_SHA1 = 'http://www.w3.org/2000/09/xmldsig#rsa-sha1';
const SHA1 = 'http://www.w3.org/2000/09/xmldsig#sha1';
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

/** The key an identity provider signs with, and its certificate (PEM). */
export interface SigningKey {
  privateKey: string;
  cert: string;
}

/** Everything that goes into a response; the optional parts default to a valid response. */
export interface SamlResponseSpec {
  idpEntityId: string;
  acsUrl: string;
  audience: string;
  nameId: string;
  inResponseTo: string | null;
  attributes?: Record<string, string | string[]>;
  destination?: string;
  recipient?: string;
  notBefore?: Date;
  notOnOrAfter?: Date;
  assertionId?: string;
  responseId?: string;
  sessionIndex?: string;
  signResponse?: boolean;
  signAssertion?: boolean;
  /** Put the signing certificate into KeyInfo (real IdPs do; a service provider must ignore it). */
  embedCert?: boolean;
  /** Edits the XML before signing (tests: comments, extra elements). */
  beforeSigning?: (xml: string) => string;
  /** The top-level StatusCode (default Success). */
  statusCode?: string;
  /** The assertion's (and response's) IssueInstant, and the AuthnInstant (default now). */
  issueInstant?: Date;
  authnInstant?: Date;
  /** Signature and digest algorithms (default SHA-256; SHA-1 for legacy-provider tests). */
  signatureHash?: SignatureHash;
  digestHash?: SignatureHash;
}

/** The hash of a signature method or digest. */
export type SignatureHash = 'sha256' | 'sha1';

/** A fresh SAML id (must start with a letter or underscore). */
export function samlId(): string {
  return `_${randomBytes(20).toString('hex')}`;
}

/** Escapes text for XML content and attribute values. */
export function xmlEscape(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function attributeXml(attributes: Record<string, string | string[]>): string {
  const entries = Object.entries(attributes);
  if (entries.length === 0) return '';
  const items = entries
    .map(([name, value]) => {
      const values = (Array.isArray(value) ? value : [value])
        .map((v) => `<saml:AttributeValue>${xmlEscape(v)}</saml:AttributeValue>`)
        .join('');
      return `<saml:Attribute Name="${xmlEscape(name)}">${values}</saml:Attribute>`;
    })
    .join('');
  return `<saml:AttributeStatement>${items}</saml:AttributeStatement>`;
}

/** Signs the element named by `localName` (enveloped signature placed after its Issuer). */
export function signElement(
  xml: string,
  localName: 'Response' | 'Assertion' | 'LogoutRequest' | 'LogoutResponse',
  key: SigningKey,
  embedCert = true,
  hashes: { signature?: SignatureHash; digest?: SignatureHash } = {},
): string {
  const sig = new SignedXml({
    privateKey: key.privateKey,
    publicCert: embedCert ? key.cert : undefined,
    signatureAlgorithm: hashes.signature === 'sha1' ? RSA_SHA1 : RSA_SHA256,
    canonicalizationAlgorithm: EXC_C14N,
  });
  if (!embedCert) sig.getKeyInfoContent = () => null;
  const xpath = `//*[local-name(.)='${localName}']`;
  const digestAlgorithm = hashes.digest === 'sha1' ? SHA1 : SHA256;
  sig.addReference({ xpath, transforms: [ENVELOPED, EXC_C14N], digestAlgorithm });
  sig.computeSignature(xml, {
    prefix: 'ds',
    location: { reference: `${xpath}/*[local-name(.)='Issuer']`, action: 'after' },
  });
  return sig.getSignedXml();
}

/** Builds the response XML and signs what the spec asks (both response and assertion by default). */
export function buildSamlResponse(spec: SamlResponseSpec, key: SigningKey): string {
  const now = new Date();
  const issued = (spec.issueInstant ?? now).toISOString();
  const authnInstant = (spec.authnInstant ?? spec.issueInstant ?? now).toISOString();
  const notBefore = (spec.notBefore ?? new Date(now.getTime() - 30_000)).toISOString();
  const notOnOrAfter = (spec.notOnOrAfter ?? new Date(now.getTime() + 5 * 60_000)).toISOString();
  const inResponseTo = spec.inResponseTo === null ? '' : ` InResponseTo="${xmlEscape(spec.inResponseTo)}"`;
  const destination = xmlEscape(spec.destination ?? spec.acsUrl);
  const recipient = xmlEscape(spec.recipient ?? spec.acsUrl);
  const issuer = `<saml:Issuer>${xmlEscape(spec.idpEntityId)}</saml:Issuer>`;
  const assertion =
    `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${spec.assertionId ?? samlId()}" Version="2.0" IssueInstant="${issued}">` +
    issuer +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${xmlEscape(spec.nameId)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">` +
    `<saml:SubjectConfirmationData${inResponseTo} NotOnOrAfter="${notOnOrAfter}" Recipient="${recipient}"/>` +
    `</saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}">` +
    `<saml:AudienceRestriction><saml:Audience>${xmlEscape(spec.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${authnInstant}" SessionIndex="${spec.sessionIndex ?? samlId()}">` +
    `<saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    attributeXml(spec.attributes ?? {}) +
    `</saml:Assertion>`;
  let xml =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${spec.responseId ?? samlId()}" Version="2.0" IssueInstant="${issued}" Destination="${destination}"${inResponseTo}>` +
    issuer +
    `<samlp:Status><samlp:StatusCode Value="${xmlEscape(spec.statusCode ?? SUCCESS)}"/></samlp:Status>` +
    assertion +
    `</samlp:Response>`;
  if (spec.beforeSigning) xml = spec.beforeSigning(xml);
  const hashes = { signature: spec.signatureHash, digest: spec.digestHash };
  if (spec.signAssertion ?? true) xml = signElement(xml, 'Assertion', key, spec.embedCert ?? true, hashes);
  if (spec.signResponse ?? true) xml = signElement(xml, 'Response', key, spec.embedCert ?? true, hashes);
  return xml;
}
