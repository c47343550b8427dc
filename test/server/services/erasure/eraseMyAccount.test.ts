import assert from 'node:assert/strict';
import { generate } from 'otplib';
import request from 'supertest';
import { hashPassword } from '../../../../server/auth/local/passwords.js';
import { newTotpSecret } from '../../../../server/auth/local/totp.js';
import { verifyAudit } from '../../../../server/audit/verifyAudit.js';
import { AuditEntryModel } from '../../../../server/models/AuditEntry.js';
import { LocalCredentialModel } from '../../../../server/models/LocalCredential.js';
import { PersonIdentityModel } from '../../../../server/models/PersonIdentity.js';
import { PersonModel } from '../../../../server/models/Person.js';
import { SessionModel } from '../../../../server/models/Session.js';
import { WebAuthnCredentialModel } from '../../../../server/models/WebAuthnCredential.js';
import { createPerson } from '../../../../server/services/people/createPerson.js';
import { createApiToken } from '../../../../server/services/tokens/apiTokens.js';
import { postWithCsrf } from '../../../support/app.js';
import { resetDatabase } from '../../../support/database.js';
import { OPERATOR, seedDirectory } from '../../../support/fixtures.js';
import { signInWithSaml } from '../../../support/saml.js';
import { DocumentModel } from '../../../../server/models/Document.js';
import { ExpertRequestModel } from '../../../../server/models/ExpertRequest.js';
import {
  clientId,
  makeRoom,
  startRoomWorld,
  until,
  type RoomPerson,
  type RoomWorld,
} from '../../../support/rooms.js';

interface Sent {
  id: string;
}

