/**
 * The abilities the console shows controls from, decided by the policy: an admin may act on every
 * city, application and person; a focal point on their own city only; others on nothing.
 */
import assert from 'node:assert/strict';
import type { Express } from 'express';
import request from 'supertest';
import { PRINCIPLES_VERSION } from '../../../../shared/principles.js';
import { resetDatabase } from '../../../support/database.js';
import { seedDirectory, type Directory } from '../../../support/fixtures.js';
import { testApp } from '../../../support/app.js';

describe('console abilities (cities, applications, people)', () => {
  let app: Express;
  let dir: Directory;
  before(async () => {
    await resetDatabase();
    dir = await seedDirectory();
    app = testApp();
  });

  it('gives an admin every city control, a focal point their own city only, anonymous callers none', async () => {
    const all = { rename: true, changeHub: true, iscSeat: true, focalPoints: true, setStatus: true };
    const none = { rename: false, changeHub: false, iscSeat: false, focalPoints: false, setStatus: false };
    const admin = await request(app).get('/api/v1/cities/amman').set(dir.people.admin.auth).expect(200);
    assert.deepEqual(admin.body.abilities, all);
    const own = await request(app).get('/api/v1/cities/lyon').set(dir.people.focal.auth).expect(200);
    assert.deepEqual(own.body.abilities, { ...none, rename: true, focalPoints: true });
    const other = await request(app).get('/api/v1/cities/amman').set(dir.people.focal.auth).expect(200);
    assert.deepEqual(other.body.abilities, none);
    const visitor = await request(app).get('/api/v1/cities/amman').expect(200);
    assert.equal(visitor.body.abilities, undefined);
    // The abilities are what the server enforces.
    await request(app)
      .patch('/api/v1/cities/amman')
      .set(dir.people.focal.auth)
      .send({ focalPointIds: [] })
      .expect(403);
  });

  it('lets an admin decide a pending application only, and refuses the list to a focal point', async () => {
    await request(app)
      .post('/api/v1/applications')
      .send({
        city: { name: 'Quito', kind: 'capital', country: 'EC' },
        contact: { name: 'Q', email: 'q@quito.example', position: 'Mayor’s office' },
        pledge: { version: PRINCIPLES_VERSION, accepted: true },
      })
      .expect(201);
    const list = await request(app).get('/api/v1/applications').set(dir.people.admin.auth).expect(200);
    assert.deepEqual(list.body.items[0].abilities, { decide: true });
    await request(app)
      .post(`/api/v1/applications/${list.body.items[0].id}/decision`)
      .set(dir.people.admin.auth)
      .send({ decision: 'decline', reason: 'test' })
      .expect(200);
    const decided = await request(app)
      .get(`/api/v1/applications/${list.body.items[0].id}`)
      .set(dir.people.admin.auth)
      .expect(200);
    assert.deepEqual(decided.body.abilities, { decide: false });
    await request(app).get('/api/v1/applications').set(dir.people.focal.auth).expect(403);
  });

  it('gives an admin role and invitation controls over people, and a focal point none', async () => {
    const admin = await request(app)
      .get(`/api/v1/people/${dir.people.practitioner.id}`)
      .set(dir.people.admin.auth)
      .expect(200);
    assert.deepEqual(admin.body.abilities, { setRoles: true, setStatus: true, invite: true });
    const focal = await request(app)
      .get(`/api/v1/people/${dir.people.practitioner.id}`)
      .set(dir.people.focal.auth)
      .expect(200);
    assert.deepEqual(focal.body.abilities, { setRoles: false, setStatus: false, invite: false });
    const suspended = await request(app)
      .get(`/api/v1/people/${dir.people.suspended.id}`)
      .set(dir.people.admin.auth)
      .expect(200);
    assert.equal(suspended.body.abilities.invite, false);
  });
});
