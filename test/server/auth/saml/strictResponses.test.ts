/**
 * SAML strict by default, with real signed (and encrypted) messages: a non-Success Status refused
 * even around a valid assertion, stale IssueInstant/AuthnInstant refused, SHA-1 refused unless the
 * provider allows it (then audited), encrypted assertions accepted for our key only, and every answer
 * bound to the browser that started the sign-in (login CSRF).
 */
import assert from 'node:assert/strict';
import type { Express } from 'express';
import request from 'supertest';
import { AuditEntryModel } from '../../../../server/models/AuditEntry.js';
import { PersonModel } from '../../../../server/models/Person.js';
import { SessionModel } from '../../../../server/models/Session.js';
import { resetDatabase } from '../../../support/database.js';
import { seedDirectory, type Directory } from '../../../support/fixtures.js';
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
import { encryptedResponseFor, metadataCertificates } from '../../../support/samlEncryption.js';

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

describe('/auth/saml/:idp/acs is strict by default', () => {
  let app: Express;
  let lyon: TestIdp;
  let legacy: TestIdp;
  let open: TestIdp;
  let dir: Directory;
  before(async () => {
    await resetDatabase();
    dir = await seedDirectory();
    const config = testConfig();
    lyon = await registerTestIdp(config, 'lyon-idp', 'lyon', await testKey('lyon-idp'));
    legacy = await registerTestIdp(config, 'lyon-legacy', 'lyon', await testKey('lyon-legacy'), {
      allowSha1: true,
    });
    open = await registerTestIdp(config, 'lyon-open', 'lyon', await testKey('lyon-open'), {
      allowUnsolicited: true,
    });
    app = testApp();
  });
  beforeEach(async () => {
    await SessionModel.deleteMany({});
  });

  async function lastFailure() {
    const last = await AuditEntryModel.findOne({ action: 'auth.sign_in_failed' }).sort({ seq: -1 }).lean();
    return (last?.details ?? {}) as { reason?: string; code?: string };
  }

  async function refused(res: request.Response, reason: RegExp, code: string): Promise<void> {
    assert.equal(res.status, 401, `expected 401, got ${res.status} ${res.text}`);
    assert.equal(res.body.code, `saml_${code}`);
    assert.equal(sessionCookie(res), null, 'no session cookie');
    assert.equal(await SessionModel.countDocuments({}), 0, 'no session document');
    const failure = await lastFailure();
    assert.match(String(failure.reason), reason);
    assert.equal(failure.code, code);
  }

  async function fresh(idp: TestIdp, nameId: string, spec = {}): Promise<string> {
    const { requestId } = await startLogin(app, idp);
    return responseFor(idp, requestId, nameId, spec);
  }

  describe('Status', () => {
    for (const status of [
      'urn:oasis:names:tc:SAML:2.0:status:Responder',
      'urn:oasis:names:tc:SAML:2.0:status:Requester',
      'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed',
    ]) {
      it(`refuses a ${status.split(':').pop()} response even around a valid signed assertion`, async () => {
        const xml = await fresh(lyon, 'status@lyon.example', { statusCode: status });
        await refused(await postToAcs(app, lyon.slug, xml), /status is not Success/, 'idp_status');
        assert.equal(await PersonModel.countDocuments({ email: 'status@lyon.example' }), 0);
      });
    }

    it('sends a browser back to the sign-in page with the reason to translate', async () => {
      const { requestId, binding } = await startLogin(app, lyon);
      const xml = responseFor(lyon, requestId, 'status@lyon.example', {
        statusCode: 'urn:oasis:names:tc:SAML:2.0:status:Responder',
      });
      const res = await request(app)
        .post(`/auth/saml/${lyon.slug}/acs`)
        .set('Accept', 'text/html,application/xhtml+xml')
        .set('Cookie', binding)
        .type('form')
        .send({ SAMLResponse: Buffer.from(xml).toString('base64') })
        .expect(303);
      assert.equal(res.headers.location, '/sign-in?samlError=idp_status');
      assert.equal(sessionCookie(res), null);
      assert.equal((await lastFailure()).code, 'idp_status');
    });
  });

  describe('age of IssueInstant and AuthnInstant', () => {
    it('refuses an assertion issued longer ago than the limit plus the skew (300 s + 60 s)', async () => {
      const xml = await fresh(lyon, 'old@lyon.example', { issueInstant: minutesAgo(7) });
      await refused(await postToAcs(app, lyon.slug, xml), /IssueInstant too old/, 'too_old');
    });

    it('refuses a fresh assertion about an authentication that is too old', async () => {
      const xml = await fresh(lyon, 'old@lyon.example', { authnInstant: minutesAgo(7) });
      await refused(await postToAcs(app, lyon.slug, xml), /AuthnInstant too old/, 'too_old');
    });

    it('accepts instants within the limit plus the skew', async () => {
      const xml = await fresh(lyon, 'recent@lyon.example', {
        issueInstant: minutesAgo(5.5),
        authnInstant: minutesAgo(5.5),
      });
      await postToAcs(app, lyon.slug, xml).expect(303);
    });

    it('takes the limit from SAML_MAX_AUTHN_AGE_SECONDS', async () => {
      const lenient = testApp({ SAML_MAX_AUTHN_AGE_SECONDS: '3600' });
      const { requestId } = await startLogin(lenient, lyon);
      const xml = responseFor(lyon, requestId, 'lenient@lyon.example', { authnInstant: minutesAgo(30) });
      await postToAcs(lenient, lyon.slug, xml).expect(303);
      const strict = testApp({ SAML_MAX_AUTHN_AGE_SECONDS: '60', SAML_CLOCK_SKEW_SECONDS: '0' });
      const second = await startLogin(strict, lyon);
      const stale = responseFor(lyon, second.requestId, 'lenient@lyon.example', {
        authnInstant: minutesAgo(2),
      });
      const res = await postToAcs(strict, lyon.slug, stale);
      assert.equal(res.status, 401);
      assert.match(String((await lastFailure()).reason), /AuthnInstant too old/);
    });
  });

  describe('SHA-1', () => {
    it('refuses an RSA-SHA1 signature by default', async () => {
      const xml = await fresh(lyon, 'sha1@lyon.example', { signatureHash: 'sha1' });
      assert.match(xml, /xmldsig#rsa-sha1/);
      await refused(await postToAcs(app, lyon.slug, xml), /SHA-1/, 'weak_signature');
    });

    it('refuses a SHA-1 digest under an RSA-SHA256 signature by default', async () => {
      const xml = await fresh(lyon, 'sha1@lyon.example', { digestHash: 'sha1' });
      assert.match(xml, /xmldsig#sha1/);
      await refused(await postToAcs(app, lyon.slug, xml), /SHA-1/, 'weak_signature');
    });

    it('refuses SHA-1 on the assertion alone (the response signed SHA-256)', async () => {
      const { requestId } = await startLogin(app, lyon);
      const assertionSha1 = responseFor(lyon, requestId, 'sha1@lyon.example', {
        signResponse: false,
        signatureHash: 'sha1',
        digestHash: 'sha1',
      });
      const { signElement } = await import('../../../../server/auth/devIdp/samlResponse.js');
      const xml = signElement(assertionSha1, 'Response', lyon.key);
      await refused(await postToAcs(app, lyon.slug, xml), /SHA-1/, 'weak_signature');
    });

    it('is allowed per provider by admins only, through the API, and audited', async () => {
      const path = `/api/v1/identity-providers/${lyon.slug}`;
      const focal = await request(app).get(path).set(dir.people.focal.auth).expect(200);
      assert.equal(focal.body.allowSha1, false);
      assert.equal(focal.body.abilities.allowSha1, false);
      await request(app).patch(path).set(dir.people.focal.auth).send({ allowSha1: true }).expect(403);
      const on = await request(app)
        .patch(path)
        .set(dir.people.admin.auth)
        .send({ allowSha1: true })
        .expect(200);
      assert.equal(on.body.allowSha1, true);
      const audit = await AuditEntryModel.findOne({ action: 'idp.updated' }).sort({ seq: -1 }).lean();
      assert.equal((audit?.details as { allowSha1?: boolean }).allowSha1, true);
      const off = await request(app)
        .patch(path)
        .set(dir.people.admin.auth)
        .send({ allowSha1: false })
        .expect(200);
      assert.equal(off.body.allowSha1, false);
    });

    it('accepts SHA-1 from a provider that allows it, and audits each use', async () => {
      const before = await AuditEntryModel.countDocuments({ action: 'idp.sha1_used' });
      const xml = await fresh(legacy, 'legacy@lyon.example', { signatureHash: 'sha1', digestHash: 'sha1' });
      const res = await postToAcs(app, legacy.slug, xml).expect(303);
      assert.ok(sessionCookie(res));
      const entries = await AuditEntryModel.find({ action: 'idp.sha1_used' }).sort({ seq: 1 }).lean();
      assert.equal(entries.length, before + 1);
      const entry = entries.at(-1);
      assert.equal(entry?.target?.label, 'lyon-legacy');
      const person = await PersonModel.findOne({ email: 'legacy@lyon.example' }).lean();
      assert.equal((entry?.details as { person?: string }).person, String(person?._id));
      // A SHA-256 sign-in at the same provider writes no such entry.
      await postToAcs(app, legacy.slug, await fresh(legacy, 'legacy@lyon.example')).expect(303);
      assert.equal(await AuditEntryModel.countDocuments({ action: 'idp.sha1_used' }), before + 1);
    });
  });

  describe('encrypted assertions', () => {
    async function encryptionCert(): Promise<string> {
      const metadata = await request(app).get(`/auth/saml/${lyon.slug}/metadata`).expect(200);
      const [cert] = metadataCertificates(metadata.text, 'encryption');
      assert.ok(cert, 'an encryption certificate is published');
      return cert;
    }

    it('accepts a signed assertion encrypted for our encryption key', async () => {
      const { requestId } = await startLogin(app, lyon);
      const xml = await encryptedResponseFor(lyon, requestId, 'secret@lyon.example', await encryptionCert());
      assert.match(xml, /<saml:EncryptedAssertion>/);
      assert.doesNotMatch(xml, /secret@lyon\.example/);
      const res = await postToAcs(app, lyon.slug, xml).expect(303);
      const me = await request(app)
        .get('/api/v1/me')
        .set('Cookie', sessionCookie(res) ?? '')
        .expect(200);
      assert.equal(me.body.person.email, 'secret@lyon.example');
    });

    it('refuses an assertion encrypted for another key', async () => {
      const { requestId } = await startLogin(app, lyon);
      const other = await testKey('not-our-encryption-key');
      const xml = await encryptedResponseFor(lyon, requestId, 'secret@lyon.example', other.cert);
      const res = await postToAcs(app, lyon.slug, xml);
      assert.equal(res.status, 401);
      assert.equal(await SessionModel.countDocuments({}), 0);
    });

    for (const [name, algorithms] of [
      ['RSA-1.5 key transport', { keyTransport: 'http://www.w3.org/2001/04/xmlenc#rsa-1_5' }],
      ['3DES', { encryption: 'http://www.w3.org/2001/04/xmlenc#tripledes-cbc' }],
    ] as const)
      it(`refuses an assertion encrypted with ${name}, before decrypting it`, async () => {
        const { requestId } = await startLogin(app, lyon);
        const cert = await encryptionCert();
        const xml = await encryptedResponseFor(lyon, requestId, 'secret@lyon.example', cert, {}, algorithms);
        const res = await postToAcs(app, lyon.slug, xml);
        assert.equal(res.status, 401);
        assert.equal(await SessionModel.countDocuments({}), 0);
        assert.match(String((await lastFailure()).reason), /encrypted with http:\/\/www\.w3\.org/);
      });

    it('refuses an encrypted assertion that is not signed, even in a signed response', async () => {
      const { requestId } = await startLogin(app, lyon);
      const xml = await encryptedResponseFor(lyon, requestId, 'secret@lyon.example', await encryptionCert(), {
        signAssertion: false,
      });
      const res = await postToAcs(app, lyon.slug, xml);
      assert.equal(res.status, 401);
      assert.match(String((await lastFailure()).reason), /signature/i);
    });
  });

  describe('the browser that started the sign-in', () => {
    it('sets a short-lived, HttpOnly, path-bound cookie with the login (Lax over http)', async () => {
      const { setCookie, binding } = await startLogin(app, lyon);
      assert.match(binding, /^concordia\.saml-login=[A-Za-z0-9_-]{43}$/);
      assert.match(setCookie, /Max-Age=600/);
      assert.match(setCookie, /Path=\/auth\/saml\/lyon-idp\/acs/);
      assert.match(setCookie, /HttpOnly/);
      assert.match(setCookie, /SameSite=Lax/);
      assert.doesNotMatch(setCookie, /Secure/);
    });

    it('makes the cookie SameSite=None; Secure over https (the provider posts cross-site)', async () => {
      const https = testApp({ PUBLIC_URL: 'https://concordia.example' });
      const res = await request(https).get(`/auth/saml/${lyon.slug}/login`).expect(303);
      const cookie = String(res.headers['set-cookie']);
      assert.match(cookie, /SameSite=None; Secure/);
    });

    it('refuses an answer posted without the cookie (login CSRF), and signs nobody in', async () => {
      const xml = await fresh(lyon, 'victim@lyon.example');
      await refused(await postToAcs(app, lyon.slug, xml, null), /another browser/, 'other_browser');
    });

    it("refuses an answer posted with another sign-in's cookie", async () => {
      const attacker = await startLogin(app, lyon);
      const victim = await startLogin(app, lyon);
      const xml = responseFor(lyon, attacker.requestId, 'attacker@lyon.example');
      await refused(await postToAcs(app, lyon.slug, xml, victim.binding), /another browser/, 'other_browser');
    });

    it('refuses a forged cookie value and a cookie bound to another provider', async () => {
      const { requestId } = await startLogin(app, lyon);
      const xml = responseFor(lyon, requestId, 'victim@lyon.example');
      const forged = `concordia.saml-login=${'A'.repeat(43)}`;
      await refused(await postToAcs(app, lyon.slug, xml, forged), /another browser/, 'other_browser');
      const elsewhere = await startLogin(app, open);
      const second = await startLogin(app, lyon);
      const again = responseFor(lyon, second.requestId, 'victim@lyon.example');
      await refused(
        await postToAcs(app, lyon.slug, again, elsewhere.binding),
        /another browser/,
        'other_browser',
      );
    });

    it('clears the cookie at the ACS, whatever the outcome', async () => {
      const ok = await postToAcs(app, lyon.slug, await fresh(lyon, 'clear@lyon.example')).expect(303);
      assert.match(String(ok.headers['set-cookie']), /concordia\.saml-login=; Max-Age=0/);
      const bad = await postToAcs(
        app,
        lyon.slug,
        await fresh(lyon, 'clear@lyon.example', {
          statusCode: 'urn:oasis:names:tc:SAML:2.0:status:Responder',
        }),
      );
      assert.equal(bad.status, 401);
      assert.match(String(bad.headers['set-cookie']), /concordia\.saml-login=; Max-Age=0/);
    });

    it('still takes an unsolicited answer, with no cookie, from a provider that allows them', async () => {
      const res = await postToAcs(app, open.slug, responseFor(open, null, 'idp-init@lyon.example'), null);
      assert.equal(res.status, 303);
      await postToAcs(app, lyon.slug, responseFor(lyon, null, 'idp-init@lyon.example'), null).expect(401);
      assert.equal((await lastFailure()).code, 'unsolicited');
    });
  });
});
