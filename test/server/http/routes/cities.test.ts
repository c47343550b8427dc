import assert from 'node:assert/strict';
import request from 'supertest';
import { CityModel } from '../../../../server/models/City.js';
import { HubModel } from '../../../../server/models/Hub.js';
import { seededApp } from '../../../support/fixtures.js';

describe('/api/v1/cities', () => {
  const t = seededApp();

  it('lists member cities publicly, by name, without applicants or focal points', async () => {
    const res = await request(t.app).get('/api/v1/cities').expect(200);
    assert.deepEqual(
      res.body.items.map((c: { slug: string }) => c.slug),
      ['amman', 'lyon'],
    );
    assert.equal(res.body.nextCursor, null);
    const lyon = res.body.items[1];
    assert.equal(lyon.hub, 'europe');
    assert.equal(lyon.pledge.version, '2026-1');
    assert.equal(lyon.focalPoints, undefined);
  });

  it('shows applicants to admins only, and never publicly even when asked', async () => {
    const anon = await request(t.app).get('/api/v1/cities?status=applicant').expect(200);
    assert.deepEqual(anon.body.items, []);
    const member = await request(t.app)
      .get('/api/v1/cities?status=applicant')
      .set(t.dir.people.practitioner.auth)
      .expect(200);
    assert.deepEqual(member.body.items, []);
    const admin = await request(t.app)
      .get('/api/v1/cities?status=applicant')
      .set(t.dir.people.admin.auth)
      .expect(200);
    assert.deepEqual(
      admin.body.items.map((c: { slug: string }) => c.slug),
      ['graz'],
    );
    await request(t.app).get('/api/v1/cities/graz').expect(404);
    await request(t.app).get('/api/v1/cities/graz').set(t.dir.people.admin.auth).expect(200);
  });

  it('filters by hub, country and kind, and pages with a cursor', async () => {
    const europe = await request(t.app).get('/api/v1/cities?hub=europe').expect(200);
    assert.deepEqual(
      europe.body.items.map((c: { slug: string }) => c.slug),
      ['lyon'],
    );
    const jordan = await request(t.app).get('/api/v1/cities?country=JO&kind=capital').expect(200);
    assert.deepEqual(
      jordan.body.items.map((c: { slug: string }) => c.slug),
      ['amman'],
    );
    const unknownHub = await request(t.app).get('/api/v1/cities?hub=atlantis').expect(200);
    assert.deepEqual(unknownHub.body.items, []);
    const first = await request(t.app).get('/api/v1/cities?limit=1').expect(200);
    assert.equal(first.body.items.length, 1);
    assert.ok(first.body.nextCursor);
    const second = await request(t.app)
      .get(`/api/v1/cities?limit=1&cursor=${first.body.nextCursor}`)
      .expect(200);
    assert.deepEqual(
      second.body.items.map((c: { slug: string }) => c.slug),
      ['lyon'],
    );
    assert.equal(second.body.nextCursor, null);
  });

  it('shows focal points to members', async () => {
    const res = await request(t.app).get('/api/v1/cities/lyon').set(t.dir.people.otherCity.auth).expect(200);
    assert.deepEqual(res.body.focalPoints, [{ id: t.dir.people.focal.id, name: 'Fatou Focal' }]);
  });

  it('lets an admin create a city, and refuses a duplicate slug or an unknown hub', async () => {
    const body = { slug: 'tunis', name: 'Tunis', kind: 'capital', country: 'TN', hub: 'mena' };
    const created = await request(t.app)
      .post('/api/v1/cities')
      .set(t.dir.people.admin.auth)
      .send(body)
      .expect(201);
    assert.equal(created.body.status, 'applicant');
    const dup = await request(t.app)
      .post('/api/v1/cities')
      .set(t.dir.people.admin.auth)
      .send(body)
      .expect(409);
    assert.match(dup.headers['content-type'] ?? '', /application\/problem\+json/);
    assert.match(dup.body.detail, /already exists/);
    const badHub = await request(t.app)
      .post('/api/v1/cities')
      .set(t.dir.people.admin.auth)
      .send({ ...body, slug: 'sfax', hub: 'atlantis' })
      .expect(400);
    assert.equal(badHub.body.errors[0].path, 'hub');
    assert.equal(await CityModel.countDocuments({ slug: 'sfax' }), 0);
  });

  it('refuses city creation to non-admins and to anonymous callers', async () => {
    const body = { slug: 'oran', name: 'Oran', kind: 'city', country: 'DZ', hub: 'mena' };
    await request(t.app).post('/api/v1/cities').send(body).expect(401);
    await request(t.app).post('/api/v1/cities').set(t.dir.people.focal.auth).send(body).expect(403);
    assert.equal(await CityModel.countDocuments({ slug: 'oran' }), 0);
  });

  it('lets a focal point rename their own city but not change its hub, nor touch another city', async () => {
    const renamed = await request(t.app)
      .patch('/api/v1/cities/lyon')
      .set(t.dir.people.focal.auth)
      .send({ name: 'Ville de Lyon' })
      .expect(200);
    assert.equal(renamed.body.name, 'Ville de Lyon');
    await request(t.app)
      .patch('/api/v1/cities/lyon')
      .set(t.dir.people.focal.auth)
      .send({ hub: 'mena' })
      .expect(403);
    await request(t.app)
      .patch('/api/v1/cities/amman')
      .set(t.dir.people.focal.auth)
      .send({ name: 'X' })
      .expect(403);
    await request(t.app)
      .patch('/api/v1/cities/lyon')
      .set(t.dir.people.practitioner.auth)
      .send({ name: 'Y' })
      .expect(403);
    const lyon = await CityModel.findOne({ slug: 'lyon' }).lean();
    assert.equal(lyon?.name, 'Ville de Lyon');
    const europe = await HubModel.findOne({ slug: 'europe' }).lean();
    assert.equal(String(lyon?.hubId), String(europe?._id));
  });

  it('moves a city along its lifecycle with a reason, and refuses steps the lifecycle forbids', async () => {
    const admin = t.dir.people.admin.auth;
    const noPledge = await request(t.app)
      .post('/api/v1/cities/graz/status')
      .set(admin)
      .send({ status: 'member', reason: 'approved by ISC' })
      .expect(409);
    assert.match(noPledge.body.detail, /pledge/);
    const member = await request(t.app)
      .post('/api/v1/cities/graz/status')
      .set(admin)
      .send({ status: 'member', reason: 'approved', pledgedBy: 'Mayor of Graz' })
      .expect(200);
    assert.equal(member.body.status, 'member');
    assert.ok(member.body.memberSince);
    assert.equal(member.body.pledge.pledgedBy, 'Mayor of Graz');
    const back = await request(t.app)
      .post('/api/v1/cities/graz/status')
      .set(admin)
      .send({ status: 'applicant', reason: 'oops' })
      .expect(409);
    assert.match(back.body.detail, /"member" can become "suspended" or "withdrawn"/);
    await request(t.app)
      .post('/api/v1/cities/graz/status')
      .set(admin)
      .send({ status: 'suspended' })
      .expect(400);
    await request(t.app)
      .post('/api/v1/cities/graz/status')
      .set(admin)
      .send({ status: 'suspended', reason: 'principle 3 breached' })
      .expect(200);
    const publicView = await request(t.app).get('/api/v1/cities/graz').expect(404);
    assert.equal(publicView.body.status, 404);
    await request(t.app)
      .post('/api/v1/cities/graz/status')
      .set(t.dir.people.focal.auth)
      .send({ status: 'member', reason: 'x' })
      .expect(404);
  });
});
