import assert from 'node:assert/strict';
import type { Express } from 'express';
import { generate } from 'otplib';
import request from 'supertest';
import { AuthLinkModel } from '../../../../server/models/AuthLink.js';
import { LocalCredentialModel } from '../../../../server/models/LocalCredential.js';
import { PersonModel } from '../../../../server/models/Person.js';
import { SessionModel } from '../../../../server/models/Session.js';
import { subscribe } from '../../../../server/events/domainEvents.js';
import { createPerson } from '../../../../server/services/people/createPerson.js';
import { createApiToken } from '../../../../server/services/tokens/apiTokens.js';
import type { MailMessage } from '../../../../server/auth/mailer.js';
import { resetDatabase } from '../../../support/database.js';
import { localAccount } from '../../../support/localAccounts.js';
import { OPERATOR, seedDirectory, type Directory } from '../../../support/fixtures.js';
import { captureMailer, lastLinkToken, postWithCsrf, testApp } from '../../../support/app.js';

const PASSWORD = 'correct horse battery staple';

describe('/api/v1/auth: local accounts, TOTP, lock-out, invitations and resets', () => {
  let app: Express;
  let dir: Directory;
  let messages: MailMessage[];

  before(async () => {
    await resetDatabase();
    dir = await seedDirectory();
    const capture = captureMailer();
    messages = capture.messages;
    app = testApp({}, { mailer: capture.mailer });
  });

  async function invitedPerson(email: string, roles: ('expert' | 'partner_observer')[]): Promise<string> {
    const inviting = { app, admin: dir.people.admin.auth, messages };
    return (await localAccount(inviting, { name: email, email, roles }, PASSWORD)).personId;
  }

  it('invites by e-mail, accepts once, and signs in without a second factor for observers', async () => {
    const id = await invitedPerson('olga@un.example', ['partner_observer']);
    assert.equal((await PersonModel.findById(id).lean())?.status, 'active');
    const stored = await LocalCredentialModel.findOne({ personId: id }).lean();
    assert.match(stored?.passwordHash ?? '', /^\$argon2id\$/);
    const reuse = await postWithCsrf(request.agent(app), '/api/v1/auth/invitations/accept', {
      token: lastLinkToken(messages, 'olga@un.example'),
      password: 'another password entirely',
    });
    assert.equal(reuse.status, 400);

    const agent = request.agent(app);
    await agent.post('/api/v1/auth/login').send({ email: 'olga@un.example', password: PASSWORD }).expect(403);
    const login = await postWithCsrf(agent, '/api/v1/auth/login', {
      email: 'olga@un.example',
      password: PASSWORD,
    });
    assert.equal(login.status, 200, login.text);
    assert.equal(login.body.status, 'signed_in');
    const me = await agent.get('/api/v1/me').expect(200);
    assert.equal(me.body.signIn.method, 'local');
    assert.equal(me.body.person.id, id);
  });

  it('lets anyone opt in to TOTP; then sign-in asks for a code', async () => {
    await invitedPerson('opt@un.example', ['partner_observer']);
    const agent = request.agent(app);
    await postWithCsrf(agent, '/api/v1/auth/login', { email: 'opt@un.example', password: PASSWORD });
    const enrol = await postWithCsrf(agent, '/api/v1/auth/totp/enrol');
    const confirmed = await postWithCsrf(agent, '/api/v1/auth/totp/confirm', {
      code: await generate({ secret: enrol.body.secret as string }),
    });
    assert.equal(confirmed.status, 200, confirmed.text);
    const next = await postWithCsrf(request.agent(app), '/api/v1/auth/login', {
      email: 'opt@un.example',
      password: PASSWORD,
    });
    assert.equal(next.body.status, 'second_factor_required');
    await postWithCsrf(request.agent(app), '/api/v1/auth/totp/enrol').then((r) =>
      assert.equal(r.status, 401),
    );
  });

  it('ends the signed-in session at once when the same browser signs in again (second factor pending)', async () => {
    const id = await invitedPerson('again@un.example', ['partner_observer']);
    const agent = request.agent(app);
    await postWithCsrf(agent, '/api/v1/auth/login', { email: 'again@un.example', password: PASSWORD });
    const enrol = await postWithCsrf(agent, '/api/v1/auth/totp/enrol');
    await postWithCsrf(agent, '/api/v1/auth/totp/confirm', {
      code: await generate({ secret: enrol.body.secret as string }),
    });
    const signedIn = (await SessionModel.findOne({ personId: id }).lean())!._id;
    const ended: string[] = [];
    const off = subscribe('sessions.ended', 'test: sessions ended', (event) => {
      if ('sessionId' in event) ended.push(event.sessionId);
    });
    try {
      const again = await postWithCsrf(agent, '/api/v1/auth/login', {
        email: 'again@un.example',
        password: PASSWORD,
      });
      assert.equal(again.body.status, 'second_factor_required');
    } finally {
      off();
    }
    assert.deepEqual(ended, [signedIn], 'its open sockets are told, not left to the periodic check');
    assert.equal(await SessionModel.countDocuments({ _id: signedIn }), 0);
  });

  it('gives the same answer for an unknown e-mail and a wrong password', async () => {
    const unknown = await postWithCsrf(request.agent(app), '/api/v1/auth/login', {
      email: 'nobody@nowhere.example',
      password: PASSWORD,
    });
    const wrong = await postWithCsrf(request.agent(app), '/api/v1/auth/login', {
      email: 'olga@un.example',
      password: 'wrong password!!',
    });
    assert.equal(unknown.status, 401);
    assert.equal(wrong.status, 401);
    assert.equal(unknown.body.detail, wrong.body.detail);
  });

  it('lets moderators invite, but not practitioners', async () => {
    const person = await createPerson(OPERATOR, {
      name: 'X',
      email: 'x@un.example',
      roles: ['partner_observer'],
      organisation: 'UN',
      languages: [],
      expertise: [],
      status: 'invited',
    });
    await request(app)
      .post('/api/v1/auth/invitations')
      .set(dir.people.practitioner.auth)
      .send({ personId: person.id })
      .expect(403);
    const moderator = await createPerson(OPERATOR, {
      name: 'Mo',
      email: 'mo@mu.example',
      roles: ['moderator'],
      organisation: 'MU',
      languages: [],
      expertise: [],
      status: 'active',
    });
    const { token } = await createApiToken(OPERATOR, moderator.id, 'test', 1);
    await request(app)
      .post('/api/v1/auth/invitations')
      .set('Authorization', `Bearer ${token}`)
      .send({ personId: person.id })
      .expect(202);
    lastLinkToken(messages, 'x@un.example');
  });

  it('makes experts enrol TOTP, then requires a fresh code; codes and recovery codes work once', async () => {
    await invitedPerson('eli@experts.example', ['expert']);
    const agent = request.agent(app);
    const step1 = await postWithCsrf(agent, '/api/v1/auth/login', {
      email: 'eli@experts.example',
      password: PASSWORD,
    });
    assert.equal(step1.body.status, 'second_factor_enrolment_required');
    await agent.get('/api/v1/me').expect(401);
    const enrol = await postWithCsrf(agent, '/api/v1/auth/totp/enrol');
    assert.equal(enrol.status, 200, enrol.text);
    assert.match(enrol.body.uri, /^otpauth:\/\/totp\//);
    const secret = enrol.body.secret as string;
    assert.equal((await postWithCsrf(agent, '/api/v1/auth/totp/confirm', { code: '000000' })).status, 400);
    const code = await generate({ secret });
    const confirmed = await postWithCsrf(agent, '/api/v1/auth/totp/confirm', { code });
    assert.equal(confirmed.status, 200, confirmed.text);
    const recovery = confirmed.body.recoveryCodes as string[];
    assert.equal(recovery.length, 10);
    await agent.get('/api/v1/me').expect(200);
    const stored = await LocalCredentialModel.findOne({ email: 'eli@experts.example' }).lean();
    assert.ok(!stored?.recoveryCodeHashes.includes(recovery[0]!), 'recovery codes are stored hashed');

    // Next sign-in: password, then a code. The enrolment code cannot be used again.
    const next = request.agent(app);
    const again = await postWithCsrf(next, '/api/v1/auth/login', {
      email: 'eli@experts.example',
      password: PASSWORD,
    });
    assert.equal(again.body.status, 'second_factor_required');
    assert.equal((await postWithCsrf(next, '/api/v1/auth/login/second-factor', { code })).status, 401);
    assert.equal(
      (await postWithCsrf(next, '/api/v1/auth/login/second-factor', { code: '123456' })).status,
      401,
    );
    await next.get('/api/v1/me').expect(401);
    const fresh = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    const ok = await postWithCsrf(next, '/api/v1/auth/login/second-factor', { code: fresh });
    assert.equal(ok.status, 200, ok.text);
    await next.get('/api/v1/me').expect(200);

    // A recovery code works once.
    const third = request.agent(app);
    await postWithCsrf(third, '/api/v1/auth/login', { email: 'eli@experts.example', password: PASSWORD });
    assert.equal(
      (await postWithCsrf(third, '/api/v1/auth/login/second-factor', { recoveryCode: recovery[0] })).status,
      200,
    );
    const fourth = request.agent(app);
    await postWithCsrf(fourth, '/api/v1/auth/login', { email: 'eli@experts.example', password: PASSWORD });
    assert.equal(
      (await postWithCsrf(fourth, '/api/v1/auth/login/second-factor', { recoveryCode: recovery[0] })).status,
      401,
    );
    await LocalCredentialModel.updateOne(
      { email: 'eli@experts.example' },
      { $set: { failedAttempts: 0, lockedUntil: null } },
    );
  });

  it('locks an account after repeated failures, even for the right password', async () => {
    await invitedPerson('lou@un.example', ['partner_observer']);
    for (let i = 0; i < 5; i++) {
      const r = await postWithCsrf(request.agent(app), '/api/v1/auth/login', {
        email: 'lou@un.example',
        password: `wrong password ${i}`,
      });
      assert.equal(r.status, 401);
    }
    const locked = await postWithCsrf(request.agent(app), '/api/v1/auth/login', {
      email: 'lou@un.example',
      password: PASSWORD,
    });
    assert.equal(locked.status, 401);
    const stored = await LocalCredentialModel.findOne({ email: 'lou@un.example' }).lean();
    assert.ok(stored?.lockedUntil && stored.lockedUntil.getTime() > Date.now());
    await LocalCredentialModel.updateOne(
      { email: 'lou@un.example' },
      { $set: { lockedUntil: new Date(Date.now() - 1) } },
    );
    const after = await postWithCsrf(request.agent(app), '/api/v1/auth/login', {
      email: 'lou@un.example',
      password: PASSWORD,
    });
    assert.equal(after.status, 200);
  });

  it('limits failures per address', async () => {
    const strict = testApp({ LOGIN_FAILURES_PER_IP_PER_HOUR: '3' });
    const agent = request.agent(strict);
    for (let i = 0; i < 3; i++) {
      assert.equal(
        (
          await postWithCsrf(agent, '/api/v1/auth/login', {
            email: `n${i}@nowhere.example`,
            password: 'whatever',
          })
        ).status,
        401,
      );
    }
    const blocked = await postWithCsrf(agent, '/api/v1/auth/login', {
      email: 'olga@un.example',
      password: PASSWORD,
    });
    assert.equal(blocked.status, 429);
    assert.ok(blocked.headers['retry-after']);
  });

  it('resets a password with a single-use link, ends sessions, and never reveals unknown e-mails', async () => {
    const before = messages.length;
    const unknown = await postWithCsrf(request.agent(app), '/api/v1/auth/password-reset', {
      email: 'nobody@nowhere.example',
    });
    assert.equal(unknown.status, 202);
    assert.equal(messages.length, before);

    const signedIn = request.agent(app);
    await postWithCsrf(signedIn, '/api/v1/auth/login', { email: 'olga@un.example', password: PASSWORD });
    await signedIn.get('/api/v1/me').expect(200);

    const known = await postWithCsrf(request.agent(app), '/api/v1/auth/password-reset', {
      email: 'olga@un.example',
    });
    assert.equal(known.status, 202);
    assert.deepEqual(known.body, unknown.body);
    await new Promise((r) => setTimeout(r, 20));
    const token = lastLinkToken(messages, 'olga@un.example');
    const newPassword = 'a brand new long password';
    const confirmed = await postWithCsrf(request.agent(app), '/api/v1/auth/password-reset/confirm', {
      token,
      password: newPassword,
    });
    assert.equal(confirmed.status, 200, confirmed.text);
    await signedIn.get('/api/v1/me').expect(401);
    assert.equal(
      (
        await postWithCsrf(request.agent(app), '/api/v1/auth/password-reset/confirm', {
          token,
          password: newPassword,
        })
      ).status,
      400,
    );
    assert.equal(
      (
        await postWithCsrf(request.agent(app), '/api/v1/auth/login', {
          email: 'olga@un.example',
          password: PASSWORD,
        })
      ).status,
      401,
    );
    assert.equal(
      (
        await postWithCsrf(request.agent(app), '/api/v1/auth/login', {
          email: 'olga@un.example',
          password: newPassword,
        })
      ).status,
      200,
    );

    await postWithCsrf(request.agent(app), '/api/v1/auth/password-reset', { email: 'olga@un.example' });
    await new Promise((r) => setTimeout(r, 20));
    const expired = lastLinkToken(messages, 'olga@un.example');
    await AuthLinkModel.updateMany(
      { purpose: 'reset', usedAt: null },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    );
    assert.equal(
      (
        await postWithCsrf(request.agent(app), '/api/v1/auth/password-reset/confirm', {
          token: expired,
          password: newPassword,
        })
      ).status,
      400,
    );
  });
});
