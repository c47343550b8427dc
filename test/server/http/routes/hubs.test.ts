import assert from 'node:assert/strict';
import request from 'supertest';
import type { Express } from 'express';
import { resetDatabase } from '../../../support/database.js';
import { seedDirectory, type Directory } from '../../../support/fixtures.js';
import { testApp } from '../../../support/app.js';

describe('/api/v1/hubs', () => {
  let app: Express;
  let dir: Directory;
  before(async () => {
    await resetDatabase();
    dir = await seedDirectory();
    app = testApp();
  });

  it('lists hubs publicly by slug with their names per language', async () => {
    const res = await request(app).get('/api/v1/hubs').expect(200);
    assert.deepEqual(
      res.body.items.map((h: { slug: string }) => h.slug),
      ['europe', 'mena'],
    );
    assert.deepEqual(res.body.items[0].name, { en: 'Europe', fr: 'Europe' });
    assert.equal(res.body.items[0].coordinators, undefined);
  });

  it('lets an admin create and change a hub; coordinators must be active people', async () => {
    const admin = dir.people.admin.auth;
    await request(app)
      .post('/api/v1/hubs')
      .set(admin)
      .send({ slug: 'south-asia', name: { en: 'South Asia', ar: 'جنوب آسيا' } })
      .expect(201);
    await request(app)
      .post('/api/v1/hubs')
      .set(admin)
      .send({ slug: 'south-asia', name: { en: 'Again' } })
      .expect(409);
    const bad = await request(app)
      .patch('/api/v1/hubs/south-asia')
      .set(admin)
      .send({ coordinatorIds: [dir.people.suspended.id] })
      .expect(400);
    assert.equal(bad.body.errors[0].path, 'coordinatorIds');
    const ok = await request(app)
      .patch('/api/v1/hubs/south-asia')
      .set(admin)
      .send({ coordinatorIds: [dir.people.expert.id] })
      .expect(200);
    assert.deepEqual(ok.body.coordinators, [{ id: dir.people.expert.id, name: 'Eve Expert' }]);
    await request(app).patch('/api/v1/hubs/south-asia').set(admin).send({}).expect(400);
    await request(app)
      .patch('/api/v1/hubs/atlantis')
      .set(admin)
      .send({ name: { en: 'X' } })
      .expect(404);
  });

  it('refuses hub changes to everyone else', async () => {
    await request(app)
      .post('/api/v1/hubs')
      .send({ slug: 'x-hub', name: { en: 'X' } })
      .expect(401);
    await request(app)
      .post('/api/v1/hubs')
      .set(dir.people.focal.auth)
      .send({ slug: 'x-hub', name: { en: 'X' } })
      .expect(403);
    await request(app).get('/api/v1/hubs/x-hub').expect(404);
  });
});
