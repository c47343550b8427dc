import assert from 'node:assert/strict';
import request from 'supertest';
import type { Express } from 'express';
import { resetDatabase } from '../../../support/database.js';
import { testApp } from '../../../support/app.js';
import type { MembershipEvent } from '../../../../server/events/contentEvents.js';
import { subscribe } from '../../../../server/events/domainEvents.js';
import { subject } from '@casl/ability';
import { defineSharingAbility } from '../../../../shared/policy/sharing.js';
import { seedSharing, type SharingWorld } from '../../../support/sharingFixtures.js';

describe('/api/v1/spaces', () => {
  let app: Express;
  let world: SharingWorld;
  before(async () => {
    await resetDatabase();
    world = await seedSharing();
    app = testApp();
  });

  const slugs = (res: { body: { items: { slug: string }[] } }) => res.body.items.map((s) => s.slug).sort();

  it('lists the spaces each person takes part in, explicit and derived', async () => {
    const p = world.people;
    const mine = async (who: { auth: { Authorization: string } }) =>
      slugs(await request(app).get('/api/v1/spaces').set(who.auth).expect(200));
    assert.deepEqual(await mine(p.practitioner), [
      'europe-forum',
      'lyon-internal',
      'lyon-partners',
      'network',
      'workshop',
    ]);
    assert.deepEqual(await mine(p.otherCity), ['amman-internal', 'mayors', 'network', 'workshop']);
    assert.deepEqual(await mine(p.isc), ['amman-internal', 'isc', 'network']);
    assert.deepEqual(await mine(p.partner), ['lyon-partners']);
    assert.deepEqual(await mine(p.observer), []);
    assert.deepEqual(await mine(p.coordinator), ['europe-forum', 'network']);
    assert.deepEqual(await mine(p.expert), ['network']);
    await request(app).get('/api/v1/spaces').expect(401);
  });

  it('hides spaces from people outside them', async () => {
    await request(app).get('/api/v1/spaces/workshop').set(world.people.expert.auth).expect(404);
    const res = await request(app)
      .get('/api/v1/spaces/workshop')
      .set(world.people.practitioner.auth)
      .expect(200);
    assert.equal(res.body.membership, 'member');
    assert.equal(res.body.ceiling, 'RED');
    const admin = await request(app).get('/api/v1/spaces/workshop').set(world.people.admin.auth).expect(200);
    assert.equal(admin.body.membership, null);
  });

  it('lets a focal point create a city space and be its owner, but not a hub space', async () => {
    const created = await request(app)
      .post('/api/v1/spaces')
      .set(world.people.focal.auth)
      .send({
        slug: 'lyon-youth',
        name: 'Youth',
        kind: 'city_partners',
        city: 'lyon',
        ceiling: 'AMBER',
        defaultLabel: 'GREEN',
      })
      .expect(201);
    assert.equal(created.body.membership, 'owner');
    await request(app)
      .post('/api/v1/spaces')
      .set(world.people.focal.auth)
      .send({ slug: 'eu-2', name: 'EU', kind: 'hub', hub: 'europe', ceiling: 'GREEN', defaultLabel: 'GREEN' })
      .expect(403);
    await request(app)
      .post('/api/v1/spaces')
      .set(world.people.focal.auth)
      .send({
        slug: 'lyon-x',
        name: 'X',
        kind: 'city',
        city: 'lyon',
        ceiling: 'GREEN',
        defaultLabel: 'AMBER',
      })
      .expect(400);
  });

  it('admits only leaders to a leaders-only peer room', async () => {
    const res = await request(app)
      .post('/api/v1/spaces/mayors/members')
      .set(world.people.admin.auth)
      .send({ person: world.people.practitioner.id })
      .expect(400);
    assert.match(res.body.detail, /mayors and city leaders only/);
  });

  it('adds, removes and lets members leave; derived membership cannot be left', async () => {
    const p = world.people;
    const changes: string[] = [];
    const listener = (e: MembershipEvent) =>
      changes.push(`${e.personId === p.expert.id ? 'expert' : '?'} ${e.change}`);
    const unsubscribe = subscribe('membership', 'test recorder', listener);
    await request(app)
      .post('/api/v1/spaces/workshop/members')
      .set(p.expert.auth)
      .send({ person: p.expert.id })
      .expect(404);
    await request(app)
      .post('/api/v1/spaces/workshop/members')
      .set(p.admin.auth)
      .send({ person: p.expert.id })
      .expect(200);
    await request(app).get('/api/v1/spaces/workshop').set(p.expert.auth).expect(200);
    await request(app).post('/api/v1/spaces/workshop/leave').set(p.expert.auth).expect(200);
    await request(app).get('/api/v1/spaces/workshop').set(p.expert.auth).expect(404);
    await request(app).post('/api/v1/spaces/network/leave').set(p.expert.auth).expect(409);
    await request(app)
      .post('/api/v1/spaces/workshop/members')
      .set(p.admin.auth)
      .send({ person: p.expert.id })
      .expect(200);
    await request(app).delete(`/api/v1/spaces/workshop/members/${p.expert.id}`).set(p.admin.auth).expect(200);
    await request(app).get('/api/v1/spaces/workshop').set(p.expert.auth).expect(404);
    unsubscribe();
    assert.deepEqual(changes, ['expert joined', 'expert left', 'expert joined', 'expert left']);
  });

  it('refuses a post above the ceiling with an error naming the ceiling', async () => {
    const res = await request(app)
      .post('/api/v1/spaces/europe-forum/posts')
      .set(world.people.practitioner.auth)
      .send({ title: 'Threat', body: 'details', label: 'AMBER' })
      .expect(400);
    assert.match(res.body.detail, /ceiling of "europe-forum" is GREEN/);
    const ok = await request(app)
      .post('/api/v1/spaces/europe-forum/posts')
      .set(world.people.practitioner.auth)
      .send({ title: 'Schools', body: 'what worked' })
      .expect(201);
    assert.equal(ok.body.label, 'GREEN');
    assert.equal(ok.body.author.name, 'Pierre Practitioner');
    assert.equal(ok.body.city, 'lyon');
  });

  it('gives the client the facts to build the same ability (GET /me/sharing)', async () => {
    const facts = (await request(app).get('/api/v1/me/sharing').set(world.people.otherCity.auth).expect(200))
      .body;
    const workshop = (
      await request(app).get('/api/v1/spaces/workshop').set(world.people.otherCity.auth).expect(200)
    ).body;
    const ability = defineSharingAbility({
      ...facts,
      actor: { kind: 'person', id: facts.personId, name: 'x', cityId: facts.cityId, roles: facts.roles },
    });
    const post = (label: string, audienceIds: string[]) =>
      subject('Post', { spaceId: workshop.id, label, audienceIds, state: 'visible', authorId: 'someone' });
    assert.equal(ability.can('read', post('RED', [facts.personId]) as never), true);
    assert.equal(ability.can('read', post('RED', []) as never), false);
    assert.equal(ability.can('share', post('AMBER', []) as never), true);
    await request(app).get('/api/v1/me/sharing').expect(401);
  });
});
