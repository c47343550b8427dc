/**
 * Security keys and passkeys end to end over HTTP, with a software authenticator that makes real
 * ES256 attestations and signatures (test/support/softAuthenticator.ts): enrolment, naming, removal,
 * the second factor after the password, passkey sign-in, recovery codes, REQUIRE_WEBAUTHN_ROLES, and
 * the hostile cases (wrong challenge, origin or RP ID, replay, counter regression, someone else's
 * key, no user verification for a passkey, removing the last required factor).
 */
import assert from 'node:assert/strict';
import type { Express } from 'express';
import { generate } from 'otplib';
import request from 'supertest';
import { AuditEntryModel } from '../../../../server/models/AuditEntry.js';
import { LocalCredentialModel } from '../../../../server/models/LocalCredential.js';
import { WebAuthnCredentialModel } from '../../../../server/models/WebAuthnCredential.js';
import { SessionModel } from '../../../../server/models/Session.js';
import type { MailMessage } from '../../../../server/auth/mailer.js';
import { resetDatabase } from '../../../support/database.js';
import { localAccount } from '../../../support/localAccounts.js';
import { seedDirectory, type Directory } from '../../../support/fixtures.js';
import { captureMailer, postWithCsrf, testApp, testConfig } from '../../../support/app.js';
import {
  assert as signAssertion,
  createCredential,
  FLAGS,
  randomChallenge,
  type CreationOptions,
  type SoftCredential,
} from '../../../support/softAuthenticator.js';

const PASSWORD = 'correct horse battery staple';
const ORIGIN = 'https://concordia.test';

