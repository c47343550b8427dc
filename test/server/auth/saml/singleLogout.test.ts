import assert from 'node:assert/strict';
import { X509Certificate, verify } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import type { Express } from 'express';
import request from 'supertest';
import { AuditEntryModel } from '../../../../server/models/AuditEntry.js';
import { SessionModel } from '../../../../server/models/Session.js';
import { resetDatabase } from '../../../support/database.js';
import { seedDirectory } from '../../../support/fixtures.js';
import { testApp, testConfig } from '../../../support/app.js';
import { metadataCertificates } from '../../../support/samlEncryption.js';
import {
  logoutResponseFor,
  logoutRequestFor,
  registerTestIdp,
  signInWithSaml,
  testKey,
  type TestIdp,
} from '../../../support/saml.js';

/** Whether a redirect URL's query is signed (HTTP-Redirect binding) by `certificate`. */
function redirectSignedBy(location: string, certificate: string): boolean {
  const parts = (location.split('?')[1] ?? '').split('&');
  const signed = parts.filter((p) => !p.startsWith('Signature=')).join('&');
  const signature = decodeURIComponent(parts.find((p) => p.startsWith('Signature='))?.slice(10) ?? '');
  return verify(
    'sha256',
    Buffer.from(signed),
    new X509Certificate(certificate).publicKey,
    Buffer.from(signature, 'base64'),
  );
}

/** The XML of a redirect URL's SAMLRequest or SAMLResponse. */
function redirectMessage(location: string, name: 'SAMLRequest' | 'SAMLResponse'): string {
  const value = new URL(location).searchParams.get(name) ?? '';
  return inflateRawSync(Buffer.from(value, 'base64')).toString('utf8');
}

