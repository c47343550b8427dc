/**
 * The checks node-saml leaves to us, made on the documents it validated: Issuer (the provider's
 * entity id, on the response and the assertion), Destination (on the signed
 * Response) and Recipient (on the signed assertion's bearer confirmation) must be our ACS; validity
 * windows must be present; the NameID must be one plain text node; the InResponseTo is consumed once;
 * the assertion id is accepted once (replay cache until the assertion expires).
 */
import type { Element } from '@xmldom/xmldom';
import type { Profile } from '@node-saml/node-saml';
import { SamlAssertionModel } from '../../models/SamlAssertion.js';
import { isDuplicateKey } from '../../errors.js';
import { consumeRequestId } from './requestCache.js';
import { parseStrictXml } from './safeXml.js';

const SAML_ASSERTION_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';

/** A refusal with a short reason for the audit log. */
export class SamlRefusal extends Error {
  override name = 'SamlRefusal';
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
}

/** Runs the checks; throws {@link SamlRefusal}. */
export async function checkValidatedResponse(
  profile: Profile,
  expected: {
    idpId: string;
    entityId: string;
    acsUrl: string;
    allowUnsolicited: boolean;
    clockSkewMs: number;
  },
): Promise<CheckedAssertion> {
  const responseXml = profile.getSamlResponseXml?.();
  const assertionXml = profile.getAssertionXml?.();
  if (!responseXml || !assertionXml) throw new SamlRefusal('no validated assertion');

  const response = parseStrictXml(responseXml).documentElement as Element;
  if (response.localName !== 'Response') throw new SamlRefusal('not a Response');
  if (response.getAttribute('Destination') !== expected.acsUrl)
    throw new SamlRefusal('wrong or missing Destination');

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
      throw new SamlRefusal('InResponseTo unknown, expired or already answered');
  } else if (!expected.allowUnsolicited) throw new SamlRefusal('unsolicited response');

  const expiresAt = new Date(notOnOrAfter + expected.clockSkewMs);
  try {
    await SamlAssertionModel.create({ _id: `${expected.idpId}:${assertionId}`, expiresAt });
  } catch (error) {
    if (isDuplicateKey(error)) throw new SamlRefusal('assertion replayed');
    throw error;
  }
  return { nameId, assertionId, expiresAt, inResponseTo: inResponseTo || null };
}