describe('/api/v1/auth: security keys and passkeys (WebAuthn)', () => {
  let app: Express;
  let strictApp: Express;
  let dir: Directory;
  let messages: MailMessage[];

  before(async () => {
    await resetDatabase();
    dir = await seedDirectory();
    const capture = captureMailer();
    messages = capture.messages;
    app = testApp({ PUBLIC_URL: ORIGIN }, { mailer: capture.mailer });
    strictApp = testApp({ PUBLIC_URL: ORIGIN, REQUIRE_WEBAUTHN_ROLES: 'expert' }, { mailer: capture.mailer });
  });

  async function invitedPerson(email: string, roles: ('expert' | 'partner_observer')[]): Promise<string> {
    const inviting = { app, admin: dir.people.admin.auth, messages };
    return (await localAccount(inviting, { name: email, email, roles }, PASSWORD)).personId;
  }

  async function signIn(
    on: Express,
    email: string,
  ): Promise<{ agent: request.Agent; status: string; factors?: string[] }> {
    const agent = request.agent(on);
    const login = await postWithCsrf(agent, '/api/v1/auth/login', { email, password: PASSWORD });
    assert.equal(login.status, 200, login.text);
    return {
      agent,
      status: login.body.status as string,
      factors: login.body.factors as string[] | undefined,
    };
  }

  async function register(
    agent: request.Agent,
    name: string,
    tamper = {},
  ): Promise<{ key: SoftCredential; res: request.Response }> {
    const options = await postWithCsrf(agent, '/api/v1/auth/webauthn/register/options');
    assert.equal(options.status, 200, options.text);
    const made = createCredential(options.body as CreationOptions, ORIGIN, tamper);
    const res = await postWithCsrf(agent, '/api/v1/auth/webauthn/register', {
      response: made.response,
      name,
    });
    return { key: made.credential, res };
  }

  async function secondFactorChallenge(agent: request.Agent): Promise<string> {
    const options = await postWithCsrf(agent, '/api/v1/auth/login/webauthn/options');
    assert.equal(options.status, 200, options.text);
    return options.body.challenge as string;
  }

  async function unlock(email: string): Promise<void> {
    await LocalCredentialModel.updateOne({ email }, { $set: { failedAttempts: 0, lockedUntil: null } });
  }

  async function lastAudit(action: string) {
    return AuditEntryModel.findOne({ action }).sort({ seq: -1 }).lean();
  }

  it('enrols a passkey (recovery codes once), lists it, renames it, and signs in with it after the password', async () => {
    const id = await invitedPerson('pia@un.example', ['partner_observer']);
    const { agent, status } = await signIn(app, 'pia@un.example');
    assert.equal(status, 'signed_in');

    const options = await postWithCsrf(agent, '/api/v1/auth/webauthn/register/options');
    assert.equal(options.body.rp.id, 'concordia.test');
    assert.equal(options.body.authenticatorSelection.residentKey, 'preferred');
    assert.equal(options.body.authenticatorSelection.userVerification, 'preferred');
    const made = createCredential(options.body as CreationOptions, ORIGIN);
    const first = await postWithCsrf(agent, '/api/v1/auth/webauthn/register', {
      response: made.response,
      name: 'Laptop',
    });
    assert.equal(first.status, 201, first.text);
    assert.equal(first.body.credential.name, 'Laptop');
    assert.equal(first.body.recoveryCodes.length, 10);
    const key = made.credential;

    // A second key: excluded the first, and no new recovery codes.
    const secondOptions = await postWithCsrf(agent, '/api/v1/auth/webauthn/register/options');
    assert.deepEqual(
      secondOptions.body.excludeCredentials.map((c: { id: string }) => c.id),
      [key.id.toString('base64url')],
    );
    const second = createCredential(secondOptions.body as CreationOptions, ORIGIN);
    const added = await postWithCsrf(agent, '/api/v1/auth/webauthn/register', {
      response: second.response,
      name: 'Key',
    });
    assert.equal(added.status, 201, added.text);
    assert.equal(added.body.recoveryCodes, null);

    const factors = await agent.get('/api/v1/auth/second-factors').expect(200);
    assert.equal(factors.body.webauthn.length, 2);
    assert.equal(factors.body.recoveryCodesLeft, 10);
    const renamed = await agent
      .patch(`/api/v1/auth/webauthn/credentials/${first.body.credential.id}`)
      .set('X-CSRF-Token', (await agent.get('/api/v1/csrf')).body.csrfToken)
      .send({ name: 'Work laptop' });
    assert.equal(renamed.status, 200, renamed.text);
    assert.equal(renamed.body.name, 'Work laptop');
    assert.equal((await lastAudit('auth.webauthn_renamed'))?.details?.to, 'Work laptop');
    assert.equal((await lastAudit('auth.webauthn_enrolled'))?.target?.id, id);

    // Next sign-in: password, then the key.
    const next = await signIn(app, 'pia@un.example');
    assert.equal(next.status, 'second_factor_required');
    assert.deepEqual(next.factors, ['webauthn']);
    await next.agent.get('/api/v1/me').expect(401);
    const challenge = await secondFactorChallenge(next.agent);
    const ok = await postWithCsrf(next.agent, '/api/v1/auth/login/webauthn', {
      response: signAssertion(key, challenge, ORIGIN),
    });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.status, 'signed_in');
    const me = await next.agent.get('/api/v1/me').expect(200);
    assert.equal(me.body.person.id, id);
    const stored = await WebAuthnCredentialModel.findOne({
      credentialId: key.id.toString('base64url'),
    }).lean();
    assert.equal(stored?.counter, 1);
    assert.ok(stored?.lastUsedAt);
  });

  it('signs in with a passkey alone (user verified), and refuses one without user verification', async () => {
    const id = await invitedPerson('pat@un.example', ['partner_observer']);
    const { agent } = await signIn(app, 'pat@un.example');
    const { key, res } = await register(agent, 'Phone');
    assert.equal(res.status, 201, res.text);

    const fresh = request.agent(app);
    const options = await postWithCsrf(fresh, '/api/v1/auth/passkey/options');
    assert.equal(options.body.userVerification, 'required');
    assert.equal(options.body.allowCredentials?.length ?? 0, 0);
    const noUv = await postWithCsrf(fresh, '/api/v1/auth/passkey', {
      response: signAssertion(key, options.body.challenge as string, ORIGIN, { flags: FLAGS.UP, counter: 5 }),
    });
    assert.equal(noUv.status, 401);
    await fresh.get('/api/v1/me').expect(401);

    const again = await postWithCsrf(fresh, '/api/v1/auth/passkey/options');
    const signed = await postWithCsrf(fresh, '/api/v1/auth/passkey', {
      response: signAssertion(key, again.body.challenge as string, ORIGIN),
    });
    assert.equal(signed.status, 200, signed.text);
    assert.equal(signed.body.status, 'signed_in');
    assert.equal((await fresh.get('/api/v1/me').expect(200)).body.person.id, id);
    const audit = await lastAudit('auth.signed_in');
    assert.equal(audit?.details?.secondFactor, 'passkey');
    await unlock('pat@un.example');
  });

  it('refuses a wrong challenge, a wrong origin or RP ID, a replay, a counter regression and another person’s key, and audits each', async () => {
    await invitedPerson('hal@un.example', ['partner_observer']);
    await invitedPerson('ivy@un.example', ['partner_observer']);
    const hal = await register((await signIn(app, 'hal@un.example')).agent, 'Hal key');
    const ivy = await register((await signIn(app, 'ivy@un.example')).agent, 'Ivy key');
    assert.equal(hal.res.status, 201);
    assert.equal(ivy.res.status, 201);

    const refusedWith = async (make: (challenge: string) => Record<string, unknown>, reason: RegExp) => {
      const { agent } = await signIn(app, 'hal@un.example');
      const challenge = await secondFactorChallenge(agent);
      const res = await postWithCsrf(agent, '/api/v1/auth/login/webauthn', { response: make(challenge) });
      assert.equal(res.status, 401, res.text);
      await agent.get('/api/v1/me').expect(401);
      const audit = await lastAudit('auth.webauthn_assertion_failed');
      assert.match(String(audit?.details?.reason), reason);
      await unlock('hal@un.example');
      return agent;
    };
    await refusedWith(
      (c) => signAssertion(hal.key, c, ORIGIN, { challenge: randomChallenge(), counter: 10 }),
      /challenge/i,
    );
    await refusedWith((c) => signAssertion(hal.key, c, 'https://concordia.evil', { counter: 11 }), /origin/i);
    await refusedWith(
      (c) => signAssertion(hal.key, c, ORIGIN, { rpId: 'evil.test', counter: 12 }),
      /rp ?id/i,
    );
    await refusedWith((c) => signAssertion(ivy.key, c, ORIGIN), /someone else/);

    // A good assertion (counter 20), then the same answer replayed, then a lower counter.
    const { agent } = await signIn(app, 'hal@un.example');
    const challenge = await secondFactorChallenge(agent);
    const good = signAssertion(hal.key, challenge, ORIGIN, { counter: 20 });
    assert.equal((await postWithCsrf(agent, '/api/v1/auth/login/webauthn', { response: good })).status, 200);
    const replay = await signIn(app, 'hal@un.example');
    await secondFactorChallenge(replay.agent);
    const replayed = await postWithCsrf(replay.agent, '/api/v1/auth/login/webauthn', { response: good });
    assert.equal(replayed.status, 401);
    assert.match(String((await lastAudit('auth.webauthn_assertion_failed'))?.details?.reason), /challenge/i);
    await unlock('hal@un.example');
    // The same challenge cannot be answered twice in one session either.
    const once = await signIn(app, 'hal@un.example');
    const onceChallenge = await secondFactorChallenge(once.agent);
    const bad = await postWithCsrf(once.agent, '/api/v1/auth/login/webauthn', {
      response: signAssertion(hal.key, onceChallenge, ORIGIN, { counter: 3 }),
    });
    assert.equal(bad.status, 401);
    assert.match(String((await lastAudit('auth.webauthn_assertion_failed'))?.details?.reason), /counter/i);
    const retry = await postWithCsrf(once.agent, '/api/v1/auth/login/webauthn', {
      response: signAssertion(hal.key, onceChallenge, ORIGIN, { counter: 30 }),
    });
    assert.equal(retry.status, 401);
    assert.match(
      String((await lastAudit('auth.webauthn_assertion_failed'))?.details?.reason),
      /no challenge/,
    );
    await unlock('hal@un.example');

    // Registration answers are checked the same way.
    const signedIn = (await signIn(app, 'ivy@un.example')).agent;
    const ivyIn = await postWithCsrf(signedIn, '/api/v1/auth/login/webauthn', {
      response: signAssertion(ivy.key, await secondFactorChallenge(signedIn), ORIGIN),
    });
    assert.equal(ivyIn.status, 200, ivyIn.text);
    const wrongOrigin = await register(signedIn, 'Phish', { origin: 'https://concordia.evil' });
    assert.equal(wrongOrigin.res.status, 400);
    const wrongChallenge = await register(signedIn, 'Stale', { challenge: randomChallenge() });
    assert.equal(wrongChallenge.res.status, 400);
    assert.ok(await lastAudit('auth.webauthn_registration_failed'));
    assert.equal(await WebAuthnCredentialModel.countDocuments({ name: { $in: ['Phish', 'Stale'] } }), 0);

    // Someone else's key cannot be renamed or removed.
    const ivyKey = await WebAuthnCredentialModel.findOne({ name: 'Ivy key' }).lean();
    const halAgent = (await signIn(app, 'hal@un.example')).agent;
    const halIn = await postWithCsrf(halAgent, '/api/v1/auth/login/webauthn', {
      response: signAssertion(hal.key, await secondFactorChallenge(halAgent), ORIGIN, { counter: 40 }),
    });
    assert.equal(halIn.status, 200, halIn.text);
    const csrf = (await halAgent.get('/api/v1/csrf')).body.csrfToken as string;
    await halAgent
      .delete(`/api/v1/auth/webauthn/credentials/${String(ivyKey?._id)}`)
      .set('X-CSRF-Token', csrf)
      .expect(404);
    await halAgent
      .patch(`/api/v1/auth/webauthn/credentials/${String(ivyKey?._id)}`)
      .set('X-CSRF-Token', csrf)
      .send({ name: 'mine' })
      .expect(404);
  });

  it('keeps the last required factor, removes others, and recovery codes stand in for a key (once)', async () => {
    const id = await invitedPerson('eve@experts.example', ['expert']);
    const first = await signIn(app, 'eve@experts.example');
    assert.equal(first.status, 'second_factor_enrolment_required');
    const enrolled = await register(first.agent, 'Only key');
    assert.equal(enrolled.res.status, 201, enrolled.res.text);
    const codes = enrolled.res.body.recoveryCodes as string[];
    assert.equal(codes.length, 10);
    await first.agent.get('/api/v1/me').expect(200);
    const csrf = (await first.agent.get('/api/v1/csrf')).body.csrfToken as string;
    const keyId = enrolled.res.body.credential.id as string;
    const refused = await first.agent
      .delete(`/api/v1/auth/webauthn/credentials/${keyId}`)
      .set('X-CSRF-Token', csrf);
    assert.equal(refused.status, 409, refused.text);
    assert.equal(refused.body.code, 'last_required_factor');
    assert.ok(await lastAudit('auth.webauthn_removal_refused'));

    const another = await register(first.agent, 'Spare');
    assert.equal(another.res.status, 201);
    await first.agent
      .delete(`/api/v1/auth/webauthn/credentials/${keyId}`)
      .set('X-CSRF-Token', csrf)
      .expect(200);
    assert.equal((await lastAudit('auth.webauthn_removed'))?.details?.credential, keyId);

    // A recovery code instead of the key, once.
    const lost = await signIn(app, 'eve@experts.example');
    assert.equal(lost.status, 'second_factor_required');
    const used = await postWithCsrf(lost.agent, '/api/v1/auth/login/second-factor', {
      recoveryCode: codes[0],
    });
    assert.equal(used.status, 200, used.text);
    assert.equal((await lastAudit('auth.recovery_code_used'))?.target?.id, id);
    const reuse = await signIn(app, 'eve@experts.example');
    assert.equal(
      (await postWithCsrf(reuse.agent, '/api/v1/auth/login/second-factor', { recoveryCode: codes[0] }))
        .status,
      401,
    );
    await unlock('eve@experts.example');

    // New codes replace the old ones.
    const fresh = await postWithCsrf(lost.agent, '/api/v1/auth/recovery-codes');
    assert.equal(fresh.status, 200, fresh.text);
    assert.equal(fresh.body.recoveryCodes.length, 10);
    assert.ok(await lastAudit('auth.recovery_codes_regenerated'));
    const old = await signIn(app, 'eve@experts.example');
    assert.equal(
      (await postWithCsrf(old.agent, '/api/v1/auth/login/second-factor', { recoveryCode: codes[1] })).status,
      401,
    );
    await unlock('eve@experts.example');
  });

  it('REQUIRE_WEBAUTHN_ROLES: an expert enrols a key before anything else, after their TOTP code if they have one', async () => {
    // No second factor yet: straight to the key enrolment; TOTP does not satisfy it.
    await invitedPerson('kim@experts.example', ['expert']);
    const first = await signIn(strictApp, 'kim@experts.example');
    assert.equal(first.status, 'webauthn_enrolment_required');
    assert.equal((await postWithCsrf(first.agent, '/api/v1/auth/totp/enrol')).status, 401);
    await first.agent.get('/api/v1/me').expect(401);
    const enrolled = await register(first.agent, 'Kim key');
    assert.equal(enrolled.res.status, 201, enrolled.res.text);
    await first.agent.get('/api/v1/me').expect(200);

    // TOTP only: the code, then the key enrolment, then the session.
    await invitedPerson('lou@experts.example', ['expert']);
    const lou = await signIn(app, 'lou@experts.example');
    const enrol = await postWithCsrf(lou.agent, '/api/v1/auth/totp/enrol');
    const secret = enrol.body.secret as string;
    const confirmed = await postWithCsrf(lou.agent, '/api/v1/auth/totp/confirm', {
      code: await generate({ secret }),
    });
    assert.equal(confirmed.status, 200, confirmed.text);
    const strict = await signIn(strictApp, 'lou@experts.example');
    assert.equal(strict.status, 'second_factor_required');
    assert.deepEqual(strict.factors, ['totp']);
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    const step2 = await postWithCsrf(strict.agent, '/api/v1/auth/login/second-factor', { code });
    assert.equal(step2.status, 200, step2.text);
    assert.equal(step2.body.status, 'webauthn_enrolment_required');
    await strict.agent.get('/api/v1/me').expect(401);
    const key = await register(strict.agent, 'Lou key');
    assert.equal(key.res.status, 201, key.res.text);
    assert.equal(key.res.body.recoveryCodes, null, 'the TOTP enrolment already issued recovery codes');
    await strict.agent.get('/api/v1/me').expect(200);

    // The required key cannot be removed even though TOTP remains.
    const csrf = (await strict.agent.get('/api/v1/csrf')).body.csrfToken as string;
    const refused = await strict.agent
      .delete(`/api/v1/auth/webauthn/credentials/${key.res.body.credential.id as string}`)
      .set('X-CSRF-Token', csrf);
    assert.equal(refused.status, 409);
  });

  it('asks for a recent sign-in before a key is added or removed or the recovery codes replaced', async () => {
    const personId = await invitedPerson('sam@un.example', ['partner_observer']);
    const { agent } = await signIn(app, 'sam@un.example');
    const { res } = await register(agent, 'Sam key');
    assert.equal(res.status, 201, res.text);
    const keyId = (await agent.get('/api/v1/auth/second-factors').expect(200)).body.webauthn[0].id as string;
    // The same session, its sign-in 20 minutes old (a stolen cookie, say).
    for (const session of await SessionModel.find({ personId }).lean()) {
      const data = JSON.parse(session.data) as { signedInAt: number };
      data.signedInAt -= 20 * 60_000;
      await SessionModel.updateOne({ _id: session._id }, { $set: { data: JSON.stringify(data) } });
    }
    const csrf = (await agent.get('/api/v1/csrf').expect(200)).body.csrfToken as string;
    for (const refused of [
      await agent.post('/api/v1/auth/webauthn/register/options').set('X-CSRF-Token', csrf),
      await agent.post('/api/v1/auth/recovery-codes').set('X-CSRF-Token', csrf),
      await agent.delete(`/api/v1/auth/webauthn/credentials/${keyId}`).set('X-CSRF-Token', csrf),
    ]) {
      assert.equal(refused.status, 403, refused.text);
      assert.equal(refused.body.code, 'recent_sign_in_required');
    }
    assert.equal(await WebAuthnCredentialModel.countDocuments({ personId }), 1, 'the key is still there');
  });

  it('reads REQUIRE_WEBAUTHN_ROLES as known roles only (empty by default)', () => {
    assert.deepEqual(testConfig().requireWebAuthnRoles, []);
    assert.deepEqual(testConfig({ REQUIRE_WEBAUTHN_ROLES: 'admin,moderator' }).requireWebAuthnRoles, [
      'admin',
      'moderator',
    ]);
    assert.throws(() => testConfig({ REQUIRE_WEBAUTHN_ROLES: 'admin,wizard' }), /REQUIRE_WEBAUTHN_ROLES/);
  });

  it('refuses registration without a session or a pending enrolment, and hostile bodies', async () => {
    const anonymous = request.agent(app);
    assert.equal((await postWithCsrf(anonymous, '/api/v1/auth/webauthn/register/options')).status, 401);
    assert.equal((await postWithCsrf(anonymous, '/api/v1/auth/login/webauthn/options')).status, 401);
    const hostile = await postWithCsrf(anonymous, '/api/v1/auth/passkey', {
      response: {
        id: 'x',
        rawId: 'x',
        type: 'public-key',
        response: {},
        clientExtensionResults: {},
        extra: 1,
      },
    });
    assert.equal(hostile.status, 400);
    const dollar = await postWithCsrf(anonymous, '/api/v1/auth/passkey', { response: { $where: '1' } });
    assert.equal(dollar.status, 400);
    // A well-formed assertion from a key nobody registered.
    const options = await postWithCsrf(anonymous, '/api/v1/auth/passkey/options');
    const stranger = createCredential(
      { challenge: randomChallenge(), rp: { id: 'concordia.test', name: 'x' }, user: { id: 'AAAA' } },
      ORIGIN,
    ).credential;
    const unknown = await postWithCsrf(anonymous, '/api/v1/auth/passkey', {
      response: signAssertion(stranger, options.body.challenge as string, ORIGIN),
    });
    assert.equal(unknown.status, 401);
    assert.equal((await lastAudit('auth.webauthn_assertion_failed'))?.details?.reason, 'unknown credential');
    await request(app).get('/api/v1/auth/second-factors').expect(401);
  });
});
