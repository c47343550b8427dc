/**
 * The checks node-saml leaves to us, made on the documents it validated: the top-level Status must be
 * Success (node-saml reads a valid assertion whatever the status says); Issuer (the provider's
 * entity id, on the response and the assertion), Destination (on the signed
 * Response) and Recipient (on the signed assertion's bearer confirmation) must be our ACS; validity
 * windows must be present; IssueInstant and AuthnInstant must be recent; every signature must use
 * SHA-256 or better (SHA-1 only where the provider allows it, reported for the audit log); the NameID
 * must be one plain text node; the InResponseTo is consumed once; the assertion id is accepted once
 * (replay cache until the assertion expires).
 */
import type { Element } from '@xmldom/xmldom';
import type { Profile } from '@node-saml/node-saml';
import { SamlAssertionModel } from '../../models/SamlAssertion.js';
import { isDuplicateKey } from '../../errors.js';
import { consumeRequestId } from './requestCache.js';
import { parseStrictXml } from './safeXml.js';

const SAML_ASSERTION_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';
const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

/** What the sign-in page tells the person about a refusal (translated there). */
export type SamlRefusalCode =
  | 'idp_status'
  | 'too_old'
  | 'weak_signature'
  | 'other_browser'
  | 'unsolicited'
  | 'request_expired'
  | 'invalid_response';

/** A refusal with a short reason for the audit log and a code for the person. */
export class SamlRefusal extends Error {
  override name = 'SamlRefusal';
  constructor(
    message: string,
    readonly code: SamlRefusalCode = 'invalid_response',
  ) {
    super(message);
  }
}

/** Whether an XML Signature algorithm URI is SHA-1 based (rsa-sha1, sha1, dsa-sha1, ecdsa-sha1...). */
export function isSha1Algorithm(uri: string): boolean {
  return /sha1$/i.test(uri.trim());
}

/**
 * Whether any XML Signature in the document uses a SHA-1 signature method or digest (only inside
 * ds:Signature: an EncryptedKey's RSA-OAEP digest is not a signature). Throws on one without algorithm.
 */
export function usesSha1(doc: Element): boolean {
  let found = false;
  const signatures = doc.getElementsByTagNameNS(DSIG_NS, 'Signature');
  for (let s = 0; s < signatures.length; s++) {
    const signature = signatures.item(s);
    if (!signature) continue;
    for (const localName of ['SignatureMethod', 'DigestMethod']) {
      const nodes = signature.getElementsByTagNameNS(DSIG_NS, localName);
      for (let i = 0; i < nodes.length; i++) {
        const algorithm = nodes.item(i)?.getAttribute('Algorithm') ?? '';
        if (!algorithm) throw new SamlRefusal(`${localName} without Algorithm`);
        if (isSha1Algorithm(algorithm)) found = true;
      }
    }
  }
  return found;
}

/** Refuses an instant that is missing, malformed or older than the allowed age (plus skew). */
function checkRecent(value: string | null, what: string, maxAgeMs: number, skewMs: number): void {
  const at = Date.parse(value ?? '');
  if (!Number.isFinite(at)) throw new SamlRefusal(`${what} missing or malformed`);
  if (maxAgeMs > 0 && Date.now() - at > maxAgeMs + skewMs)
    throw new SamlRefusal(`${what} too old`, 'too_old');
}

function children(parent: Element, localName: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).localName === localName) found.push(node as Element);
  }
  return found;
}

function only(parent: Element, localName: string): Element {
  const found = children(parent, localName);
  if (found.length !== 1) throw new SamlRefusal(`expected one ${localName}, found ${found.length}`);
  return found[0] as Element;
}

/** What the checks established. */
export interface CheckedAssertion {
  nameId: string;
  assertionId: string;
  expiresAt: Date;
  /** The request this answered (consumed), or null for an allowed unsolicited response. */
  inResponseTo: string | null;
  /** Whether a signature used SHA-1 (only possible when the provider allows it). */
  usedSha1: boolean;
}

