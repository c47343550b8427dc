import assert from 'node:assert/strict';
import type { Express } from 'express';
import request from 'supertest';
import { SessionModel } from '../../../server/models/Session.js';
import { AuditEntryModel } from '../../../server/models/AuditEntry.js';
import { sweepExpired } from '../../../server/auth/sweeper.js';
import { resetDatabase } from '../../support/database.js';
import { seedDirectory, type Directory } from '../../support/fixtures.js';
import { PRODUCTION_SECRETS, testApp, testConfig } from '../../support/app.js';
import { withNextSessionReadFailing } from '../../support/faults.js';
import { registerTestIdp, sessionCookie, signInWithSaml, testKey, type TestIdp } from '../../support/saml.js';

describe('sessions: cookie, CSRF, time-outs, sign-out', () => {
  let app: Express;
  let dir: Directory;
  let lyon: TestIdp;
  before(async () => {
    await resetDatabase();
    dir = await seedDirectory();
    lyon = await registerTestIdp(testConfig(), 'lyon-idp', 'lyon', await testKey('lyon-idp'));
    app = testApp();
  });
  beforeEach(async () => {
    await SessionModel.deleteMany({});
  });

  it('gives a CSRF token and refuses cookie writes without it', async () => {
    const { cookie, csrf } = await signInWithSaml(app, lyon, 'csrf@lyon.example');
    assert.ok(csrf.length >= 32);
    const csrfRes = await request(app).get('/api/v1/csrf').set('Cookie', cookie).expect(200);
    assert.equal(csrfRes.body.csrfToken, csrf);
    await request(app).post('/api/v1/auth/logout').set('Cookie', cookie).expect(403);
    await request(app)
      .post('/api/v1/auth/logout')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', 'x'.repeat(43))
      .expect(403);
    await request(app).get('/api/v1/me').set('Cookie', cookie).expect(200);
    await request(app)
      .post('/api/v1/auth/logout')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', csrf)
      .expect(200);
    await request(app).get('/api/v1/me').set('Cookie', cookie).expect(401);
    assert.equal(await SessionModel.countDocuments({}), 0);
    assert.ok(await AuditEntryModel.findOne({ action: 'auth.signed_out' }).lean());
  });

  it('starts a new session id at sign-in (no fixation)', async () => {
    const pre = await request(app).get('/api/v1/csrf').expect(200);
    const preCookie = sessionCookie(pre);
    assert.ok(preCookie);
    const signedIn = await signInWithSaml(app, lyon, 'fix@lyon.example', {}, preCookie);
    assert.notEqual(signedIn.cookie, preCookie);
    await request(app).get('/api/v1/me').set('Cookie', preCookie).expect(401);
  });

  it('signs out everywhere: every session of the person ends', async () => {
    const a = await signInWithSaml(app, lyon, 'many@lyon.example');
    const b = await signInWithSaml(app, lyon, 'many@lyon.example');
    const res = await request(app)
      .post('/api/v1/auth/logout-everywhere')
      .set('Cookie', a.cookie)
      .set('X-CSRF-Token', a.csrf)
      .expect(200);
    assert.equal(res.body.ended, 2);
    await request(app).get('/api/v1/me').set('Cookie', a.cookie).expect(401);
    await request(app).get('/api/v1/me').set('Cookie', b.cookie).expect(401);
  });

  it('ends the sessions of a suspended person at once', async () => {
    const s = await signInWithSaml(app, lyon, 'suspend@lyon.example');
    await request(app)
      .post(`/api/v1/people/${s.personId}/status`)
      .set(dir.people.admin.auth)
      .send({ status: 'suspended', reason: 'test' })
      .expect(200);
    await request(app).get('/api/v1/me').set('Cookie', s.cookie).expect(401);
    assert.equal(await SessionModel.countDocuments({ personId: s.personId }), 0);
  });

  it('refuses a session past its absolute lifetime, and one past its idle time-out', async () => {
    const s = await signInWithSaml(app, lyon, 'old@lyon.example');
    const stored = await SessionModel.findOne({ personId: s.personId }).lean();
    const data = JSON.parse(stored!.data) as { signedInAt: number };
    data.signedInAt = Date.now() - 13 * 3_600_000;
    await SessionModel.updateOne({ _id: stored!._id }, { $set: { data: JSON.stringify(data) } });
    const res = await request(app).get('/api/v1/me').set('Cookie', s.cookie).expect(401);
    assert.match(res.body.detail, /session has ended/);
    assert.equal(await SessionModel.countDocuments({ personId: s.personId }), 0);

    const idle = await signInWithSaml(app, lyon, 'idle@lyon.example');
    await SessionModel.updateOne(
      { personId: idle.personId },
      { $set: { expires: new Date(Date.now() - 1000) } },
    );
    await request(app).get('/api/v1/me').set('Cookie', idle.cookie).expect(401);
    assert.equal(await sweepExpired(), 1);
  });

  it('extends the idle time-out without a write per request: only once it would move by a minute or more', async () => {
    const s = await signInWithSaml(app, lyon, 'rolling@lyon.example');
    const idleMs = testConfig().session.idleMinutes * 60_000;
    const storedExpiry = async () =>
      (await SessionModel.findOne({ personId: s.personId }).lean())!.expires.getTime();
    const afterSignIn = await storedExpiry();
    await request(app).get('/api/v1/me').set('Cookie', s.cookie).expect(200);
    await request(app).get('/api/v1/me').set('Cookie', s.cookie).expect(200);
    assert.equal(await storedExpiry(), afterSignIn, 'requests within the minute write nothing');

    // As if the last write was two minutes ago: the next request moves the expiry to a full idle time-out.
    const twoMinutesAgo = new Date(Date.now() + idleMs - 120_000);
    await SessionModel.updateOne({ personId: s.personId }, { $set: { expires: twoMinutesAgo } });
    const before = Date.now();
    await request(app).get('/api/v1/me').set('Cookie', s.cookie).expect(200);
    const extended = await storedExpiry();
    assert.ok(extended >= before + idleMs, `expiry moved to a full idle time-out (${extended - before} ms)`);
  });

  it('refuses a cookie that names no live session once, clearing it, instead of going anonymous', async () => {
    const s = await signInWithSaml(app, lyon, 'stale@lyon.example');
    const out = await request(app)
      .post('/api/v1/auth/logout')
      .set('Cookie', s.cookie)
      .set('X-CSRF-Token', s.csrf)
      .expect(200);
    assert.match(String(out.headers['set-cookie']), /concordia\.sid=;.*Expires=Thu, 01 Jan 1970/);
    const stale = await request(app).get('/api/v1/cities').set('Cookie', s.cookie).expect(401);
    assert.match(String(stale.headers['set-cookie']), /concordia\.sid=;/);
    await request(app).get('/api/v1/cities').set('Cookie', 'concordia.sid=s%3Aforged.signature').expect(401);
    await request(app).get('/api/v1/cities').expect(200);
  });

  it('reads a session whose stored data cannot be parsed as none: a clean 401, not a server error', async () => {
    const s = await signInWithSaml(app, lyon, 'garbled@lyon.example');
    await SessionModel.updateOne({ personId: s.personId }, { $set: { data: '{"cookie":' } });
    const res = await request(app).get('/api/v1/me').set('Cookie', s.cookie).expect(401);
    assert.match(String(res.headers['set-cookie']), /concordia\.sid=;/);
  });

  it('keeps the session when reading it fails for a moment: the request fails, the next one is signed in', async () => {
    const s = await signInWithSaml(app, lyon, 'blip@lyon.example');
    const failed = await withNextSessionReadFailing(() =>
      request(app).get('/api/v1/me').set('Cookie', s.cookie),
    );
    assert.ok(failed.status >= 500, `a server error, not ${failed.status}`);
    assert.equal(failed.headers['set-cookie'], undefined, 'the cookie is left alone');
    assert.equal(
      await SessionModel.countDocuments({ personId: s.personId }),
      1,
      'the session is still stored',
    );
    const me = await request(app).get('/api/v1/me').set('Cookie', s.cookie).expect(200);
    assert.equal(me.body.person.id, s.personId);
  });

  it('keeps bearer-token requests free of CSRF and of cookies', async () => {
    await request(app).get('/api/v1/me').set(dir.people.admin.auth).expect(200);
    const res = await request(app)
      .post('/api/v1/auth/logout-everywhere')
      .set(dir.people.practitioner.auth)
      .expect(200);
    assert.equal(res.body.ended, 0);
  });

  it('sets the cookie Secure in production, and only over HTTPS', async () => {
    const production = testApp({
      ...PRODUCTION_SECRETS,
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(40),
      TRUST_PROXY: '1',
    });
    const plain = await request(production).get('/api/v1/csrf').expect(200);
    assert.equal(sessionCookie(plain), null);
    const https = await request(production).get('/api/v1/csrf').set('X-Forwarded-Proto', 'https').expect(200);
    assert.match(String(https.headers['set-cookie']), /concordia\.sid=.*; Secure/);
  });
});
