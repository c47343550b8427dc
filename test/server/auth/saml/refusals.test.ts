import assert from 'node:assert/strict';
import type { Express } from 'express';
import request from 'supertest';
import { CityModel } from '../../../../server/models/City.js';
import { AuditEntryModel } from '../../../../server/models/AuditEntry.js';
import { PersonModel } from '../../../../server/models/Person.js';
import { SessionModel } from '../../../../server/models/Session.js';
import { samlId } from '../../../../server/auth/devIdp/samlResponse.js';
import { resetDatabase } from '../../../support/database.js';
import { seedDirectory } from '../../../support/fixtures.js';
import { testApp, testConfig } from '../../../support/app.js';
import {
  postToAcs,
  registerTestIdp,
  responseFor,
  sessionCookie,
  startLogin,
  testKey,
  type TestIdp,
} from '../../../support/saml.js';
import { XSW_ATTACKS, wrapSignature } from '../../../support/xsw.js';

describe('/auth/saml/:idp/acs refuses hostile and broken responses', () => {
  let app: Express;
  let lyon: TestIdp;
  let amman: TestIdp;
  let open: TestIdp;
  before(async () => {
    await resetDatabase();
    await seedDirectory();
    const config = testConfig();
    lyon = await registerTestIdp(config, 'lyon-idp', 'lyon', await testKey('lyon-idp'));
    amman = await registerTestIdp(config, 'amman-idp', 'amman', await testKey('amman-idp'));
    open = await registerTestIdp(config, 'lyon-open', 'lyon', await testKey('lyon-idp'), {
      allowUnsolicited: true,
    });
    app = testApp();
  });
  beforeEach(async () => {
    await SessionModel.deleteMany({});
  });

  async function refused(res: request.Response, reason?: RegExp): Promise<void> {
    assert.equal(res.status, 401, `expected 401, got ${res.status} ${res.text}`);
    assert.match(res.headers['content-type'] ?? '', /problem\+json/);
    assert.equal(sessionCookie(res), null, 'no session cookie');
    assert.equal(await SessionModel.countDocuments({}), 0, 'no session document');
    await request(app).get('/api/v1/me').expect(401);
    const last = await AuditEntryModel.findOne({ action: 'auth.sign_in_failed' }).sort({ seq: -1 }).lean();
    assert.ok(last, 'the failure is audited');
    if (reason) assert.match(String((last.details as { reason?: string }).reason), reason);
  }

  async function fresh(nameId = 'pat@lyon.example', spec = {}, key = lyon.key): Promise<string> {
    const { requestId } = await startLogin(app, lyon);
    return responseFor(lyon, requestId, nameId, spec, key);
  }

  it('refuses an unsigned response', async () => {
    await refused(
      await postToAcs(app, lyon.slug, await fresh(undefined, { signResponse: false, signAssertion: false })),
    );
  });

  it('refuses a signed assertion in an unsigned response', async () => {
    await refused(
      await postToAcs(app, lyon.slug, await fresh(undefined, { signResponse: false })),
      /signature/i,
    );
  });

  it('refuses a signed response with an unsigned assertion', async () => {
    await refused(
      await postToAcs(app, lyon.slug, await fresh(undefined, { signAssertion: false })),
      /signature/i,
    );
  });

  it('refuses a signature by a key that is not registered', async () => {
    const attacker = await testKey('attacker');
    await refused(await postToAcs(app, lyon.slug, await fresh(undefined, { embedCert: false }, attacker)));
  });

  it('ignores a certificate carried in KeyInfo (attacker key with its certificate embedded)', async () => {
    const attacker = await testKey('attacker');
    await refused(await postToAcs(app, lyon.slug, await fresh(undefined, { embedCert: true }, attacker)));
  });

  for (const attack of XSW_ATTACKS) {
    it(`refuses signature wrapping ${attack}`, async () => {
      const xml = wrapSignature(attack, await fresh('pat@lyon.example'), 'admin@lyon.example');
      await refused(await postToAcs(app, lyon.slug, xml));
      assert.equal(await PersonModel.countDocuments({ email: 'admin@lyon.example' }), 0);
    });
  }

  it('never truncates a NameID at an injected comment', async () => {
    const full = 'admin@city.example.evil.example';
    const xml = await fresh(full, {
      attributes: { displayName: 'Mallory' },
      beforeSigning: (x: string) => x.replace(`>${full}<`, '>admin@city.example<!---->.evil.example<'),
    });
    assert.match(xml, /admin@city\.example<!---->\.evil\.example/);
    const res = await postToAcs(app, lyon.slug, xml);
    // Either outcome is safe: signed in as the full identity, or refused. Never the truncated one.
    if (res.status === 303) {
      const me = await request(app)
        .get('/api/v1/me')
        .set('Cookie', sessionCookie(res) ?? '')
        .expect(200);
      assert.equal(me.body.person.email, full);
    } else await refused(res);
    assert.equal(await PersonModel.countDocuments({ email: 'admin@city.example' }), 0);
  });

  it('refuses a response naming another issuer, even signed with the registered key', async () => {
    const xml = await fresh(undefined, { idpEntityId: 'https://idp.amman.example/saml' });
    await refused(await postToAcs(app, lyon.slug, xml), /Issuer/);
  });

  it('refuses a wrong Audience', async () => {
    await refused(
      await postToAcs(app, lyon.slug, await fresh(undefined, { audience: 'https://other.example/sp' })),
      /audience/i,
    );
  });

  it('refuses a wrong Recipient', async () => {
    await refused(
      await postToAcs(app, lyon.slug, await fresh(undefined, { recipient: 'https://evil.example/acs' })),
      /Recipient/,
    );
  });

  it('refuses a wrong Destination', async () => {
    await refused(
      await postToAcs(app, lyon.slug, await fresh(undefined, { destination: 'https://evil.example/acs' })),
      /Destination/,
    );
  });

  it('refuses an expired assertion', async () => {
    const past = Date.now() - 10 * 60_000;
    const xml = await fresh(undefined, { notBefore: new Date(past - 60_000), notOnOrAfter: new Date(past) });
    await refused(await postToAcs(app, lyon.slug, xml), /expired|valid/i);
  });

  it('tolerates the configured clock skew, and no more', async () => {
    const justExpired = {
      notBefore: new Date(Date.now() - 120_000),
      notOnOrAfter: new Date(Date.now() - 30_000),
    };
    await postToAcs(app, lyon.slug, await fresh('skew@lyon.example', justExpired)).expect(303);
    await SessionModel.deleteMany({});
    const strict = testApp({ SAML_CLOCK_SKEW_SECONDS: '0' });
    const { requestId } = await startLogin(strict, lyon);
    const xml = responseFor(lyon, requestId, 'skew@lyon.example', justExpired);
    const res = await postToAcs(strict, lyon.slug, xml);
    assert.equal(res.status, 401);
    assert.equal(await SessionModel.countDocuments({}), 0);
  });

  it('refuses an assertion that is not yet valid', async () => {
    const future = Date.now() + 10 * 60_000;
    const xml = await fresh(undefined, {
      notBefore: new Date(future),
      notOnOrAfter: new Date(future + 60_000),
    });
    await refused(await postToAcs(app, lyon.slug, xml), /not yet valid/i);
  });

  it('accepts an assertion once: a replay is refused', async () => {
    const xml = responseFor(open, null, 'replay@lyon.example', { assertionId: samlId() });
    const first = await postToAcs(app, open.slug, xml).expect(303);
    assert.ok(sessionCookie(first));
    await SessionModel.deleteMany({});
    await refused(await postToAcs(app, open.slug, xml), /replayed/);
  });

  it('refuses an unknown InResponseTo', async () => {
    await refused(
      await postToAcs(app, lyon.slug, responseFor(lyon, samlId(), 'pat@lyon.example')),
      /InResponseTo/,
    );
  });

  it('refuses a reused InResponseTo (a second assertion answering the same request)', async () => {
    const { requestId } = await startLogin(app, lyon);
    await postToAcs(app, lyon.slug, responseFor(lyon, requestId, 'pat@lyon.example')).expect(303);
    await SessionModel.deleteMany({});
    await refused(
      await postToAcs(app, lyon.slug, responseFor(lyon, requestId, 'pat@lyon.example')),
      /InResponseTo/,
    );
  });

  it('refuses a request id issued for another provider', async () => {
    const { requestId } = await startLogin(app, amman);
    await refused(
      await postToAcs(app, lyon.slug, responseFor(lyon, requestId, 'pat@lyon.example')),
      /InResponseTo/,
    );
  });

  it('refuses an unsolicited response unless the provider allows them', async () => {
    await refused(await postToAcs(app, lyon.slug, responseFor(lyon, null, 'pat@lyon.example')));
  });

  it("refuses city A's provider's response posted to city B's endpoint", async () => {
    const { requestId } = await startLogin(app, amman);
    const forged = responseFor(
      { ...lyon, acs: amman.acs, audience: amman.audience, entityId: amman.entityId },
      requestId,
      'pat@lyon.example',
    );
    await refused(await postToAcs(app, amman.slug, forged));
    const ammanCity = await CityModel.findOne({ slug: 'amman' }).lean();
    assert.equal(await PersonModel.countDocuments({ email: 'pat@lyon.example', cityId: ammanCity?._id }), 0);
  });

  it('refuses a DTD with an external entity', async () => {
    const xml = await fresh();
    const hostile =
      `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${xml}`.replace(
        'pat@lyon.example</saml:NameID>',
        'pat@lyon.example&xxe;</saml:NameID>',
      );
    await refused(await postToAcs(app, lyon.slug, hostile), /DTD/);
  });

  it('refuses malformed XML and a missing SAMLResponse', async () => {
    await refused(await postToAcs(app, lyon.slug, '<samlp:Response><unclosed></samlp:Response'), /malformed/);
    await refused(await request(app).post(`/auth/saml/${lyon.slug}/acs`).type('form').send({ other: 'x' }));
  });

  it('answers 404 for an unknown provider', async () => {
    await request(app).get('/auth/saml/nowhere/login').expect(404);
    await postToAcs(app, 'nowhere', '<x/>').expect(404);
  });
});
