/**
 * Spaces made by mayors and invitations, over HTTP: what the form may offer, a leaders-only Chatham
 * House peer room, invitations accepted and declined, the policy's refusals with their reasons, and
 * the hostile cases (someone else's invitation, answering twice, inviting to a space one does not
 * manage, bad and unknown ids); room moderators; group conversations of 3 to 20; category order.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import type { Express } from 'express';
import { resetDatabase } from '../../../support/database.js';
import { testApp } from '../../../support/app.js';
import { person, seedSharing, type SharingWorld } from '../../../support/sharingFixtures.js';
import type { TestPerson } from '../../../support/fixtures.js';

describe('/api/v1 spaces made from the page, and invitations', () => {
  let app: Express;
  let world: SharingWorld;
  let lea: TestPerson;
  let lou: TestPerson;
  let room: { slug: string; id: string };
  before(async () => {
    await resetDatabase();
    world = await seedSharing();
    lea = await person('Lea Leader', 'lea@lyon.test.example', ['leader'], 'lyon');
    lou = await person('Lou Leader', 'lou@amman.test.example', ['leader'], 'amman');
    app = testApp({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
  });

  const options = async (who: TestPerson) =>
    (await request(app).get('/api/v1/space-creation-options').set(who.auth).expect(200)).body.options as {
      kind: string;
      hub: string | null;
      city: string | null;
    }[];

  it('offers each person only what the policy lets them create', async () => {
    assert.deepEqual(await options(lea), [{ kind: 'peer_room', hub: null, city: null, leadersOnly: true }]);
    assert.deepEqual(await options(world.people.practitioner), []);
    const focal = (await options(world.people.focal)).map((o) => `${o.kind}:${o.city}`);
    assert.deepEqual(focal, ['city:lyon', 'city_partners:lyon']);
    const coordinator = (await options(world.people.coordinator)).map((o) => `${o.kind}:${o.hub}`);
    assert.deepEqual(coordinator, ['peer_room:europe', 'event:europe']);
    const admin = (await options(world.people.admin)).map((o) => o.kind);
    assert.ok(admin.includes('committee') && admin.includes('event') && admin.includes('peer_room'));
    await request(app).get('/api/v1/space-creation-options').expect(401);
  });

  it('lets a mayor create a leaders-only Chatham House peer room (address made from the name)', async () => {
    const res = await request(app)
      .post('/api/v1/spaces')
      .set(lea.auth)
      .send({
        name: 'Mayors dialogue',
        kind: 'peer_room',
        ceiling: 'RED',
        defaultLabel: 'AMBER',
        chathamHouse: true,
        leadersOnly: true,
      })
      .expect(201);
    assert.match(res.body.slug, /^mayors-dialogue-[a-z0-9]+$/);
    assert.equal(res.body.membership, 'owner');
    assert.deepEqual(res.body.abilities, {
      invite: true,
      manageMembers: true,
      moderateForum: false,
      leave: true,
    });
    room = { slug: res.body.slug, id: res.body.id };
    // Not a committee, nor a peer room of a hub: the policy allows neither.
    await request(app)
      .post('/api/v1/spaces')
      .set(lea.auth)
      .send({ name: 'ISC', kind: 'committee', ceiling: 'AMBER', defaultLabel: 'AMBER' })
      .expect(403);
    await request(app)
      .post('/api/v1/spaces')
      .set(lea.auth)
      .send({ name: 'Hub room', kind: 'peer_room', hub: 'europe', ceiling: 'RED', defaultLabel: 'RED' })
      .expect(403);
    await request(app)
      .post('/api/v1/spaces')
      .set(world.people.practitioner.auth)
      .send({ name: 'Mine', kind: 'peer_room', ceiling: 'RED', defaultLabel: 'RED' })
      .expect(403);
  });

  let omarInvitation: string;
  let louInvitation: string;

  it('invites two mayors; refuses a practitioner, a second invitation and strangers', async () => {
    const path = `/api/v1/spaces/${room.slug}/invitations`;
    const first = await request(app)
      .post(path)
      .set(lea.auth)
      .send({ person: world.people.otherCity.id })
      .expect(201);
    assert.equal(first.body.status, 'pending');
    assert.equal(first.body.person.name, 'Omar Other');
    assert.equal(first.body.invitedBy.name, 'Lea Leader');
    assert.deepEqual(first.body.abilities, { answer: false, revoke: true });
    omarInvitation = first.body.id;
    louInvitation = (await request(app).post(path).set(lea.auth).send({ person: lou.id }).expect(201)).body
      .id;

    const again = await request(app).post(path).set(lea.auth).send({ person: lou.id }).expect(409);
    assert.equal(again.body.code, 'already_invited');
    const practitioner = await request(app)
      .post(path)
      .set(lea.auth)
      .send({ person: world.people.practitioner.id })
      .expect(400);
    assert.equal(practitioner.body.code, 'invitee_not_leader');
    assert.deepEqual(practitioner.body.params, { person: 'Pierre Practitioner', space: 'Mayors dialogue' });
    const self = await request(app).post(path).set(lea.auth).send({ person: lea.id }).expect(400);
    assert.equal(self.body.code, 'already_member');
    const suspended = await request(app)
      .post(path)
      .set(lea.auth)
      .send({ person: world.people.suspended.id })
      .expect(400);
    assert.equal(suspended.body.code, 'invitee_unknown');
    await request(app).post(path).set(lea.auth).send({ person: 'not-an-id' }).expect(400);
    await request(app).post(path).set(lea.auth).send({ person: lou.id, role: 'owner' }).expect(400);

    // Someone who cannot see the room learns nothing; a room of someone else cannot be invited to.
    await request(app).post(path).set(world.people.practitioner.auth).send({ person: lou.id }).expect(404);
    await request(app).post(path).set(lou.auth).send({ person: lou.id }).expect(404);
    await request(app)
      .post('/api/v1/spaces/mayors/invitations')
      .set(lea.auth)
      .send({ person: lou.id })
      .expect(404);
    await request(app)
      .post('/api/v1/spaces/workshop/invitations')
      .set(world.people.practitioner.auth)
      .send({ person: world.people.expert.id })
      .expect(403);

    const pending = await request(app).get(path).set(lea.auth).expect(200);
    assert.deepEqual(pending.body.items.map((i: { person: { name: string } }) => i.person.name).sort(), [
      'Lou Leader',
      'Omar Other',
    ]);
  });

  it('lets only the invitee answer, once; bad and unknown ids are refused', async () => {
    const mine = await request(app).get('/api/v1/invitations').set(world.people.otherCity.auth).expect(200);
    assert.deepEqual(
      mine.body.items.map((i: { id: string; abilities: { answer: boolean } }) => [i.id, i.abilities.answer]),
      [[omarInvitation, true]],
    );
    await request(app).post(`/api/v1/invitations/${omarInvitation}/accept`).set(lou.auth).expect(404);
    await request(app).post(`/api/v1/invitations/${omarInvitation}/accept`).set(lea.auth).expect(404);
    await request(app).post('/api/v1/invitations/zzz/accept').set(lou.auth).expect(400);
    await request(app)
      .post(`/api/v1/invitations/${'0'.repeat(24)}/accept`)
      .set(lou.auth)
      .expect(404);
    await request(app).post(`/api/v1/invitations/${omarInvitation}/accept`).expect(401);

    const accepted = await request(app)
      .post(`/api/v1/invitations/${omarInvitation}/accept`)
      .set(world.people.otherCity.auth)
      .expect(200);
    assert.equal(accepted.body.status, 'accepted');
    const space = await request(app)
      .get(`/api/v1/spaces/${room.slug}`)
      .set(world.people.otherCity.auth)
      .expect(200);
    assert.equal(space.body.membership, 'member');
    assert.deepEqual(space.body.abilities, {
      invite: false,
      manageMembers: false,
      moderateForum: false,
      leave: true,
    });
    const twice = await request(app)
      .post(`/api/v1/invitations/${omarInvitation}/accept`)
      .set(world.people.otherCity.auth)
      .expect(409);
    assert.equal(twice.body.code, 'invitation_not_pending');
    assert.deepEqual(twice.body.params, { status: 'accepted' });
    await request(app)
      .post(`/api/v1/invitations/${omarInvitation}/decline`)
      .set(world.people.otherCity.auth)
      .expect(409);

    const declined = await request(app)
      .post(`/api/v1/invitations/${louInvitation}/decline`)
      .set(lou.auth)
      .expect(200);
    assert.equal(declined.body.status, 'declined');
    await request(app).post(`/api/v1/invitations/${louInvitation}/accept`).set(lou.auth).expect(409);
    await request(app).get(`/api/v1/spaces/${room.slug}`).set(lou.auth).expect(404);
    const left = await request(app).get(`/api/v1/spaces/${room.slug}/invitations`).set(lea.auth).expect(200);
    assert.deepEqual(left.body.items, []);
    // A member who does not manage the room cannot invite.
    await request(app)
      .post(`/api/v1/spaces/${room.slug}/invitations`)
      .set(world.people.otherCity.auth)
      .send({ person: lou.id })
      .expect(403);
  });

  it('invites again after a decline, and the owner may withdraw it once', async () => {
    const path = `/api/v1/spaces/${room.slug}/invitations`;
    const again = await request(app).post(path).set(lea.auth).send({ person: lou.id }).expect(201);
    assert.equal(again.body.id, louInvitation);
    assert.equal(again.body.status, 'pending');
    await request(app).delete(`${path}/${louInvitation}`).set(world.people.otherCity.auth).expect(403);
    const revoked = await request(app).delete(`${path}/${louInvitation}`).set(lea.auth).expect(200);
    assert.equal(revoked.body.status, 'revoked');
    const twice = await request(app).delete(`${path}/${louInvitation}`).set(lea.auth).expect(409);
    assert.equal(twice.body.code, 'invitation_not_pending');
    await request(app).post(`/api/v1/invitations/${louInvitation}/accept`).set(lou.auth).expect(409);
    await request(app)
      .delete(`${path}/${'0'.repeat(24)}`)
      .set(lea.auth)
      .expect(404);
  });

  it('lets the owner make a member a room moderator, keep owners as they are, and remove members', async () => {
    const path = `/api/v1/spaces/${room.slug}/members`;
    const omar = world.people.otherCity.id;
    const promoted = await request(app)
      .patch(`${path}/${omar}`)
      .set(lea.auth)
      .send({ role: 'moderator' })
      .expect(200);
    assert.equal(
      promoted.body.items.find((m: { person: { id: string } }) => m.person.id === omar).role,
      'moderator',
    );
    const abilities = (body: { items: { person: { id: string }; abilities: unknown }[] }, id: string) =>
      body.items.find((m) => m.person.id === id)?.abilities;
    assert.deepEqual(abilities(promoted.body, omar), { changeRole: true, remove: true });
    assert.deepEqual(abilities(promoted.body, lea.id), { changeRole: false, remove: false });
    const seenByOmar = await request(app).get(path).set(world.people.otherCity.auth).expect(200);
    assert.deepEqual(abilities(seenByOmar.body, lea.id), { changeRole: false, remove: false });
    const removeOwner = await request(app)
      .delete(`${path}/${lea.id}`)
      .set(world.people.otherCity.auth)
      .expect(409);
    assert.equal(removeOwner.body.code, 'owner_role_fixed');
    const owner = await request(app)
      .patch(`${path}/${lea.id}`)
      .set(lea.auth)
      .send({ role: 'member' })
      .expect(409);
    assert.equal(owner.body.code, 'owner_role_fixed');
    await request(app).patch(`${path}/${lou.id}`).set(lea.auth).send({ role: 'moderator' }).expect(404);
    await request(app).patch(`${path}/${omar}`).set(lea.auth).send({ role: 'owner' }).expect(400);
    await request(app)
      .patch(`${path}/${omar}`)
      .set(world.people.practitioner.auth)
      .send({ role: 'member' })
      .expect(404);
    await request(app).delete(`${path}/${omar}`).set(lea.auth).expect(200);
    await request(app).get(`/api/v1/spaces/${room.slug}`).set(world.people.otherCity.auth).expect(404);
  });

  it('starts group conversations of 3 to 20 people and says why otherwise', async () => {
    const p = world.people;
    const small = await request(app)
      .post('/api/v1/rooms/group')
      .set(p.practitioner.auth)
      .send({ people: [p.focal.id, p.practitioner.id] })
      .expect(400);
    assert.equal(small.body.code, 'group_size');
    assert.deepEqual(small.body.params, { min: 3, max: 20, people: 2 });
    const many = Array.from({ length: 20 }, (_, i) => i.toString(16).padStart(24, 'a'));
    const big = await request(app)
      .post('/api/v1/rooms/group')
      .set(p.practitioner.auth)
      .send({ people: many })
      .expect(400);
    assert.deepEqual(big.body.params, { min: 3, max: 20, people: 21 });
    const unknown = await request(app)
      .post('/api/v1/rooms/group')
      .set(p.practitioner.auth)
      .send({ people: [p.focal.id, '0'.repeat(24)] })
      .expect(400);
    assert.equal(unknown.body.errors[0].path, 'people');
    const made = await request(app)
      .post('/api/v1/rooms/group')
      .set(p.practitioner.auth)
      .send({ name: 'Youth work', people: [p.focal.id, p.otherCity.id] })
      .expect(201);
    assert.equal(made.body.kind, 'direct');
    assert.equal(made.body.name, 'Youth work');
    for (const who of [p.practitioner, p.focal, p.otherCity]) {
      const rooms = await request(app).get('/api/v1/rooms?limit=100').set(who.auth).expect(200);
      assert.ok(rooms.body.items.some((r: { id: string }) => r.id === made.body.id));
    }
    const outsider = await request(app).get('/api/v1/rooms?limit=100').set(p.expert.auth).expect(200);
    assert.ok(!outsider.body.items.some((r: { id: string }) => r.id === made.body.id));
    // Nobody can be invited to a conversation.
    await request(app)
      .post(`/api/v1/spaces/${made.body.slug}/invitations`)
      .set(p.admin.auth)
      .send({ person: p.expert.id })
      .expect(400);
  });

  it("reorders a hub forum's categories for its moderators only", async () => {
    const coordinator = world.people.coordinator;
    const base = '/api/v1/spaces/europe-forum/forum';
    for (const slug of ['alpha', 'beta', 'gamma'])
      await request(app)
        .post(`${base}/categories`)
        .set(coordinator.auth)
        .send({ slug, name: slug })
        .expect(201);
    const order = await request(app)
      .put(`${base}/category-order`)
      .set(coordinator.auth)
      .send({ categories: ['gamma', 'alpha', 'beta'] })
      .expect(200);
    assert.deepEqual(
      order.body.items.map((c: { slug: string; position: number }) => `${c.slug}:${c.position}`),
      ['gamma:10', 'alpha:20', 'beta:30'],
    );
    const listed = await request(app)
      .get(`${base}/categories`)
      .set(world.people.practitioner.auth)
      .expect(200);
    assert.deepEqual(
      listed.body.items.map((c: { slug: string }) => c.slug),
      ['gamma', 'alpha', 'beta'],
    );
    await request(app)
      .put(`${base}/category-order`)
      .set(coordinator.auth)
      .send({ categories: ['gamma', 'alpha'] })
      .expect(400);
    await request(app)
      .put(`${base}/category-order`)
      .set(coordinator.auth)
      .send({ categories: ['gamma', 'alpha', 'alpha'] })
      .expect(400);
    await request(app)
      .put(`${base}/category-order`)
      .set(world.people.practitioner.auth)
      .send({ categories: ['alpha', 'beta', 'gamma'] })
      .expect(403);
    const space = await request(app).get('/api/v1/spaces/europe-forum').set(coordinator.auth).expect(200);
    assert.equal(space.body.abilities.moderateForum, true);
  });
});
