/**
 * The identity-provider console over the real app: registration from a metadata URL, test sign-ins
 * answered with real signed (and unsigned) SAML responses, the values the last sign-in sent,
 * certificate rollover, and who may do each (admins for all, a focal point for their own city).
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateRawSync } from 'node:zlib';
import type { Express } from 'express';
import request from 'supertest';
import { createApiToken } from '../../../../server/services/tokens/apiTokens.js';
import { createPerson } from '../../../../server/services/people/createPerson.js';
import { PersonModel } from '../../../../server/models/Person.js';
import { SessionModel } from '../../../../server/models/Session.js';
import { AuditEntryModel } from '../../../../server/models/AuditEntry.js';
import { resetDatabase } from '../../../support/database.js';
import { OPERATOR, seedDirectory, type Directory } from '../../../support/fixtures.js';
import { testApp } from '../../../support/app.js';
import {
  idpMetadataXml,
  postToAcs,
  responseFor,
  signInWithSaml,
  testKey,
  type TestIdp,
} from '../../../support/saml.js';
import type { SigningKey } from '../../../../server/auth/devIdp/samlResponse.js';

const ENTITY = 'https://idp.lyon.example/saml';
const SSO = 'https://idp.lyon.example/sso';

/** Serves `body` once per request at a local address. */
async function serve(body: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/samlmetadata+xml' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/metadata.xml`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The id of the AuthnRequest carried by a redirect URL. */
function requestIdOf(url: string): string {
  const samlRequest = new URL(url).searchParams.get('SAMLRequest') ?? '';
  const xml = inflateRawSync(Buffer.from(samlRequest, 'base64')).toString('utf8');
  const id = /\sID="([^"]+)"/.exec(xml)?.[1];
  if (!id) throw new Error('no request id');
  return id;
}

