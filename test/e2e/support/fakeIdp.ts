/**
 * A city's identity provider for the browser tests, on its own local port: it publishes metadata
 * with its signing certificate, and its /sso page reads our AuthnRequest and offers a button that
 * posts a real signed SAMLResponse (xml-crypto, as a real provider would) to our ACS, or, with
 * `?unsigned=1` on the request, an unsigned one.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateRawSync } from 'node:zlib';
import { buildSamlResponse, xmlEscape, type SigningKey } from '../../../server/auth/devIdp/samlResponse.js';
import { idpMetadataXml, testKey } from '../../support/saml.js';

/** A running fake provider. */
export interface FakeIdp {
  entityId: string;
  ssoUrl: string;
  metadataUrl: string;
  metadataXml: string;
  key: SigningKey;
  close: () => Promise<void>;
}

/** Who the provider signs in, and the attributes it sends. */
export interface FakeIdpPerson {
  nameId: string;
  attributes: Record<string, string | string[]>;
}

/** The request id and issuer of one of our AuthnRequests (HTTP-Redirect binding). */
function readRequest(samlRequest: string): { id: string; issuer: string } | null {
  try {
    const xml = inflateRawSync(Buffer.from(samlRequest, 'base64')).toString('utf8');
    const id = /\sID="([^"]+)"/.exec(xml)?.[1];
    const issuer = /<saml:Issuer[^>]*>([^<]+)<\/saml:Issuer>/.exec(xml)?.[1];
    return id && issuer ? { id, issuer } : null;
  } catch {
    return null;
  }
}

/** Starts the provider; `serverUrl` is our server's base URL, `slug` the provider's slug there. */
export async function startFakeIdp(serverUrl: string, slug: string, person: FakeIdpPerson): Promise<FakeIdp> {
  const key = await testKey(`fake-idp-${slug}`);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    if (url.pathname === '/metadata') {
      res.writeHead(200, { 'Content-Type': 'application/samlmetadata+xml' });
      res.end(metadataXml);
      return;
    }
    const request = url.pathname === '/sso' ? readRequest(url.searchParams.get('SAMLRequest') ?? '') : null;
    const acs = `${serverUrl}/auth/saml/${slug}/acs`;
    if (!request || request.issuer !== `${serverUrl}/auth/saml/${slug}/metadata`) {
      res.writeHead(400, { 'Content-Type': 'text/plain' });
      res.end('not an AuthnRequest of our service provider');
      return;
    }
    const xml = buildSamlResponse(
      {
        idpEntityId: entityId,
        acsUrl: acs,
        audience: request.issuer,
        nameId: person.nameId,
        inResponseTo: request.id,
        attributes: person.attributes,
      },
      key,
    );
    const form = (label: string, message: string) =>
      `<form method="post" action="${xmlEscape(acs)}"><input type="hidden" name="SAMLResponse" value="${Buffer.from(message).toString('base64')}"><button type="submit">${label}</button></form>`;
    const unsigned = buildSamlResponse(
      {
        idpEntityId: entityId,
        acsUrl: acs,
        audience: request.issuer,
        nameId: person.nameId,
        inResponseTo: request.id,
        attributes: person.attributes,
        signResponse: false,
        signAssertion: false,
      },
      key,
    );
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html lang="en"><head><title>Test IdP</title></head><body><main><h1>Test identity provider</h1>${form('Sign in as the test person', xml)}${form('Answer unsigned', unsigned)}</main></body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const entityId = `${base}/idp`;
  const ssoUrl = `${base}/sso`;
  const metadataXml = idpMetadataXml(entityId, ssoUrl, [key.cert]);
  return {
    entityId,
    ssoUrl,
    metadataUrl: `${base}/metadata`,
    metadataXml,
    key,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
