/**
 * Our SP key pairs: made on first need, private keys sealed at rest, AuthnRequests signed with the
 * current signing key (HTTP-Redirect signature verified here with the published certificate), both
 * keys published during a rollover, encrypted assertions for either key accepted during it, and the
 * retired key unpublished and unused after promotion. Each rollover step is audited.
 */
import assert from 'node:assert/strict';
import { X509Certificate, verify } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { AuditEntryModel } from '../../../../server/models/AuditEntry.js';
import { ServiceProviderKeyModel } from '../../../../server/models/ServiceProviderKey.js';
import { SessionModel } from '../../../../server/models/Session.js';
import { loadSpKeys } from '../../../../server/auth/saml/spKeys.js';
import {
  listSpKeys,
  promoteSpKey,
  publishNextSpKey,
} from '../../../../server/services/identityProviders/spKeyRollover.js';
import { ForbiddenError } from '../../../../server/errors.js';
import { loadActivePersonActor } from '../../../../server/policy/personActor.js';
import { resetDatabase } from '../../../support/database.js';
import { OPERATOR, seedDirectory, type Directory } from '../../../support/fixtures.js';
import { testApp, testConfig } from '../../../support/app.js';
import { postToAcs, registerTestIdp, startLogin, testKey, type TestIdp } from '../../../support/saml.js';
import { encryptedResponseFor, metadataCertificates } from '../../../support/samlEncryption.js';

/** Verifies the HTTP-Redirect signature of a login URL with `certificate`. */
function redirectSignedBy(location: string, certificate: string): boolean {
  const query = location.split('?')[1] ?? '';
  const parts = query.split('&');
  const signed = parts.filter((p) => !p.startsWith('Signature=')).join('&');
  const signature = decodeURIComponent(parts.find((p) => p.startsWith('Signature='))?.slice(10) ?? '');
  return verify(
    'sha256',
    Buffer.from(signed),
    new X509Certificate(certificate).publicKey,
    Buffer.from(signature, 'base64'),
  );
}