describe('erasing my account: confirmation, content per the sharing rules, records, sessions, audit', function () {
  this.timeout(90_000);
  let world: RoomWorld;
  let alice: RoomPerson;
  let bob: RoomPerson;
  let roomId: string;
  let dmId: string;
  const ids = {
    green: '',
    amber: '',
    thread: '',
    bobReply: '',
    bobOwn: '',
    dm: '',
    greenDoc: '',
    amberDoc: '',
    amberRequest: '',
    greenRequest: '',
  };

  const as = (p: RoomPerson) => ({ Cookie: p.cookie, 'X-CSRF-Token': p.csrf });
  const send = async (p: RoomPerson, room: string, body: string, extra: Record<string, string> = {}) =>
    (
      await request(world.server.app)
        .post(`/api/v1/rooms/${room}/messages`)
        .set(as(p))
        .send({ clientId: clientId(), body, ...extra })
        .expect(200)
    ).body as Sent;
  const erase = (p: RoomPerson, body: object) =>
    request(world.server.app).post('/api/v1/me/erasure').set(as(p)).send(body);
  const history = async (p: RoomPerson, room: string) =>
    (
      await request(world.server.app)
        .get(`/api/v1/rooms/${room}/messages`)
        .set('Cookie', p.cookie)
        .expect(200)
    ).body.items as {
      id: string;
      body: string;
      state: string;
      author: { id: string; name: string | null } | null;
    }[];

  before(async () => {
    await resetDatabase();
    await seedDirectory();
    world = await startRoomWorld({ LOG_LEVEL: 'error' });
    alice = await world.person(world.lyon, 'alice@lyon.example');
    bob = await world.person(world.lyon, 'bob@lyon.example');
    roomId = await makeRoom('lyon-team', 'peer_room', 'RED', 'GREEN', [alice, bob]);
    ids.green = (await send(alice, roomId, 'Alice green lesson for everyone')).id;
    ids.amber = (await send(alice, roomId, 'Alice amber secret plan', { label: 'AMBER' })).id;
    ids.thread = (await send(alice, roomId, 'Alice amber question', { label: 'AMBER' })).id;
    ids.bobReply = (
      await send(bob, roomId, 'Bob answers the question', { label: 'AMBER', threadId: ids.thread })
    ).id;
    ids.bobOwn = (await send(bob, roomId, 'Bob amber own words', { label: 'AMBER' })).id;
    const dm = await request(world.server.app)
      .post('/api/v1/rooms/direct')
      .set(as(alice))
      .send({ person: bob.personId })
      .expect(200);
    dmId = String(dm.body.id);
    ids.dm = (await send(alice, dmId, 'Alice private note to Bob', { label: 'GREEN' })).id;
    const upload = async (label: string, title: string) =>
      String(
        (
          await request(world.server.app)
            .post('/api/v1/spaces/lyon-team/documents')
            .set(as(alice))
            .field('title', title)
            .field('label', label)
            .attach('file', Buffer.from(`${title}, in full.\n`), 'notes.txt')
            .expect(201)
        ).body.id,
      );
    ids.greenDoc = await upload('GREEN', 'Alice green toolkit');
    ids.amberDoc = await upload('AMBER', 'Alice amber site list');
    const ask = async (label: string, title: string) => {
      const res = await request(world.server.app)
        .post('/api/v1/requests')
        .set(as(alice))
        .send({
          title,
          problem: 'What works in schools?',
          topics: ['schools'],
          formats: ['remote_advice'],
          languages: ['fr'],
          label,
        });
      assert.equal(res.status, 201, res.text);
      return String(res.body.id);
    };
    ids.amberRequest = await ask('AMBER', 'Alice amber request about a named school');
    ids.greenRequest = await ask('GREEN', 'Alice green request about school climate');
  });
  after(() => world.close());

  it('exports only my own messages (room and direct), each with its label; never a colleague’s AMBER', async () => {
    const res = await request(world.server.app)
      .get('/api/v1/me/export')
      .set('Cookie', alice.cookie)
      .expect(200);
    assert.match(
      String(res.headers['content-disposition']),
      /attachment; filename="?concordia-my-data-\d{4}-\d{2}-\d{2}\.json"?$/,
    );
    const messages = res.body.messages as { id: string; label: string; body: string }[];
    assert.deepEqual(
      messages.map((m) => [m.id, m.label]).sort(),
      [
        [ids.green, 'GREEN'],
        [ids.amber, 'AMBER'],
        [ids.thread, 'AMBER'],
        [ids.dm, 'GREEN'],
      ].sort(),
    );
    assert.deepEqual(
      (res.body.expertRequests as { id: string; label: string }[]).map((r) => [r.id, r.label]).sort(),
      [
        [ids.amberRequest, 'AMBER'],
        [ids.greenRequest, 'GREEN'],
      ].sort(),
      'her own expert requests, each with its label',
    );
    assert.equal(res.body.expertProfile, null, 'she keeps no expert profile');
    const text = JSON.stringify(res.body);
    assert.ok(
      !text.includes('Bob answers') && !text.includes('Bob amber own words'),
      "no one else's AMBER words",
    );
    const bobs = await request(world.server.app)
      .get('/api/v1/me/export')
      .set('Cookie', bob.cookie)
      .expect(200);
    assert.ok(!JSON.stringify(bobs.body).includes('Alice amber'), "Bob's export holds none of Alice's AMBER");
    // There is no way to ask for someone else's export: unknown input is refused, not ignored.
    const other = await request(world.server.app)
      .get(`/api/v1/me/export?person=${alice.personId}`)
      .set('Cookie', bob.cookie);
    assert.ok(other.status === 400 || !JSON.stringify(other.body).includes('Alice amber'));
  });

  it('refuses without the typed e-mail, with a token, or with someone else’s address, and changes nothing', async () => {
    const refused: [request.Response, number, string][] = [
      [await erase(alice, {}), 400, 'invalid'],
      [await erase(alice, { confirmEmail: 'wrong@lyon.example' }), 400, 'erasure_not_confirmed'],
      [await erase(bob, { confirmEmail: 'alice@lyon.example' }), 400, 'erasure_not_confirmed'],
      [await erase(alice, { confirmEmail: 'alice@lyon.example', extra: true }), 400, 'invalid'],
      [await erase(alice, { confirmEmail: { $ne: '' } }), 400, 'invalid'],
    ];
    const { token } = await createApiToken(OPERATOR, alice.personId, 'tool', 1);
    refused.push([
      await request(world.server.app)
        .post('/api/v1/me/erasure')
        .set('Authorization', `Bearer ${token}`)
        .send({ confirmEmail: 'alice@lyon.example' }),
      403,
      'erasure_needs_session',
    ]);
    refused.push([
      await request(world.server.app).post('/api/v1/me/erasure').send({ confirmEmail: 'alice@lyon.example' }),
      401,
      'unauthenticated',
    ]);
    for (const [res, status, code] of refused) {
      assert.equal(res.status, status, res.text);
      assert.equal(res.body.code, code, res.text);
    }
    assert.ok(await PersonModel.findById(alice.personId).lean(), 'Alice is still here');
    assert.ok(await PersonModel.findById(bob.personId).lean(), 'Bob too');
    assert.equal(
      (await history(bob, roomId)).find((m) => m.id === ids.amber)?.body,
      'Alice amber secret plan',
    );
  });

  it('erases: AMBER and direct messages go, GREEN and what others replied to stay as a former member’s', async () => {
    const socket = await alice.connect();
    assert.ok((await socket.call('room:join', { roomId })).ok);
    const bobSocket = await bob.connect();
    assert.ok((await bobSocket.call('room:join', { roomId })).ok);

    const before = await request(world.server.app).get('/api/v1/rooms').set('Cookie', bob.cookie).expect(200);
    assert.ok(JSON.stringify(before.body).includes('Person alice'), 'the direct room is named after both');
    const requirements = await request(world.server.app)
      .get('/api/v1/me/erasure')
      .set('Cookie', alice.cookie)
      .expect(200);
    assert.deepEqual(requirements.body, {
      email: 'alice@lyon.example',
      secondFactor: false,
      signInAgain: false,
    });
    const res = await erase(alice, { confirmEmail: '  Alice@Lyon.example ' });
    assert.equal(res.status, 200, res.text);
    assert.equal(
      res.body.deleted,
      4,
      'the AMBER message, the direct message, the AMBER document and the AMBER expert request',
    );
    assert.equal(
      res.body.pseudonymised,
      4,
      'the GREEN message, document and expert request, the AMBER thread Bob answered',
    );
    const amberRequest = await ExpertRequestModel.findById(ids.amberRequest).lean();
    assert.equal(amberRequest?.state, 'deleted');
    assert.ok(!JSON.stringify(amberRequest).includes('named school'), 'the AMBER request keeps no words');
    const greenRequest = await ExpertRequestModel.findById(ids.greenRequest).lean();
    assert.equal(greenRequest?.state, 'visible');
    assert.equal(greenRequest?.title, 'Alice green request about school climate');
    assert.ok(res.body.auditEntriesPseudonymised > 0);
    assert.equal(res.body.auditEntriesUnsealed, 0, 'every entry naming her was sealed');

    await until(() => !socket.socket.connected);
    assert.ok(bobSocket.socket.connected, "Bob's socket stays");
    await request(world.server.app).get('/api/v1/me').set('Cookie', alice.cookie).expect(401);
    assert.equal(await SessionModel.countDocuments({ personId: alice.personId }), 0);
    assert.equal(await PersonModel.countDocuments({ _id: alice.personId }), 0);
    assert.equal(await PersonIdentityModel.countDocuments({ personId: alice.personId }), 0);

    const seen = await history(bob, roomId);
    const byId = new Map(seen.map((m) => [m.id, m]));
    assert.equal(byId.get(ids.green)?.body, 'Alice green lesson for everyone');
    assert.deepEqual(byId.get(ids.green)?.author, { id: alice.personId, name: null }, 'a former member');
    assert.equal(byId.get(ids.thread)?.author?.name, null);
    assert.ok(!byId.has(ids.amber) || byId.get(ids.amber)?.state === 'deleted', 'the AMBER message is gone');
    assert.ok(!JSON.stringify(seen).includes('Alice amber secret plan'));
    assert.ok(!JSON.stringify(await history(bob, dmId)).includes('Alice private note'));
    const rooms = await request(world.server.app).get('/api/v1/rooms').set('Cookie', bob.cookie).expect(200);
    assert.ok(
      !JSON.stringify(rooms.body).includes('Person alice'),
      'the direct room no longer carries her name',
    );
    assert.ok(byId.has(ids.bobOwn), "Bob's own words stay");
    const kept = await request(world.server.app)
      .get(`/api/v1/documents/${ids.greenDoc}`)
      .set('Cookie', bob.cookie)
      .expect(200);
    assert.equal(kept.body.title, 'Alice green toolkit');
    await request(world.server.app)
      .get(`/api/v1/documents/${ids.amberDoc}`)
      .set('Cookie', bob.cookie)
      .expect(404);
    const amberDoc = await DocumentModel.findById(ids.amberDoc).lean();
    assert.equal(amberDoc?.state, 'deleted');
    assert.ok(!JSON.stringify(amberDoc).includes('site list'), 'the AMBER document keeps no words');
    assert.ok(!JSON.stringify(seen).includes('Person alice'), 'no name left in the room');

    // Signing in again through the city's provider makes a new, empty account: the old one is gone.
    const again = await signInWithSaml(world.server.app, world.lyon, 'alice@lyon.example', {
      attributes: {
        email: 'alice@lyon.example',
        displayName: 'Person alice@lyon.example',
        groups: ['staff'],
      },
    });
    assert.notEqual(again.personId, alice.personId);

    assert.deepEqual((await verifyAudit()).ok, true, 'the audit chain still verifies');
    const named = await AuditEntryModel.find({ 'actor.id': alice.personId }).lean();
    assert.ok(named.length > 0);
    assert.ok(
      named.every((e) => (e.actor as { name: unknown }).name === null),
      'no entry names her',
    );
    assert.equal(
      await AuditEntryModel.countDocuments({ action: 'person.erased', 'target.id': alice.personId }),
      1,
    );
  });

  it('asks an account with a second factor for a fresh code, and a local account can no longer sign in', async () => {
    const created = await createPerson(OPERATOR, {
      name: 'Olga Observer',
      email: 'olga@un.example',
      roles: ['partner_observer'],
      organisation: 'UN',
      languages: [],
      expertise: [],
      status: 'active',
    });
    const secret = newTotpSecret();
    const password = 'correct horse battery staple';
    await LocalCredentialModel.updateOne(
      { personId: created.id },
      { $set: { email: 'olga@un.example', passwordHash: await hashPassword(password), totpSecret: secret } },
      { upsert: true },
    );
    const agent = request.agent(world.server.app);
    const login = await postWithCsrf(agent, '/api/v1/auth/login', { email: 'olga@un.example', password });
    assert.equal(login.body.status, 'second_factor_required');
    const second = await postWithCsrf(agent, '/api/v1/auth/login/second-factor', {
      code: await generate({ secret }),
    });
    assert.equal(second.status, 200, second.text);

    const noCode = await postWithCsrf(agent, '/api/v1/me/erasure', { confirmEmail: 'olga@un.example' });
    assert.deepEqual([noCode.status, noCode.body.code], [400, 'erasure_code_required']);
    const wrong = await postWithCsrf(agent, '/api/v1/me/erasure', {
      confirmEmail: 'olga@un.example',
      code: '000000',
    });
    assert.deepEqual([wrong.status, wrong.body.code], [403, 'erasure_code_wrong']);
    assert.ok(await PersonModel.findById(created.id).lean(), 'still here after the refusals');

    // The code used to sign in cannot be replayed: wait for the next one.
    await LocalCredentialModel.updateOne({ personId: created.id }, { $set: { totpLastTimeStep: 0 } });
    const done = await postWithCsrf(agent, '/api/v1/me/erasure', {
      confirmEmail: 'olga@un.example',
      code: await generate({ secret }),
    });
    assert.equal(done.status, 200, done.text);
    assert.equal(await LocalCredentialModel.countDocuments({ personId: created.id }), 0);
    const after = await postWithCsrf(request.agent(world.server.app), '/api/v1/auth/login', {
      email: 'olga@un.example',
      password,
    });
    assert.equal(after.status, 401);
  });

  it('asks an account whose only second factor is a security key for a sign-in within 15 minutes', async () => {
    const created = await createPerson(OPERATOR, {
      name: 'Kofi Keyholder',
      email: 'kofi@un.example',
      roles: ['partner_observer'],
      organisation: 'UN',
      languages: [],
      expertise: [],
      status: 'active',
    });
    const password = 'a key and a long password';
    await LocalCredentialModel.updateOne(
      { personId: created.id },
      { $set: { email: 'kofi@un.example', passwordHash: await hashPassword(password) } },
      { upsert: true },
    );
    const agent = request.agent(world.server.app);
    const login = await postWithCsrf(agent, '/api/v1/auth/login', { email: 'kofi@un.example', password });
    assert.equal(login.status, 200, login.text);
    // The key enrolled in this session (its public key alone is stored; no code can be typed for it).
    await WebAuthnCredentialModel.create({
      personId: created.id,
      credentialId: 'a2V5LW9mLWtvZmk',
      publicKey: 'cHVibGljLWtleQ',
      name: 'Kofi key',
      deviceType: 'singleDevice',
    });
    const ageSignIn = async (minutes: number) => {
      for (const session of await SessionModel.find({ personId: created.id }).lean()) {
        const data = JSON.parse(session.data) as { signedInAt: number };
        data.signedInAt = Date.now() - minutes * 60_000;
        await SessionModel.updateOne({ _id: session._id }, { $set: { data: JSON.stringify(data) } });
      }
    };
    await ageSignIn(20); // a cookie stolen from an old session, say
    const asked = await agent.get('/api/v1/me/erasure').expect(200);
    assert.deepEqual(asked.body, { email: 'kofi@un.example', secondFactor: false, signInAgain: true });
    const refused = await postWithCsrf(agent, '/api/v1/me/erasure', { confirmEmail: 'kofi@un.example' });
    assert.deepEqual([refused.status, refused.body.code], [403, 'erasure_sign_in_again']);
    assert.ok(await PersonModel.findById(created.id).lean(), 'still here after the refusal');
    assert.equal(await WebAuthnCredentialModel.countDocuments({ personId: created.id }), 1);

    await ageSignIn(1); // signed in again, with the key, a minute ago
    assert.equal((await agent.get('/api/v1/me/erasure').expect(200)).body.signInAgain, false);
    const done = await postWithCsrf(agent, '/api/v1/me/erasure', { confirmEmail: 'kofi@un.example' });
    assert.equal(done.status, 200, done.text);
    assert.equal(
      await WebAuthnCredentialModel.countDocuments({ personId: created.id }),
      0,
      'the key is gone too',
    );
  });

  it('keeps the last active admin: the network never loses its last one to an erasure', async () => {
    const admins = await PersonModel.find({ roles: 'admin', status: 'active' }, { _id: 1 }).lean();
    await PersonModel.updateMany(
      { _id: { $in: admins.map((a) => a._id) } },
      { $set: { status: 'suspended' } },
    );
    await PersonModel.updateOne({ _id: bob.personId }, { $set: { roles: ['admin'] } });
    try {
      const res = await erase(bob, { confirmEmail: 'bob@lyon.example' });
      assert.deepEqual([res.status, res.body.code], [409, 'erasure_last_admin'], res.text);
      assert.ok(await PersonModel.findById(bob.personId).lean(), 'Bob is still here');
    } finally {
      await PersonModel.updateMany(
        { _id: { $in: admins.map((a) => a._id) } },
        { $set: { status: 'active' } },
      );
    }
  });
});
