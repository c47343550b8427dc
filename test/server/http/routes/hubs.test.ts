import assert from 'node:assert/strict';
import request from 'supertest';
import { seededApp } from '../../../support/fixtures.js';

describe('/api/v1/hubs', () => {
  const t = seededApp();

  it('lists hubs publicly by slug with their names per language', async () => {
    const res = await request(t.app).get('/api/v1/hubs').expect(200);
    assert.deepEqual(
      res.body.items.map((h: { slug: string }) => h.slug),
      ['europe', 'mena'],
    );
    assert.deepEqual(res.body.items[0].name, { en: 'Europe', fr: 'Europe' });
    assert.equal(res.body.items[0].coordinators, undefined);
  });

  it('lets an admin create and change a hub; coordinators must be active people', async () => {
    const admin = t.dir.people.admin.auth;
    await request(t.app)
      .post('/api/v1/hubs')
      .set(admin)
      .send({ slug: 'south-asia', name: { en: 'South Asia', ar: 'جنوب آسيا' } })
      .expect(201);
    await request(t.app)
      .post('/api/v1/hubs')
      .set(admin)
      .send({ slug: 'south-asia', name: { en: 'Again' } })
      .expect(409);
    const bad = await request(t.app)
      .patch('/api/v1/hubs/south-asia')
      .set(admin)
      .send({ coordinatorIds: [t.dir.people.suspended.id] })
      .expect(400);
    assert.equal(bad.body.errors[0].path, 'coordinatorIds');
    const ok = await request(t.app)
      .patch('/api/v1/hubs/south-asia')
      .set(admin)
      .send({ coordinatorIds: [t.dir.people.expert.id] })
      .expect(200);
    assert.deepEqual(ok.body.coordinators, [{ id: t.dir.people.expert.id, name: 'Eve Expert' }]);
    await request(t.app).patch('/api/v1/hubs/south-asia').set(admin).send({}).expect(400);
    await request(t.app)
      .patch('/api/v1/hubs/atlantis')
      .set(admin)
      .send({ name: { en: 'X' } })
      .expect(404);
  });

  it('refuses hub changes to everyone else', async () => {
    await request(t.app)
      .post('/api/v1/hubs')
      .send({ slug: 'x-hub', name: { en: 'X' } })
      .expect(401);
    await request(t.app)
      .post('/api/v1/hubs')
      .set(t.dir.people.focal.auth)
      .send({ slug: 'x-hub', name: { en: 'X' } })
      .expect(403);
    await request(t.app).get('/api/v1/hubs/x-hub').expect(404);
  });
});