describe('our SAML keys: signed requests, published certificates, rollover', () => {
  let app: Express;
  let lyon: TestIdp;
  let dir: Directory;
  before(async () => {
    await resetDatabase();
    dir = await seedDirectory();
    lyon = await registerTestIdp(testConfig(), 'lyon-idp', 'lyon', await testKey('lyon-idp'));
    app = testApp();
  });

  async function metadata(): Promise<string> {
    return (await request(app).get(`/auth/saml/${lyon.slug}/metadata`).expect(200)).text;
  }

  it('makes a signing and an encryption key on first need, with the private keys sealed', async () => {
    await ServiceProviderKeyModel.deleteMany({});
    const xml = await metadata();
    assert.equal(metadataCertificates(xml, 'signing').length, 1);
    assert.equal(metadataCertificates(xml, 'encryption').length, 1);
    const stored = await ServiceProviderKeyModel.find({}).lean();
    assert.deepEqual(stored.map((k) => `${k.use}:${k.state}`).sort(), [
      'encryption:current',
      'signing:current',
    ]);
    for (const key of stored) {
      assert.match(key.privateKey, /^sealed:v1:/);
      assert.doesNotMatch(JSON.stringify(key), /PRIVATE KEY/);
    }
    // The same keys on the next load (no new key per request).
    await metadata();
    assert.equal(await ServiceProviderKeyModel.countDocuments({}), 2);
  });

  it('makes one current key per use even when many requests need it at once', async () => {
    await ServiceProviderKeyModel.deleteMany({});
    await Promise.all(Array.from({ length: 4 }, () => loadSpKeys()));
    assert.equal(await ServiceProviderKeyModel.countDocuments({ state: 'current' }), 2);
  });

  it('signs AuthnRequests (RSA-SHA256) with the published signing key, and says so in the metadata', async () => {
    const xml = await metadata();
    assert.match(xml, /AuthnRequestsSigned="true"/);
    assert.match(xml, /WantAssertionsSigned="true"/);
    const [signing] = metadataCertificates(xml, 'signing');
    const { location, xml: authnRequest } = await startLogin(app, lyon);
    // AuthnInstant must be recent (SAML_MAX_AUTHN_AGE_SECONDS): the provider is asked to authenticate anew.
    assert.match(authnRequest, /ForceAuthn="true"/);
    const url = new URL(location);
    assert.equal(url.searchParams.get('SigAlg'), 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    assert.ok(redirectSignedBy(location, signing!), 'the signature verifies with the published certificate');
    const attacker = await testKey('attacker');
    assert.equal(redirectSignedBy(location, attacker.cert), false);
  });

  it('publishes a next signing key beside the current one, then signs with it once promoted', async () => {
    const [before] = metadataCertificates(await metadata(), 'signing');
    const listed = await publishNextSpKey(OPERATOR, 'signing');
    assert.deepEqual(
      listed.filter((k) => k.use === 'signing').map((k) => k.state),
      ['current', 'next'],
    );
    const during = metadataCertificates(await metadata(), 'signing');
    assert.equal(during.length, 2);
    assert.equal(during[0], before);
    const next = during[1]!;
    // Still signed with the current key while the next one is only published.
    assert.ok(redirectSignedBy((await startLogin(app, lyon)).location, before!));
    await assert.rejects(publishNextSpKey(OPERATOR, 'signing'), /already published/);

    await promoteSpKey(OPERATOR, 'signing');
    const after = metadataCertificates(await metadata(), 'signing');
    assert.deepEqual(after, [next], 'only the new key is published; the old one is retired');
    const { location } = await startLogin(app, lyon);
    assert.ok(redirectSignedBy(location, next));
    assert.equal(redirectSignedBy(location, before!), false);
    assert.equal(await ServiceProviderKeyModel.countDocuments({ use: 'signing', state: 'retired' }), 1);
    await assert.rejects(promoteSpKey(OPERATOR, 'signing'), /no next key/);

    const audit = await AuditEntryModel.find({ action: /^sp_key\./ })
      .sort({ seq: 1 })
      .lean();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['sp_key.next_published', 'sp_key.promoted'],
    );
  });

  it('decrypts with either encryption key during a rollover, and never with a retired one', async () => {
    await publishNextSpKey(OPERATOR, 'encryption');
    const [current, next] = metadataCertificates(await metadata(), 'encryption');
    assert.ok(current && next);
    for (const cert of [current, next]) {
      const { requestId } = await startLogin(app, lyon);
      const xml = await encryptedResponseFor(lyon, requestId, 'rollover@lyon.example', cert);
      await postToAcs(app, lyon.slug, xml).expect(303);
    }
    await promoteSpKey(OPERATOR, 'encryption');
    assert.deepEqual(metadataCertificates(await metadata(), 'encryption'), [next]);
    await SessionModel.deleteMany({});
    const { requestId } = await startLogin(app, lyon);
    const stale = await encryptedResponseFor(lyon, requestId, 'rollover@lyon.example', current);
    await postToAcs(app, lyon.slug, stale).expect(401);
    assert.equal(await SessionModel.countDocuments({}), 0);
  });

  it('finishes a promotion interrupted between its two writes', async () => {
    await publishNextSpKey(OPERATOR, 'signing');
    const next = await ServiceProviderKeyModel.findOne({ slot: 'signing:next' }).lean();
    // The crash: the current key retired, the next not yet promoted.
    const current = await ServiceProviderKeyModel.findOne({ slot: 'signing:current' }).lean();
    await ServiceProviderKeyModel.updateOne(
      { _id: current!._id },
      { $set: { state: 'retired', slot: `retired:${String(current!._id)}` } },
    );
    const keys = await loadSpKeys();
    assert.equal(keys.signing.length, 1);
    assert.equal(keys.signing[0]?.id, String(next!._id));
  });

  it('lets admins and the operator roll keys over, and nobody else', async () => {
    const admin = await loadActivePersonActor(dir.people.admin.id);
    const focal = await loadActivePersonActor(dir.people.focal.id);
    assert.ok(admin && focal);
    assert.ok((await listSpKeys(admin)).length >= 2);
    await assert.rejects(listSpKeys(focal), ForbiddenError);
    await assert.rejects(publishNextSpKey(focal, 'signing'), ForbiddenError);
  });

  it('shows our certificates on the provider page, with the next one during a rollover', async () => {
    await publishNextSpKey(OPERATOR, 'encryption');
    const res = await request(app)
      .get(`/api/v1/identity-providers/${lyon.slug}`)
      .set(dir.people.admin.auth)
      .expect(200);
    const certs = res.body.spCertificates as { use: string; state: string; pem: string }[];
    assert.deepEqual(
      certs.map((c) => `${c.use}:${c.state}`),
      ['signing:current', 'encryption:current', 'encryption:next'],
    );
    await promoteSpKey(OPERATOR, 'encryption');
  });

  it('offers the rollover to admins through the API (409 out of turn), and to nobody else', async () => {
    const list = await request(app).get('/api/v1/saml/sp-keys').set(dir.people.admin.auth).expect(200);
    assert.deepEqual(
      list.body.items.map((k: { use: string; state: string }) => `${k.use}:${k.state}`),
      ['signing:current', 'encryption:current'],
    );
    await request(app).get('/api/v1/saml/sp-keys').set(dir.people.focal.auth).expect(403);
    await request(app).post('/api/v1/saml/sp-keys/signing/next').set(dir.people.focal.auth).expect(403);
    await request(app).post('/api/v1/saml/sp-keys/signing/promote').set(dir.people.admin.auth).expect(409);
    await request(app).post('/api/v1/saml/sp-keys/other/next').set(dir.people.admin.auth).expect(400);
    const next = await request(app)
      .post('/api/v1/saml/sp-keys/signing/next')
      .set(dir.people.admin.auth)
      .expect(200);
    assert.equal(next.body.items.length, 3);
    await request(app).post('/api/v1/saml/sp-keys/signing/next').set(dir.people.admin.auth).expect(409);
    const promoted = await request(app)
      .post('/api/v1/saml/sp-keys/signing/promote')
      .set(dir.people.admin.auth)
      .expect(200);
    assert.equal(promoted.body.items.length, 2);
    const last = await AuditEntryModel.findOne({ action: 'sp_key.promoted' }).sort({ seq: -1 }).lean();
    assert.equal(last?.actor?.id, dir.people.admin.id);
  });
});
