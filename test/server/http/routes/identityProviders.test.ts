import assert from 'node:assert/strict';
import type { Express } from 'express';
import request from 'supertest';
import { AuditEntryModel } from '../../../../server/models/AuditEntry.js';
import { resetDatabase } from '../../../support/database.js';
import { seedDirectory, type Directory } from '../../../support/fixtures.js';
import { testApp, testConfig } from '../../../support/app.js';
import { idpMetadataXml, signInWithSaml, testKey, type TestIdp } from '../../../support/saml.js';

describe('/api/v1/identity-providers', () => {
  let app: Express;
  let dir: Directory;
  let certA: string;
  let certB: string;
  const entityId = 'https://idp.lyon.example/saml';
  const ssoUrl = 'https://idp.lyon.example/sso';
  before(async () => {
    await resetDatabase();
    dir = await seedDirectory();
    app = testApp();
    certA = (await testKey('lyon-idp')).cert;
    certB = (await testKey('lyon-idp-next')).cert;
  });

  it('lets an admin register a provider from metadata XML, and shows the SP addresses', async () => {
    const res = await request(app)
      .post('/api/v1/identity-providers')
      .set(dir.people.admin.auth)
      .send({
        slug: 'lyon',
        city: 'lyon',
        name: 'Ville de Lyon',
        metadataXml: idpMetadataXml(entityId, ssoUrl, [certA]),
      })
      .expect(201);
    assert.equal(res.body.entityId, entityId);
    assert.equal(res.body.ssoUrl, ssoUrl);
    assert.equal(res.body.sloUrl, 'https://idp.lyon.example/slo');
    assert.equal(res.body.certificates.length, 1);
    assert.equal(res.body.sp.metadataUrl, 'http://localhost:3000/auth/saml/lyon/metadata');
    const metadata = await request(app).get('/auth/saml/lyon/metadata').expect(200);
    assert.match(metadata.text, /entityID="http:\/\/localhost:3000\/auth\/saml\/lyon\/metadata"/);
    assert.match(metadata.text, /Location="http:\/\/localhost:3000\/auth\/saml\/lyon\/acs"/);
    assert.ok(await AuditEntryModel.findOne({ action: 'idp.registered' }).lean());
  });

  it('refuses metadata with a DTD, and incomplete metadata', async () => {
    const hostile = `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${idpMetadataXml(entityId, ssoUrl, [certA]).replace('<?xml version="1.0"?>', '')}`;
    const bad = await request(app)
      .post('/api/v1/identity-providers')
      .set(dir.people.admin.auth)
      .send({ slug: 'lyon-2', city: 'lyon', name: 'X', metadataXml: hostile })
      .expect(400);
    assert.match(bad.body.detail, /DTD/);
    await request(app)
      .post('/api/v1/identity-providers')
      .set(dir.people.admin.auth)
      .send({ slug: 'lyon-3', city: 'lyon', name: 'X', metadataXml: idpMetadataXml(entityId, ssoUrl, []) })
      .expect(400);
  });

  it("lets a focal point manage their own city's provider only, never privileged roles", async () => {
    const body = {
      city: 'lyon',
      name: 'Lyon staff',
      entityId: 'https://staff.lyon.example',
      ssoUrl: 'https://staff.lyon.example/sso',
      certificates: [certA],
    };
    await request(app)
      .post('/api/v1/identity-providers')
      .set(dir.people.focal.auth)
      .send({ ...body, slug: 'lyon-staff' })
      .expect(201);
    await request(app)
      .post('/api/v1/identity-providers')
      .set(dir.people.focal.auth)
      .send({ ...body, slug: 'amman-x', city: 'amman' })
      .expect(403);
    await request(app)
      .post('/api/v1/identity-providers')
      .set(dir.people.focal.auth)
      .send({ ...body, slug: 'lyon-priv', allowPrivilegedRoles: true })
      .expect(403);
    await request(app)
      .patch('/api/v1/identity-providers/lyon-staff')
      .set(dir.people.focal.auth)
      .send({ allowPrivilegedRoles: true })
      .expect(403);
    await request(app)
      .post('/api/v1/identity-providers')
      .set(dir.people.practitioner.auth)
      .send({ ...body, slug: 'lyon-p' })
      .expect(403);
    await request(app)
      .post('/api/v1/identity-providers')
      .send({ ...body, slug: 'lyon-a' })
      .expect(401);
    const mine = await request(app).get('/api/v1/identity-providers').set(dir.people.focal.auth).expect(200);
    assert.deepEqual(mine.body.items.map((i: { slug: string }) => i.slug).sort(), ['lyon', 'lyon-staff']);
    const other = await request(app)
      .get('/api/v1/identity-providers')
      .set(dir.people.otherCity.auth)
      .expect(403);
    assert.equal(other.status, 403);
  });

  it('rolls certificates over (both accepted at once) and disables a provider', async () => {
    const config = testConfig();
    await request(app)
      .patch('/api/v1/identity-providers/lyon')
      .set(dir.people.admin.auth)
      .send({ certificates: [certA, certB], attributeMap: { email: 'email', name: 'displayName' } })
      .expect(200);
    const base = `${config.publicUrl}/auth/saml/lyon`;
    const idp: TestIdp = {
      slug: 'lyon',
      entityId,
      ssoUrl,
      key: await testKey('lyon-idp'),
      acs: `${base}/acs`,
      audience: `${base}/metadata`,
    };
    const oldKey = await signInWithSaml(app, idp, 'old-key@lyon.example');
    await signInWithSaml(app, { ...idp, key: await testKey('lyon-idp-next') }, 'new-key@lyon.example');
    await request(app)
      .patch('/api/v1/identity-providers/lyon')
      .set(dir.people.admin.auth)
      .send({ status: 'disabled' })
      .expect(200);
    await request(app).get('/auth/saml/lyon/login').expect(404);
    await request(app).get('/api/v1/me').set('Cookie', oldKey.cookie).expect(401);
    assert.ok(await AuditEntryModel.findOne({ action: 'idp.disabled' }).lean());
  });
});
