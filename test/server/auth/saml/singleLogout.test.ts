import assert from 'node:assert/strict';
import type { Express } from 'express';
import request from 'supertest';
import { SessionModel } from '../../../../server/models/Session.js';
import { resetDatabase } from '../../../support/database.js';
import { seedDirectory } from '../../../support/fixtures.js';
import { testApp, testConfig } from '../../../support/app.js';
import {
  logoutRequestFor,
  registerTestIdp,
  signInWithSaml,
  testKey,
  type TestIdp,
} from '../../../support/saml.js';

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
