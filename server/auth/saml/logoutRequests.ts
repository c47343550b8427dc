/**
 * What single logout needs beyond node-saml: replay refusal of the provider's logout requests, whose
 * sessions a logout request ends (the person's sessions signed in through that provider), and the
 * checks on the provider's answer to our own logout request (Status Success, InResponseTo one of our
 * requests, consumed once).
 */
import { inflateRawSync } from 'node:zlib';
import type { Element } from '@xmldom/xmldom';
import type { Types } from 'mongoose';
import { isDuplicateKey } from '../../errors.js';
import { PersonIdentityModel } from '../../models/PersonIdentity.js';
import { SamlAssertionModel } from '../../models/SamlAssertion.js';
import { SessionModel } from '../../models/Session.js';
import { announceSessionsEnded } from '../sessionEvents.js';
import { SamlRefusal } from './checkResponse.js';
import { consumeRequestId } from './requestCache.js';
import { decodeSamlMessage, MAX_SAML_XML_BYTES, parseStrictXml, UnsafeXmlError } from './safeXml.js';

const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

/** Accepts a logout request id once (same replay cache as assertions, kept ten minutes). */
export async function rememberLogoutOnce(key: string): Promise<void> {
  try {
    await SamlAssertionModel.create({ _id: key, expiresAt: new Date(Date.now() + 10 * 60_000) });
  } catch (error) {
    if (isDuplicateKey(error)) throw new SamlRefusal('logout request replayed');
    throw error;
  }
}

/** The person a provider's subject (NameID) names, or null. */
export async function personOfSubject(idpId: Types.ObjectId, subject: string): Promise<string | null> {
  const identity = await PersonIdentityModel.findOne({ idpId, subject }, { personId: 1 }).lean();
  return identity ? String(identity.personId) : null;
}

/** Ends the person's sessions that were signed in through the provider `idpSlug`; returns how many. */
export async function endPersonProviderSessions(personId: string, idpSlug: string): Promise<number> {
  const sessions = await SessionModel.find({ personId, idp: idpSlug }, { _id: 1 }).lean();
  if (sessions.length === 0) return 0;
  await SessionModel.deleteMany({ _id: { $in: sessions.map((s) => s._id) } });
  for (const session of sessions) announceSessionsEnded({ sessionId: String(session._id) });
  return sessions.length;
}

/** The XML of a logout message: deflated (HTTP-Redirect) or not (HTTP-POST), strictly parsed. */
export function logoutMessageXml(message: string, redirect: boolean): Element {
  if (!redirect) return parseStrictXml(decodeSamlMessage(message)).documentElement as Element;
  let xml: string;
  try {
    xml = inflateRawSync(Buffer.from(message, 'base64'), { maxOutputLength: MAX_SAML_XML_BYTES }).toString(
      'utf8',
    );
  } catch {
    throw new UnsafeXmlError('message is not deflated XML');
  }
  return parseStrictXml(xml).documentElement as Element;
}

/** Checks the provider's (validated) answer to our logout request and consumes the request id. */
export async function acceptLogoutResponse(
  idpId: string,
  idpEntityId: string,
  response: Element,
): Promise<void> {
  if (response.localName !== 'LogoutResponse') throw new SamlRefusal('not a LogoutResponse');
  let status: string | null = null;
  const issuers: string[] = [];
  for (let node = response.firstChild; node; node = node.nextSibling) {
    if (node.nodeType !== 1) continue;
    const element = node as Element;
    if (element.localName === 'Issuer') issuers.push((element.textContent ?? '').trim());
    if (element.localName !== 'Status') continue;
    for (let code = element.firstChild; code; code = code.nextSibling)
      if (code.nodeType === 1 && (code as Element).localName === 'StatusCode')
        status = (code as Element).getAttribute('Value');
  }
  if (issuers.length !== 1 || issuers[0] !== idpEntityId) throw new SamlRefusal('wrong Issuer');
  if (status !== SUCCESS) throw new SamlRefusal('logout status is not Success');
  const inResponseTo = response.getAttribute('InResponseTo');
  if (!inResponseTo || !(await consumeRequestId(idpId, inResponseTo)))
    throw new SamlRefusal('logout InResponseTo unknown, expired or already answered');
}