describe('identity providers: metadata URL, test sign-in, last sign-in values, rollover', () => {
  let app: Express;
  let dir: Directory;
  let keyA: SigningKey;
  let keyB: SigningKey;
  let idp: TestIdp;
  let ammanFocal: { Authorization: string };

  before(async () => {
    await resetDatabase();
    dir = await seedDirectory();
    app = testApp();
    keyA = await testKey('lyon-idp');
    keyB = await testKey('lyon-idp-next');
    const made = await createPerson(OPERATOR, {
      name: 'Amal Focal',
      email: 'focal@amman.test.example',
      roles: ['focal_point'],
      city: 'amman',
      languages: [],
      expertise: [],
      status: 'active',
    });
    ammanFocal = { Authorization: `Bearer ${(await createApiToken(OPERATOR, made.id, 'test', 1)).token}` };
    idp = {
      slug: 'lyon-test',
      entityId: ENTITY,
      ssoUrl: SSO,
      key: keyA,
      acs: 'http://localhost:3000/auth/saml/lyon-test/acs',
      audience: 'http://localhost:3000/auth/saml/lyon-test/metadata',
    };
  });

  it('registers a provider from its metadata URL (a focal point, for their own city)', async () => {
    const metadata = await serve(idpMetadataXml(ENTITY, SSO, [keyA.cert]));
    try {
      const res = await request(app)
        .post('/api/v1/identity-providers')
        .set(dir.people.focal.auth)
        .send({
          slug: idp.slug,
          city: 'lyon',
          name: 'Lyon test',
          metadataUrl: metadata.url,
          attributeMap: { email: 'email', name: 'displayName', groups: 'groups' },
          roleRules: [{ value: 'mayors', role: 'leader' }],
        })
        .expect(201);
      assert.equal(res.body.entityId, ENTITY);
      assert.equal(res.body.certificates.length, 1);
      assert.deepEqual(res.body.abilities, {
        update: true,
        test: true,
        allowPrivilegedRoles: false,
        allowSha1: false,
        rolloverSpKeys: false,
      });
      const audit = await AuditEntryModel.findOne({ action: 'idp.registered' }).lean();
      assert.equal((audit?.details as Record<string, unknown>).from, 'metadataUrl');
    } finally {
      await metadata.close();
    }
  });

  it('refuses a focal point of another city, before fetching anything, and hides the provider', async () => {
    let fetched = 0;
    const server = http.createServer((_req, res) => {
      fetched += 1;
      res.end(idpMetadataXml(ENTITY, SSO, [keyA.cert]));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await request(app)
        .post('/api/v1/identity-providers')
        .set(ammanFocal)
        .send({ slug: 'lyon-evil', city: 'lyon', name: 'X', metadataUrl: `http://127.0.0.1:${port}/m` })
        .expect(403);
      assert.equal(fetched, 0, 'nothing is fetched for a refused caller');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await request(app).get(`/api/v1/identity-providers/${idp.slug}`).set(ammanFocal).expect(404);
    await request(app)
      .post(`/api/v1/identity-providers/${idp.slug}/test-sign-ins`)
      .set(ammanFocal)
      .expect(404);
    await request(app)
      .patch(`/api/v1/identity-providers/${idp.slug}`)
      .set(ammanFocal)
      .send({ attributeMap: { email: 'mail' } })
      .expect(404);
    await request(app)
      .post(`/api/v1/identity-providers/${idp.slug}/test-sign-ins`)
      .set(dir.people.practitioner.auth)
      .expect(404);
  });

  it('refuses bad metadata XML and a metadata URL that does not answer 200, storing nothing', async () => {
    const bad = await request(app)
      .post('/api/v1/identity-providers')
      .set(dir.people.admin.auth)
      .send({
        slug: 'lyon-bad',
        city: 'lyon',
        name: 'X',
        metadataXml: '<md:EntityDescriptor><unclosed></md:EntityDescriptor>',
      })
      .expect(400);
    assert.match(bad.body.detail, /metadata was refused/);
    const missing = await serve('');
    await missing.close();
    const gone = await request(app)
      .post('/api/v1/identity-providers')
      .set(dir.people.admin.auth)
      .send({ slug: 'lyon-gone', city: 'lyon', name: 'X', metadataUrl: missing.url })
      .expect(400);
    assert.equal(gone.body.code, 'metadata_fetch_failed');
    const listed = await request(app)
      .get('/api/v1/identity-providers?city=lyon')
      .set(dir.people.admin.auth)
      .expect(200);
    assert.deepEqual(
      listed.body.items.map((i: { slug: string }) => i.slug),
      [idp.slug],
    );
  });

  it('runs a test sign-in: the signed answer is accepted, nobody is signed in, and the outcome is shown', async () => {
    const people = await PersonModel.countDocuments({});
    const started = await request(app)
      .post(`/api/v1/identity-providers/${idp.slug}/test-sign-ins`)
      .set(dir.people.focal.auth)
      .expect(201);
    assert.ok(String(started.body.url).startsWith(`${SSO}?SAMLRequest=`));
    const requestId = requestIdOf(started.body.url);
    const xml = responseFor(idp, requestId, 'tester@lyon.example', {
      attributes: { email: 'tester@lyon.example', displayName: 'Tess Tester', groups: ['mayors', 'staff'] },
    });
    const answer = await postToAcs(app, idp.slug, xml).expect(303);
    assert.equal(answer.headers.location, `/admin/identity-providers/${idp.slug}?test=${started.body.id}`);
    assert.equal(answer.headers['set-cookie'], undefined, 'no session is started');
    assert.equal(await PersonModel.countDocuments({}), people, 'nobody is provisioned');
    assert.equal(await SessionModel.countDocuments({}), 0);

    const result = await request(app)
      .get(`/api/v1/identity-providers/${idp.slug}/test-sign-ins/${started.body.id}`)
      .set(dir.people.focal.auth)
      .expect(200);
    assert.equal(result.body.status, 'succeeded');
    assert.equal(result.body.nameId, 'tester@lyon.example');
    assert.deepEqual(result.body.outcome.roles, ['leader']);
    assert.equal(result.body.outcome.name, 'Tess Tester');
    assert.deepEqual(result.body.attributes.find((a: { name: string }) => a.name === 'groups').values, [
      'mayors',
      'staff',
    ]);
    // Another city's focal point cannot read it.
    await request(app)
      .get(`/api/v1/identity-providers/${idp.slug}/test-sign-ins/${started.body.id}`)
      .set(ammanFocal)
      .expect(404);

    // The same answer again is a replay: refused, and the test stays as it was.
    await postToAcs(app, idp.slug, xml).expect(401);

    // What the last sign-in sent is kept with the provider, for mapping.
    const read = await request(app)
      .get(`/api/v1/identity-providers/${idp.slug}`)
      .set(dir.people.focal.auth)
      .expect(200);
    assert.equal(read.body.lastSignIn.test, true);
    assert.deepEqual(read.body.lastSignIn.attributes.map((a: { name: string }) => a.name).sort(), [
      'displayName',
      'email',
      'groups',
    ]);
  });

  it('reports an unsigned answer to a test sign-in as failed, and signs nobody in', async () => {
    const started = await request(app)
      .post(`/api/v1/identity-providers/${idp.slug}/test-sign-ins`)
      .set(dir.people.admin.auth)
      .expect(201);
    const xml = responseFor(idp, requestIdOf(started.body.url), 'unsigned@lyon.example', {
      signResponse: false,
      signAssertion: false,
    });
    const answer = await postToAcs(app, idp.slug, xml).expect(303);
    assert.equal(answer.headers['set-cookie'], undefined);
    const result = await request(app)
      .get(`/api/v1/identity-providers/${idp.slug}/test-sign-ins/${started.body.id}`)
      .set(dir.people.admin.auth)
      .expect(200);
    assert.equal(result.body.status, 'failed');
    assert.match(result.body.reason, /signature/i);
    assert.equal(result.body.outcome, null);
    assert.equal(await PersonModel.countDocuments({ email: 'unsigned@lyon.example' }), 0);
  });

  it('rolls certificates over: a second one is accepted beside the first, then the first is removed', async () => {
    const path = `/api/v1/identity-providers/${idp.slug}`;
    const added = await request(app)
      .patch(path)
      .set(dir.people.focal.auth)
      .send({ addCertificates: [keyB.cert] })
      .expect(200);
    assert.equal(added.body.certificates.length, 2);
    // Both keys sign acceptable answers now.
    for (const key of [keyA, keyB]) {
      const started = await request(app).post(`${path}/test-sign-ins`).set(dir.people.focal.auth).expect(201);
      const xml = responseFor(idp, requestIdOf(started.body.url), 'roll@lyon.example', {}, key);
      await postToAcs(app, idp.slug, xml).expect(303);
      const result = await request(app)
        .get(`${path}/test-sign-ins/${started.body.id}`)
        .set(dir.people.focal.auth)
        .expect(200);
      assert.equal(result.body.status, 'succeeded', result.body.reason);
    }
    const oldFingerprint = added.body.certificates.find(
      (c: { subject: string }) => c.subject.includes('lyon-idp') && !c.subject.includes('next'),
    ).fingerprint256;
    const removed = await request(app)
      .patch(path)
      .set(dir.people.focal.auth)
      .send({ removeCertificates: [oldFingerprint] })
      .expect(200);
    assert.equal(removed.body.certificates.length, 1);
    const started = await request(app).post(`${path}/test-sign-ins`).set(dir.people.focal.auth).expect(201);
    await postToAcs(
      app,
      idp.slug,
      responseFor(idp, requestIdOf(started.body.url), 'old@lyon.example', {}, keyA),
    ).expect(303);
    const refused = await request(app)
      .get(`${path}/test-sign-ins/${started.body.id}`)
      .set(dir.people.focal.auth)
      .expect(200);
    assert.equal(refused.body.status, 'failed', 'the old key is no longer accepted');
    // The last certificate stays.
    const last = await request(app)
      .patch(path)
      .set(dir.people.focal.auth)
      .send({ removeCertificates: [removed.body.certificates[0].fingerprint256] })
      .expect(409);
    assert.equal(last.body.code, 'last_certificate');
  });

  it('keeps what a real sign-in sent too, and lets only admins allow privileged roles', async () => {
    await signInWithSaml(app, { ...idp, key: keyB }, 'real@lyon.example', {
      attributes: { email: 'real@lyon.example', department: 'Youth' },
    });
    const read = await request(app)
      .get(`/api/v1/identity-providers/${idp.slug}`)
      .set(dir.people.admin.auth)
      .expect(200);
    assert.equal(read.body.lastSignIn.test, false);
    assert.deepEqual(read.body.lastSignIn.attributes, [
      { name: 'email', values: ['real@lyon.example'] },
      { name: 'department', values: ['Youth'] },
    ]);
    assert.equal(read.body.abilities.allowPrivilegedRoles, true);
    assert.equal(read.body.abilities.rolloverSpKeys, true, 'an admin may roll our keys over');
    await request(app)
      .patch(`/api/v1/identity-providers/${idp.slug}`)
      .set(dir.people.focal.auth)
      .send({ allowPrivilegedRoles: true })
      .expect(403);
  });
});