describe('/auth/saml/:idp/slo: single logout', () => {
  let app: Express;
  let lyon: TestIdp;
  let slo: string;
  before(async () => {
    await resetDatabase();
    await seedDirectory();
    const config = testConfig();
    lyon = await registerTestIdp(config, 'lyon-idp', 'lyon', await testKey('lyon-idp'), {
      sloUrl: 'https://idp.lyon.example/slo',
    });
    slo = `${config.publicUrl}/auth/saml/lyon-idp/slo`;
    app = testApp();
  });

  const post = (xml: string) =>
    request(app)
      .post('/auth/saml/lyon-idp/slo')
      .type('form')
      .send({ SAMLRequest: Buffer.from(xml).toString('base64') });

  it("gives the provider's logout URL when signing out of a SAML session", async () => {
    const s = await signInWithSaml(app, lyon, 'slo@lyon.example');
    const res = await request(app)
      .post('/api/v1/auth/logout')
      .set('Cookie', s.cookie)
      .set('X-CSRF-Token', s.csrf)
      .expect(200);
    assert.ok(String(res.body.logoutUrl).startsWith('https://idp.lyon.example/slo?SAMLRequest='));
  });

  async function signingCert(): Promise<string> {
    const metadata = await request(app).get('/auth/saml/lyon-idp/metadata').expect(200);
    return metadataCertificates(metadata.text, 'signing')[0]!;
  }

  const postResponse = (xml: string) =>
    request(app)
      .post('/auth/saml/lyon-idp/slo')
      .type('form')
      .send({ SAMLResponse: Buffer.from(xml).toString('base64') });

  /** Signs in, signs out through our API, and returns our LogoutRequest's URL and id. */
  async function signOutThroughUs(nameId: string): Promise<{ url: string; id: string; cookie: string }> {
    const s = await signInWithSaml(app, lyon, nameId);
    const res = await request(app)
      .post('/api/v1/auth/logout')
      .set('Cookie', s.cookie)
      .set('X-CSRF-Token', s.csrf)
      .expect(200);
    const url = String(res.body.logoutUrl);
    const id = /\sID="([^"]+)"/.exec(redirectMessage(url, 'SAMLRequest'))?.[1] ?? '';
    return { url, id, cookie: s.cookie };
  }

  it('SP-initiated: sends a LogoutRequest signed with our key, for the signed-in subject', async () => {
    const { url, cookie } = await signOutThroughUs('sp-out@lyon.example');
    await request(app).get('/api/v1/me').set('Cookie', cookie).expect(401);
    const xml = redirectMessage(url, 'SAMLRequest');
    assert.match(xml, /<samlp:LogoutRequest/);
    assert.match(xml, />sp-out@lyon\.example</);
    assert.match(xml, /Destination="https:\/\/idp\.lyon\.example\/slo"/);
    assert.equal(
      new URL(url).searchParams.get('SigAlg'),
      'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    );
    assert.ok(redirectSignedBy(url, await signingCert()), 'signed with our published signing key');
  });

  it("SP-initiated: accepts the provider's signed LogoutResponse to our request, once", async () => {
    const { id } = await signOutThroughUs('sp-answer@lyon.example');
    const answer = logoutResponseFor(lyon, slo, id);
    const res = await postResponse(answer).expect(303);
    assert.equal(res.headers.location, '/');
    await postResponse(answer).expect(400);
    await postResponse(logoutResponseFor(lyon, slo, id)).expect(400);
  });

  it('SP-initiated: refuses unsigned, wrongly signed, failed, unknown and misaddressed LogoutResponses', async () => {
    const { id } = await signOutThroughUs('sp-refused@lyon.example');
    await postResponse(logoutResponseFor(lyon, slo, id, { signed: false })).expect(400);
    await postResponse(logoutResponseFor(lyon, slo, id, { key: await testKey('attacker') })).expect(400);
    await postResponse(
      logoutResponseFor(lyon, slo, id, { status: 'urn:oasis:names:tc:SAML:2.0:status:Responder' }),
    ).expect(400);
    await postResponse(logoutResponseFor(lyon, slo, '_never_sent_by_us')).expect(400);
    await postResponse(logoutResponseFor(lyon, 'https://evil.example/slo', id)).expect(400);
    const failures = await AuditEntryModel.find({ action: 'auth.logout_failed' })
      .sort({ seq: -1 })
      .limit(5)
      .lean();
    assert.equal(failures.length, 5, 'each refusal is audited');
    // None of them used up the request: the genuine answer is still accepted.
    await postResponse(logoutResponseFor(lyon, slo, id)).expect(303);
  });

  it('IdP-initiated: answers with a LogoutResponse signed with our key', async () => {
    await signInWithSaml(app, lyon, 'idp-answer@lyon.example');
    const request = logoutRequestFor(lyon, slo, 'idp-answer@lyon.example');
    const requestId = /\sID="([^"]+)"/.exec(request)?.[1];
    const res = await post(request).expect(303);
    const location = String(res.headers.location);
    const xml = redirectMessage(location, 'SAMLResponse');
    assert.match(xml, new RegExp(`InResponseTo="${requestId}"`));
    assert.match(xml, /status:Success/);
    assert.ok(redirectSignedBy(location, await signingCert()));
  });

  it('ends every session of the person on a signed LogoutRequest from the provider, once', async () => {
    const a = await signInWithSaml(app, lyon, 'idp-out@lyon.example');
    const b = await signInWithSaml(app, lyon, 'idp-out@lyon.example');
    const xml = logoutRequestFor(lyon, slo, 'idp-out@lyon.example');
    const res = await post(xml).expect(303);
    assert.ok(String(res.headers.location).startsWith('https://idp.lyon.example/slo?SAMLResponse='));
    await request(app).get('/api/v1/me').set('Cookie', a.cookie).expect(401);
    await request(app).get('/api/v1/me').set('Cookie', b.cookie).expect(401);
    await post(xml).expect(400);
  });

  it('refuses unsigned, wrongly signed and misaddressed logout requests', async () => {
    const s = await signInWithSaml(app, lyon, 'stay@lyon.example');
    await post(logoutRequestFor(lyon, slo, 'stay@lyon.example', lyon.key, false)).expect(400);
    await post(logoutRequestFor(lyon, slo, 'stay@lyon.example', await testKey('attacker'))).expect(400);
    await post(logoutRequestFor(lyon, 'https://evil.example/slo', 'stay@lyon.example')).expect(400);
    await request(app).get('/auth/saml/lyon-idp/slo?SAMLRequest=abc').expect(400);
    await request(app).get('/api/v1/me').set('Cookie', s.cookie).expect(200);
    assert.equal(await SessionModel.countDocuments({ personId: s.personId }), 1);
  });
});
