/**
 * SAML test kit: keys made at test time (selfsigned), providers registered through the real service,
 * the real login redirect read back for its request id and its login-binding cookie (the kit then acts
 * as the browser that started the sign-in: postToAcs sends that cookie back unless told otherwise),
 * responses signed with xml-crypto, assertions encrypted with xml-encryption (samlEncryption.ts).
 */
import { inflateRawSync } from 'node:zlib';
import type { Express } from 'express';
import { generate } from 'selfsigned';
import request from 'supertest';
import type { Role } from '../../shared/roles.js';
import {
  buildSamlResponse,
  samlId,
  signElement,
  type SamlResponseSpec,
  type SigningKey,
} from '../../server/auth/devIdp/samlResponse.js';
import { registerIdentityProvider } from '../../server/services/identityProviders/registerIdentityProvider.js';
import type { Config } from '../../server/config.js';
import { OPERATOR } from './fixtures.js';

const keyCache = new Map<string, SigningKey>();
/** The login-binding cookie set with each request id (as the browser that started it holds it). */
const bindings = new Map<string, string>();

/** The login-binding cookie (`name=value`) the browser got with `requestId`, if any. */
export function loginBinding(requestId: string): string | undefined {
  return bindings.get(requestId);
}

function setCookies(res: { headers: Record<string, unknown> }): string[] {
  const raw = res.headers['set-cookie'];
  return Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
}

/** A key pair and self-signed certificate, made once per name per run. */
export async function testKey(name: string): Promise<SigningKey> {
  const cached = keyCache.get(name);
  if (cached) return cached;
  const pems = await generate([{ name: 'commonName', value: name }], {
    keySize: 2048,
    notAfterDate: new Date(Date.now() + 30 * 86_400_000),
    algorithm: 'sha256',
  });
  const key = { privateKey: pems.private, cert: pems.cert };
  keyCache.set(name, key);
  return key;
}

/** A provider registered for tests. */
export interface TestIdp {
  slug: string;
  entityId: string;
  ssoUrl: string;
  key: SigningKey;
  acs: string;
  audience: string;
}

/** Registers a provider for a city, signed by `key`. */
export async function registerTestIdp(
  config: Config,
  slug: string,
  city: string,
  key: SigningKey,
  extra: {
    allowUnsolicited?: boolean;
    allowPrivilegedRoles?: boolean;
    defaultRoles?: Role[];
    sloUrl?: string;
    allowSha1?: boolean;
  } = {},
): Promise<TestIdp> {
  const entityId = `https://idp.${city}.example/saml`;
  const ssoUrl = `https://idp.${city}.example/sso`;
  await registerIdentityProvider(
    OPERATOR,
    {
      slug,
      city,
      name: `${city} IdP`,
      entityId,
      ssoUrl,
      certificates: [key.cert],
      attributeMap: { email: 'email', name: 'displayName', position: 'title', groups: 'groups' },
      roleRules: [
        { value: 'mayors', role: 'leader' },
        { value: 'platform-admins', role: 'admin' },
      ],
      ...extra,
    },
    config,
  );
  const base = `${config.publicUrl}/auth/saml/${slug}`;
  return { slug, entityId, ssoUrl, key, acs: `${base}/acs`, audience: `${base}/metadata` };
}

/** GET /login and read the AuthnRequest: its id, where it was sent, and the login-binding cookie. */
export async function startLogin(
  app: Express | string,
  idp: TestIdp,
): Promise<{ requestId: string; location: string; binding: string; setCookie: string; xml: string }> {
  const res = await request(app).get(`/auth/saml/${idp.slug}/login`).expect(303);
  const location = res.headers.location ?? '';
  const samlRequest = new URL(location).searchParams.get('SAMLRequest') ?? '';
  const xml = inflateRawSync(Buffer.from(samlRequest, 'base64')).toString('utf8');
  const id = /\sID="([^"]+)"/.exec(xml)?.[1];
  if (!id) throw new Error(`no request id in ${xml}`);
  const setCookie = setCookies(res).find((c) => c.startsWith('concordia.saml-login=')) ?? '';
  const binding = setCookie.split(';')[0] ?? '';
  bindings.set(id, binding);
  return { requestId: id, location, binding, setCookie, xml };
}

/** The InResponseTo of a response's root element, if any. */
function inResponseToOf(xml: string): string | null {
  return /<samlp:Response\b[^>]*\sInResponseTo="([^"]+)"/.exec(xml)?.[1] ?? null;
}