/** Runs the checks; throws {@link SamlRefusal}. */
export async function checkValidatedResponse(
  profile: Profile,
  expected: {
    idpId: string;
    entityId: string;
    acsUrl: string;
    allowUnsolicited: boolean;
    allowSha1: boolean;
    clockSkewMs: number;
    /** The largest age of IssueInstant and AuthnInstant (0: not checked). */
    maxAuthnAgeMs: number;
  },
): Promise<CheckedAssertion> {
  const responseXml = profile.getSamlResponseXml?.();
  const assertionXml = profile.getAssertionXml?.();
  if (!responseXml || !assertionXml) throw new SamlRefusal('no validated assertion');

  const response = parseStrictXml(responseXml).documentElement as Element;
  if (response.localName !== 'Response') throw new SamlRefusal('not a Response');
  if (response.getAttribute('Destination') !== expected.acsUrl)
    throw new SamlRefusal('wrong or missing Destination');
  const statusCode = only(only(response, 'Status'), 'StatusCode').getAttribute('Value');
  if (statusCode !== SUCCESS)
    throw new SamlRefusal(`status is not Success: ${String(statusCode).slice(0, 120)}`, 'idp_status');

  const assertion = parseStrictXml(assertionXml).documentElement as Element;
  if (assertion.localName !== 'Assertion' || assertion.namespaceURI !== SAML_ASSERTION_NS)
    throw new SamlRefusal('not an Assertion');
  // node-saml checks the issuer of logout messages only: check the sign-in's issuers here.
  if (only(assertion, 'Issuer').textContent?.trim() !== expected.entityId)
    throw new SamlRefusal('wrong Issuer');
  const responseIssuer = children(response, 'Issuer');
  if (responseIssuer.some((i) => i.textContent?.trim() !== expected.entityId))
    throw new SamlRefusal('wrong Issuer');
  const assertionId = assertion.getAttribute('ID');
  if (!assertionId) throw new SamlRefusal('assertion without ID');
  const usedSha1 = usesSha1(response) || usesSha1(assertion);
  if (usedSha1 && !expected.allowSha1) throw new SamlRefusal('SHA-1 signature or digest', 'weak_signature');
  checkRecent(
    assertion.getAttribute('IssueInstant'),
    'IssueInstant',
    expected.maxAuthnAgeMs,
    expected.clockSkewMs,
  );
  for (const statement of children(assertion, 'AuthnStatement'))
    checkRecent(
      statement.getAttribute('AuthnInstant'),
      'AuthnInstant',
      expected.maxAuthnAgeMs,
      expected.clockSkewMs,
    );

  const subject = only(assertion, 'Subject');
  const nameIdElement = only(subject, 'NameID');
  const nodes = Array.from({ length: nameIdElement.childNodes.length }, (_, i) =>
    nameIdElement.childNodes.item(i),
  );
  if (nodes.length !== 1 || nodes[0]?.nodeType !== 3)
    throw new SamlRefusal('NameID is not one plain text value');
  const nameId = (nodes[0]?.nodeValue ?? '').trim();
  if (!nameId || nameId !== (profile.nameID ?? '').trim()) throw new SamlRefusal('NameID mismatch');

  const bearer = children(subject, 'SubjectConfirmation').filter(
    (c) => c.getAttribute('Method') === 'urn:oasis:names:tc:SAML:2.0:cm:bearer',
  );
  const data = bearer.flatMap((c) => children(c, 'SubjectConfirmationData'));
  if (data.length === 0) throw new SamlRefusal('no bearer subject confirmation');
  if (!data.every((d) => d.getAttribute('Recipient') === expected.acsUrl))
    throw new SamlRefusal('wrong or missing Recipient');
  if (!data.every((d) => d.getAttribute('NotOnOrAfter')))
    throw new SamlRefusal('subject confirmation never expires');

  const conditions = only(assertion, 'Conditions');
  const notOnOrAfter = Date.parse(conditions.getAttribute('NotOnOrAfter') ?? '');
  if (!Number.isFinite(notOnOrAfter)) throw new SamlRefusal('assertion without NotOnOrAfter');

  const inResponseTo = response.getAttribute('InResponseTo');
  if (inResponseTo) {
    for (const d of data) {
      const own = d.getAttribute('InResponseTo');
      if (own && own !== inResponseTo) throw new SamlRefusal('InResponseTo mismatch');
    }
    if (!(await consumeRequestId(expected.idpId, inResponseTo)))
      throw new SamlRefusal('InResponseTo unknown, expired or already answered', 'request_expired');
  } else if (!expected.allowUnsolicited) throw new SamlRefusal('unsolicited response', 'unsolicited');

  const expiresAt = new Date(notOnOrAfter + expected.clockSkewMs);
  try {
    await SamlAssertionModel.create({ _id: `${expected.idpId}:${assertionId}`, expiresAt });
  } catch (error) {
    if (isDuplicateKey(error)) throw new SamlRefusal('assertion replayed', 'request_expired');
    throw error;
  }
  return { nameId, assertionId, expiresAt, inResponseTo: inResponseTo || null, usedSha1 };
}
