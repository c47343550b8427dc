import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import type { Express } from 'express';
import request from 'supertest';
import { AuditEntryModel } from '../../../../server/models/AuditEntry.js';
import { SessionModel } from '../../../../server/models/Session.js';
import { resetDatabase } from '../../../support/database.js';
import { seedDirectory } from '../../../support/fixtures.js';
import { testApp, testConfig } from '../../../support/app.js';
import {
  loginBinding,
  registerTestIdp,
  responseFor,
  sessionCookie,
  startLogin,
  testKey,
  type TestIdp,
} from '../../../support/saml.js';

const base64 = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');

async function lastFailureReason(): Promise<string> {
  const last = await AuditEntryModel.findOne({ action: 'auth.sign_in_failed' }).sort({ seq: -1 }).lean();
  return String((last?.details as { reason?: string } | undefined)?.reason);
}

describe('/auth/saml through passport: the strategy sees only what the route checked', () => {
  let app: Express;
  let lyon: TestIdp;
  const config = testConfig();
  before(async () => {
    await resetDatabase();
    await seedDirectory();
    lyon = await registerTestIdp(config, 'lyon-idp', 'lyon', await testKey('lyon-idp'));
    app = testApp();
  });

  it('starts sign-in with a 303 and our safe RelayState, whatever SAML parameters the query carries', async () => {
    const { requestId } = await startLogin(app, lyon);
    const hostile = base64(responseFor(lyon, requestId, 'query@lyon.example'));
    const res = await request(app)
      .get(`/auth/saml/${lyon.slug}/login`)
      .query({ SAMLResponse: hostile, RelayState: 'https://evil.example/', returnTo: '/rooms/7' })
      .expect(303);
    const location = new URL(res.headers.location ?? '');
    assert.equal(`${location.origin}${location.pathname}`, lyon.ssoUrl);
    assert.equal(location.searchParams.get('RelayState'), '/rooms/7');
    const xml = inflateRawSync(Buffer.from(location.searchParams.get('SAMLRequest') ?? '', 'base64'));
    assert.match(xml.toString('utf8'), /<samlp:AuthnRequest/);
    assert.equal(sessionCookie(res), null, 'starting sign-in creates no session');
  });

  it('never validates a SAMLResponse from the ACS query string, only the checked body', async () => {
    const { requestId } = await startLogin(app, lyon);
    const signed = base64(responseFor(lyon, requestId, 'query@lyon.example'));
    const res = await request(app)
      .post(`/auth/saml/${lyon.slug}/acs?SAMLResponse=${encodeURIComponent(signed)}`)
      .type('form')
      .send({ RelayState: '/' })
      .expect(401);
    assert.equal(sessionCookie(res), null);
    assert.equal(await lastFailureReason(), 'no SAMLResponse');

    const dtd = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>`;
    await request(app)
      .post(`/auth/saml/${lyon.slug}/acs?SAMLResponse=${encodeURIComponent(signed)}`)
      .type('form')
      .send({ SAMLResponse: base64(dtd) })
      .expect(401);
    assert.equal(await lastFailureReason(), 'DTDs and entities are not allowed');
  });

  it('keeps its own session (no passport session data) under a new id at each sign-in', async () => {
    const signIn = async (cookie: string) => {
      const { requestId } = await startLogin(app, lyon);
      return request(app)
        .post(`/auth/saml/${lyon.slug}/acs`)
        .type('form')
        .set('Cookie', [cookie, loginBinding(requestId)].filter(Boolean).join('; '))
        .send({ SAMLResponse: base64(responseFor(lyon, requestId, 'own-session@lyon.example')) })
        .expect(303);
    };
    const first = sessionCookie(await signIn(''));
    assert.ok(first);
    await request(app).get('/api/v1/me').set('Cookie', first).expect(200);
    const second = sessionCookie(await signIn(first));
    assert.ok(second);
    assert.notEqual(second, first, 'a new session id at sign-in');
    await request(app).get('/api/v1/me').set('Cookie', first).expect(401);
    const me = await request(app).get('/api/v1/me').set('Cookie', second).expect(200);
    assert.equal(me.body.person.email, 'own-session@lyon.example');
    const sessions = await SessionModel.find({}).lean();
    assert.ok(sessions.length >= 1);
    for (const s of sessions) assert.equal(JSON.stringify(s).includes('"passport"'), false);
  });

  it('serves our SP metadata: signed requests, signed assertions, our keys and endpoints', async () => {
    const res = await request(app).get(`/auth/saml/${lyon.slug}/metadata`).expect(200);
    assert.match(res.headers['content-type'] ?? '', /application\/samlmetadata\+xml/);
    assert.match(res.text, /entityID="http:\/\/localhost:3000\/auth\/saml\/lyon-idp\/metadata"/);
    assert.match(res.text, /AuthnRequestsSigned="true" WantAssertionsSigned="true"/);
    assert.match(res.text, /<md:KeyDescriptor use="signing">/);
    assert.match(res.text, /<md:KeyDescriptor use="encryption">/);
    assert.match(res.text, /Location="http:\/\/localhost:3000\/auth\/saml\/lyon-idp\/acs"/);
    await request(app).get('/auth/saml/nobody/metadata').expect(404);
    await request(app).get('/auth/saml/nobody/login').expect(404);
  });
});