/** A valid response to `requestId` for `nameId`, with overrides. */
export function responseFor(
  idp: TestIdp,
  requestId: string | null,
  nameId: string,
  spec: Partial<SamlResponseSpec> = {},
  key = idp.key,
): string {
  return buildSamlResponse(
    {
      idpEntityId: idp.entityId,
      acsUrl: idp.acs,
      audience: idp.audience,
      nameId,
      inResponseTo: requestId,
      attributes: { email: nameId, displayName: `Person ${nameId}`, groups: ['staff'] },
      ...spec,
    },
    key,
  );
}

/**
 * POSTs a response XML to the ACS (base64, form-encoded), as the browser that started the sign-in
 * would: with the login-binding cookie of the request it answers, unless `cookie` is given (null: no
 * cookie at all).
 */
export function postToAcs(app: Express, slug: string, xml: string, cookie?: string | null) {
  const requestId = inResponseToOf(xml);
  const sent = cookie === undefined ? (requestId ? bindings.get(requestId) : undefined) : cookie;
  const post = request(app)
    .post(`/auth/saml/${slug}/acs`)
    .type('form')
    .send({ SAMLResponse: Buffer.from(xml, 'utf8').toString('base64') });
  if (sent) void post.set('Cookie', sent);
  return post;
}

/** The session cookie from a response's Set-Cookie, or null. */
export function sessionCookie(res: { headers: Record<string, unknown> }): string | null {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
  const found = list.find((c) => c.startsWith('concordia.sid='));
  return found ? (found.split(';')[0] ?? null) : null;
}

/**
 * Signs in through a provider end to end (`app` is an Express app or a running server's URL); returns
 * the session cookie and the CSRF token.
 */
export async function signInWithSaml(
  app: Express | string,
  idp: TestIdp,
  nameId: string,
  spec: Partial<SamlResponseSpec> = {},
  cookie?: string,
): Promise<{ cookie: string; csrf: string; personId: string }> {
  const { requestId, binding } = await startLogin(app, idp);
  const post = request(app)
    .post(`/auth/saml/${idp.slug}/acs`)
    .type('form')
    .send({ SAMLResponse: Buffer.from(responseFor(idp, requestId, nameId, spec)).toString('base64') });
  void post.set('Cookie', [binding, cookie].filter(Boolean).join('; '));
  const res = await post.expect(303);
  const session = sessionCookie(res);
  if (!session) throw new Error('no session cookie');
  const me = await request(app).get('/api/v1/me').set('Cookie', session).expect(200);
  return { cookie: session, csrf: me.body.csrfToken as string, personId: me.body.person.id as string };
}

/** IdP metadata XML as a provider publishes it (signing certificates in KeyDescriptor). */
export function idpMetadataXml(entityId: string, ssoUrl: string, certs: string[]): string {
  const keys = certs
    .map((pem) => pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, ''))
    .map(
      (b64) =>
        `<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${b64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`,
    )
    .join('');
  return (
    `<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entityId}">` +
    `<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keys}` +
    `<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${ssoUrl.replace('/sso', '/slo')}"/>` +
    `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${ssoUrl}"/>` +
    `</md:IDPSSODescriptor></md:EntityDescriptor>`
  );
}

/** A LogoutRequest from the provider (HTTP-POST binding), signed with `key` unless `signed` is false. */
export function logoutRequestFor(
  idp: TestIdp,
  sloUrl: string,
  nameId: string,
  key = idp.key,
  signed = true,
  id = samlId(),
): string {
  const xml =
    `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id}" Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="${sloUrl}">` +
    `<saml:Issuer>${idp.entityId}</saml:Issuer><saml:NameID>${nameId}</saml:NameID></samlp:LogoutRequest>`;
  return signed ? signElement(xml, 'LogoutRequest', key, false) : xml;
}

/** The provider's LogoutResponse to our LogoutRequest `inResponseTo` (HTTP-POST binding), signed. */
export function logoutResponseFor(
  idp: TestIdp,
  sloUrl: string,
  inResponseTo: string,
  options: { key?: SigningKey; signed?: boolean; status?: string } = {},
): string {
  const status = options.status ?? 'urn:oasis:names:tc:SAML:2.0:status:Success';
  const xml =
    `<samlp:LogoutResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${samlId()}" Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="${sloUrl}" InResponseTo="${inResponseTo}">` +
    `<saml:Issuer>${idp.entityId}</saml:Issuer><samlp:Status><samlp:StatusCode Value="${status}"/></samlp:Status></samlp:LogoutResponse>`;
  return options.signed === false ? xml : signElement(xml, 'LogoutResponse', options.key ?? idp.key, false);
}
