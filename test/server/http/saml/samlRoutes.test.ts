import assert from 'node:assert/strict';
import type { Express } from 'express';
import request from 'supertest';
import { SessionModel } from '../../../../server/models/Session.js';
import { AuditEntryModel } from '../../../../server/models/AuditEntry.js';
import { resetDatabase } from '../../../support/database.js';
import { seedDirectory, type Directory } from '../../../support/fixtures.js';
import { testApp, testConfig } from '../../../support/app.js';
import {
  postToAcs,
  registerTestIdp,
  signInWithSaml,
  responseFor,
  sessionCookie,
  startLogin,
  testKey,
  type TestIdp,
} from '../../../support/saml.js';

describe('/auth/saml: sign-in end to end', () => {
  let app: Express;
  let lyon: TestIdp;
  let amman: TestIdp;
  let trusted: TestIdp;
  let dir: Directory;
  before(async () => {
    await resetDatabase();
    dir = await seedDirectory();
    const config = testConfig();
    lyon = await registerTestIdp(config, 'lyon-idp', 'lyon', await testKey('lyon-idp'));
    amman = await registerTestIdp(config, 'amman-idp', 'amman', await testKey('amman-idp'));
    trusted = await registerTestIdp(config, 'mu-idp', 'lyon', await testKey('mu-idp'), {
      allowPrivilegedRoles: true,
    });
    app = testApp();
  });
  beforeEach(async () => {
    await SessionModel.deleteMany({});
  });

  it('redirects to the provider with an AuthnRequest, and signs in from its signed answer', async () => {
    const { requestId, location } = await startLogin(app, lyon);
    assert.ok(location.startsWith(`${lyon.ssoUrl}?SAMLRequest=`));
    const res = await postToAcs(app, lyon.slug, responseFor(lyon, requestId, 'nadia@lyon.example')).expect(
      303,
    );
    const cookie = sessionCookie(res);
    assert.ok(cookie, 'a session cookie is set');
    const set = String(res.headers['set-cookie']);
    assert.match(set, /HttpOnly/);
    assert.match(set, /SameSite=Lax/);
    const me = await request(app).get('/api/v1/me').set('Cookie', cookie).expect(200);
    assert.equal(me.body.city.slug, 'lyon');
    assert.deepEqual(me.body.roles, ['practitioner']);
    assert.equal(me.body.person.email, 'nadia@lyon.example');
    assert.equal(me.body.signIn.idp, 'lyon-idp');
    assert.equal(await SessionModel.countDocuments({ personId: me.body.person.id }), 1);
    const audit = await AuditEntryModel.findOne({ action: 'auth.signed_in' }).lean();
    assert.equal(audit?.target?.id, me.body.person.id);
  });

  it('answers 401 problem+json on /me without a session', async () => {
    const res = await request(app).get('/api/v1/me').expect(401);
    assert.match(res.headers['content-type'] ?? '', /problem\+json/);
  });

  it('maps groups to roles, never grants admin from the provider, and keeps the city of the provider', async () => {
    const { requestId } = await startLogin(app, lyon);
    const xml = responseFor(lyon, requestId, 'mayor@lyon.example', {
      attributes: {
        email: 'mayor@lyon.example',
        displayName: 'M. Maire',
        groups: ['mayors', 'platform-admins'],
        city: 'amman',
      },
    });
    const res = await postToAcs(app, lyon.slug, xml).expect(303);
    const me = await request(app)
      .get('/api/v1/me')
      .set('Cookie', sessionCookie(res) ?? '')
      .expect(200);
    assert.deepEqual(me.body.roles, ['leader']);
    assert.equal(me.body.city.slug, 'lyon');
    assert.equal(me.body.person.name, 'M. Maire');
  });

  it('treats the same e-mail at two providers as two people, each in their provider city', async () => {
    const inLyon = await signInWithSaml(app, lyon, 'same@person.example');
    const inAmman = await signInWithSaml(app, amman, 'same@person.example');
    assert.notEqual(inLyon.personId, inAmman.personId);
    const me = await request(app).get('/api/v1/me').set('Cookie', inAmman.cookie).expect(200);
    assert.equal(me.body.city.slug, 'amman');
    const again = await signInWithSaml(app, lyon, 'same@person.example');
    assert.equal(again.personId, inLyon.personId);
  });

  it('grants privileged roles from groups only when the provider explicitly allows it', async () => {
    const s = await signInWithSaml(app, trusted, 'staff@mu.example', {
      attributes: { email: 'staff@mu.example', groups: ['platform-admins'] },
    });
    const me = await request(app).get('/api/v1/me').set('Cookie', s.cookie).expect(200);
    assert.deepEqual(me.body.roles, ['admin']);
  });

  it('refuses a suspended person, and keeps redirects on our own site', async () => {
    const s = await signInWithSaml(app, lyon, 'later-suspended@lyon.example');
    await request(app)
      .post(`/api/v1/people/${s.personId}/status`)
      .set(dir.people.admin.auth)
      .send({ status: 'suspended', reason: 'test' })
      .expect(200);
    const { requestId } = await startLogin(app, lyon);
    await postToAcs(app, lyon.slug, responseFor(lyon, requestId, 'later-suspended@lyon.example')).expect(401);

    for (const relay of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
      const { requestId: id, binding } = await startLogin(app, lyon);
      const res = await request(app)
        .post(`/auth/saml/${lyon.slug}/acs`)
        .type('form')
        .set('Cookie', binding)
        .send({
          SAMLResponse: Buffer.from(responseFor(lyon, id, 'relay@lyon.example')).toString('base64'),
          RelayState: relay,
        })
        .expect(303);
      assert.equal(res.headers.location, '/');
    }
    const { requestId: ok, binding } = await startLogin(app, lyon);
    const res = await request(app)
      .post(`/auth/saml/${lyon.slug}/acs`)
      .type('form')
      .set('Cookie', binding)
      .send({
        SAMLResponse: Buffer.from(responseFor(lyon, ok, 'relay@lyon.example')).toString('base64'),
        RelayState: '/rooms/42',
      })
      .expect(303);
    assert.equal(res.headers.location, '/rooms/42');
  });
});
