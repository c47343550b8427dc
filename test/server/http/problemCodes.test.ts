/**
 * Refusals carry a stable code and its parameters (problem+json `code`, `params`), so the client says
 * them in the reader's language: a specific reason where the service gave one, else the general kind.
 * Real server and database.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import type { Express } from 'express';
import { resetDatabase } from '../../support/database.js';
import { testApp } from '../../support/app.js';
import { seedSharing, type SharingPeople } from '../../support/sharingFixtures.js';

describe('problem documents carry a stable code and its parameters', () => {
  let app: Express;
  let p: SharingPeople;
  before(async () => {
    await resetDatabase();
    p = (await seedSharing()).people;
    app = testApp();
  });

  it('names the ceiling of a refused label as parameters of `label_above_ceiling`', async () => {
    const res = await request(app)
      .post('/api/v1/spaces/lyon-internal/posts')
      .set(p.practitioner.auth)
      .send({ title: 'Too hot', body: 'names', label: 'RED' })
      .expect(400);
    assert.equal(res.type, 'application/problem+json');
    assert.equal(res.body.code, 'label_above_ceiling');
    assert.deepEqual(res.body.params, { label: 'RED', ceiling: 'AMBER+STRICT', space: 'lyon-internal' });
    assert.equal(res.body.errors[0].path, 'label');
  });

  it('says `label_below_parent` for a reply below its topic, and `topic_locked` for a locked topic', async () => {
    await request(app)
      .post('/api/v1/spaces/europe-forum/forum/categories')
      .set(p.coordinator.auth)
      .send({ slug: 'general', name: 'general' })
      .expect(201);
    const topic = await request(app)
      .post('/api/v1/spaces/europe-forum/forum/categories/general/topics')
      .set(p.practitioner.auth)
      .send({ title: 'Depots', body: 'b', label: 'GREEN' })
      .expect(201);
    const below = await request(app)
      .post(`/api/v1/forum/topics/${topic.body.id}/replies`)
      .set(p.practitioner.auth)
      .send({ body: 'r', label: 'CLEAR' })
      .expect(400);
    assert.equal(below.body.code, 'label_below_parent');
    assert.deepEqual(below.body.params, { label: 'CLEAR', parent: 'GREEN' });
    assert.equal(topic.body.abilities.reply, true);
    await request(app).put(`/api/v1/forum/topics/${topic.body.id}/lock`).set(p.coordinator.auth).expect(200);
    const locked = await request(app)
      .post(`/api/v1/forum/topics/${topic.body.id}/replies`)
      .set(p.practitioner.auth)
      .send({ body: 'r' })
      .expect(409);
    assert.equal(locked.body.code, 'topic_locked');
    const read = await request(app).get(`/api/v1/forum/topics/${topic.body.id}`).set(p.practitioner.auth);
    assert.equal(read.body.abilities.reply, false, 'the locked topic offers no reply to a member');
    const asModerator = await request(app)
      .get(`/api/v1/forum/topics/${topic.body.id}`)
      .set(p.coordinator.auth);
    assert.equal(asModerator.body.abilities.reply, true, 'its forum moderator may still reply');
  });

  it('gives the general kind where there is no specific reason', async () => {
    const missing = await request(app)
      .get('/api/v1/posts/000000000000000000000000')
      .set(p.practitioner.auth)
      .expect(404);
    assert.equal(missing.body.code, 'not_found');
    assert.equal(missing.body.params, undefined);
    const anonymous = await request(app).post('/api/v1/spaces/network/posts').send({}).expect(401);
    assert.equal(anonymous.body.code, 'unauthenticated');
  });
});
