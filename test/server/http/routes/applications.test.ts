import assert from 'node:assert/strict';
import request from 'supertest';
import { ApplicationModel } from '../../../../server/models/Application.js';
import { CityModel } from '../../../../server/models/City.js';
import { PersonModel } from '../../../../server/models/Person.js';
import { seededApp } from '../../../support/fixtures.js';

const form = (over: Record<string, unknown> = {}) => ({
  city: { name: 'Sfax', kind: 'municipality', country: 'TN', hub: 'mena' },
  contact: { name: 'Leila Trabelsi', email: 'leila@sfax.example', position: 'Deputy mayor' },
  pledge: { version: '2026-1', accepted: true },
  message: 'We would like to join the MENA hub.',
  ...over,
});

describe('/api/v1/applications', () => {
  const t = seededApp();

  it('accepts a public application with the pledge and returns only a receipt', async () => {
    const res = await request(t.app).post('/api/v1/applications').send(form()).expect(201);
    assert.deepEqual(Object.keys(res.body).sort(), ['id', 'status', 'submittedAt']);
    assert.equal(res.body.status, 'pending');
    const stored = await ApplicationModel.findById(res.body.id).lean();
    assert.equal(stored?.pledge.version, '2026-1');
  });

  it('refuses an application without the pledge, with an old pledge version, or an unknown hub, storing nothing', async () => {
    const before = await ApplicationModel.countDocuments();
    const unpledged = await request(t.app)
      .post('/api/v1/applications')
      .send(form({ pledge: { version: '2026-1', accepted: false } }))
      .expect(400);
    assert.equal(unpledged.body.errors[0].path, 'body.pledge.accepted');
    const old = await request(t.app)
      .post('/api/v1/applications')
      .send(form({ pledge: { version: '2019-1', accepted: true } }))
      .expect(400);
    assert.equal(old.body.errors[0].path, 'pledge.version');
    await request(t.app)
      .post('/api/v1/applications')
      .send(form({ city: { name: 'X', kind: 'city', country: 'TN', hub: 'atlantis' } }))
      .expect(400);
    await request(t.app)
      .post('/api/v1/applications')
      .send(form({ city: { name: 'X', kind: 'city', country: 'ZZ' } }))
      .expect(400);
    assert.equal(await ApplicationModel.countDocuments(), before);
  });

  it('keeps applications from everyone but admins', async () => {
    await request(t.app).get('/api/v1/applications').expect(401);
    await request(t.app).get('/api/v1/applications').set(t.dir.people.focal.auth).expect(403);
    const list = await request(t.app)
      .get('/api/v1/applications?status=pending')
      .set(t.dir.people.admin.auth)
      .expect(200);
    assert.equal(list.body.items.length, 1);
    assert.equal(list.body.items[0].contact.email, 'leila@sfax.example');
  });

  it('approves an application into a member city with the pledge recorded and the contact invited as focal point', async () => {
    const { body: receipt } = await request(t.app)
      .post('/api/v1/applications')
      .send(form({ city: { name: 'Gabès Governorate', kind: 'province', country: 'TN' } }))
      .expect(201);
    const noHub = await request(t.app)
      .post(`/api/v1/applications/${receipt.id}/decision`)
      .set(t.dir.people.admin.auth)
      .send({ decision: 'approve' })
      .expect(400);
    assert.equal(noHub.body.errors[0].path, 'hub');
    const approved = await request(t.app)
      .post(`/api/v1/applications/${receipt.id}/decision`)
      .set(t.dir.people.admin.auth)
      .send({ decision: 'approve', hub: 'mena' })
      .expect(200);
    assert.equal(approved.body.status, 'approved');
    assert.equal(approved.body.decision.city, 'gabes-governorate');
    const city = await request(t.app)
      .get('/api/v1/cities/gabes-governorate')
      .set(t.dir.people.admin.auth)
      .expect(200);
    assert.equal(city.body.status, 'member');
    assert.equal(city.body.pledge.pledgedBy, 'Leila Trabelsi (Deputy mayor)');
    const contact = await PersonModel.findOne({ email: 'leila@sfax.example' }).lean();
    assert.deepEqual(contact?.roles, ['focal_point']);
    assert.equal(contact?.status, 'invited');
    const again = await request(t.app)
      .post(`/api/v1/applications/${receipt.id}/decision`)
      .set(t.dir.people.admin.auth)
      .send({ decision: 'decline', reason: 'x' })
      .expect(409);
    assert.match(again.body.detail, /already approved/);
  });

  it('declines with a reason, and needs one', async () => {
    const pending = await ApplicationModel.findOne({ status: 'pending' }).lean();
    const id = String(pending?._id);
    await request(t.app)
      .post(`/api/v1/applications/${id}/decision`)
      .set(t.dir.people.admin.auth)
      .send({ decision: 'decline' })
      .expect(400);
    const declined = await request(t.app)
      .post(`/api/v1/applications/${id}/decision`)
      .set(t.dir.people.admin.auth)
      .send({ decision: 'decline', reason: 'Not a local authority' })
      .expect(200);
    assert.equal(declined.body.decision.reason, 'Not a local authority');
    assert.equal(await CityModel.countDocuments({ slug: 'sfax' }), 0);
  });

  it('refuses approval onto a taken slug and leaves the application pending', async () => {
    const { body: receipt } = await request(t.app)
      .post('/api/v1/applications')
      .send(form({ city: { name: 'Lyon', kind: 'city', country: 'FR', hub: 'europe' } }))
      .expect(201);
    await request(t.app)
      .post(`/api/v1/applications/${receipt.id}/decision`)
      .set(t.dir.people.admin.auth)
      .send({ decision: 'approve' })
      .expect(409);
    assert.equal((await ApplicationModel.findById(receipt.id).lean())?.status, 'pending');
    await request(t.app)
      .post(`/api/v1/applications/${receipt.id}/decision`)
      .set(t.dir.people.admin.auth)
      .send({ decision: 'approve', slug: 'lyon-metropole' })
      .expect(200);
  });
});
