import assert from 'node:assert/strict';
import request from 'supertest';
import { PersonModel } from '../../../../server/models/Person.js';
import { AuditEntryModel } from '../../../../server/models/AuditEntry.js';
import { seededApp } from '../../../support/fixtures.js';

type Row = { id: string; name: string; email?: string; status: string; city: string | null };

describe('/api/v1/people', () => {
  const t = seededApp();

  it('asks anonymous callers to sign in and records nothing about people', async () => {
    const res = await request(t.app).get('/api/v1/people').expect(401);
    assert.match(res.headers['content-type'] ?? '', /application\/problem\+json/);
    assert.equal(res.body.items, undefined);
    await request(t.app).get(`/api/v1/people/${t.dir.people.focal.id}`).expect(401);
  });

  it('refuses bad, revoked-looking or suspended-account tokens instead of treating them as anonymous', async () => {
    await request(t.app)
      .get('/api/v1/cities')
      .set('Authorization', 'Bearer cct_not-a-real-token')
      .expect(401);
    await request(t.app).get('/api/v1/cities').set('Authorization', 'Basic YWRtaW46YWRtaW4=').expect(401);
    await request(t.app).get('/api/v1/people').set(t.dir.people.suspended.auth).expect(401);
  });

  it('lists active people to members, by name, without e-mail addresses', async () => {
    const res = await request(t.app).get('/api/v1/people').set(t.dir.people.otherCity.auth).expect(200);
    const rows = res.body.items as Row[];
    assert.deepEqual(
      rows.map((p) => p.name),
      ['Ada Admin', 'Eve Expert', 'Fatou Focal', 'Omar Other', 'Pierre Practitioner'],
    );
    assert.ok(rows.every((p) => p.status === 'active'));
    const others = rows.filter((p) => p.id !== t.dir.people.otherCity.id);
    assert.ok(
      others.every((p) => p.email === undefined),
      'no e-mail of others',
    );
    assert.equal(
      rows.find((p) => p.id === t.dir.people.otherCity.id)?.email,
      'omar@amman.test.example',
      'own e-mail shown',
    );
  });

  it("shows a focal point their city's suspended people, and admins everyone with e-mails", async () => {
    const focal = await request(t.app)
      .get('/api/v1/people?city=lyon')
      .set(t.dir.people.focal.auth)
      .expect(200);
    assert.ok((focal.body.items as Row[]).some((p) => p.name === 'Sam Suspended'));
    const member = await request(t.app)
      .get('/api/v1/people?city=lyon')
      .set(t.dir.people.practitioner.auth)
      .expect(200);
    assert.ok(!(member.body.items as Row[]).some((p) => p.name === 'Sam Suspended'));
    const admin = await request(t.app)
      .get('/api/v1/people?limit=100')
      .set(t.dir.people.admin.auth)
      .expect(200);
    assert.equal(admin.body.items.length, 6);
    assert.ok((admin.body.items as Row[]).every((p) => typeof p.email === 'string'));
  });

  it('hides a suspended person from members as "not found"', async () => {
    await request(t.app)
      .get(`/api/v1/people/${t.dir.people.suspended.id}`)
      .set(t.dir.people.otherCity.auth)
      .expect(404);
    await request(t.app)
      .get(`/api/v1/people/${t.dir.people.suspended.id}`)
      .set(t.dir.people.admin.auth)
      .expect(200);
  });

  it('filters by role and pages with a cursor', async () => {
    const experts = await request(t.app)
      .get('/api/v1/people?role=expert')
      .set(t.dir.people.admin.auth)
      .expect(200);
    assert.deepEqual(
      (experts.body.items as Row[]).map((p) => p.name),
      ['Eve Expert'],
    );
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/people?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await request(t.app).get(url).set(t.dir.people.admin.auth).expect(200);
      names.push(...(page.body.items as Row[]).map((p) => p.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.equal(names.length, 6);
    assert.deepEqual(names, [...names].sort());
  });

  it('lets an admin create a person and change roles, recording both in the audit log', async () => {
    const created = await request(t.app)
      .post('/api/v1/people')
      .set(t.dir.people.admin.auth)
      .send({
        name: 'Nadia New',
        email: 'Nadia@Amman.Test.Example',
        city: 'amman',
        roles: ['practitioner'],
        languages: ['ar'],
      })
      .expect(201);
    assert.equal(created.body.email, 'nadia@amman.test.example');
    assert.equal(created.body.status, 'invited');
    await request(t.app)
      .post('/api/v1/people')
      .set(t.dir.people.admin.auth)
      .send({ name: 'Dup', email: 'nadia@amman.test.example', city: 'amman', roles: ['practitioner'] })
      .expect(409);
    const updated = await request(t.app)
      .put(`/api/v1/people/${created.body.id}/roles`)
      .set(t.dir.people.admin.auth)
      .send({ roles: ['practitioner', 'focal_point'] })
      .expect(200);
    assert.deepEqual(updated.body.roles, ['practitioner', 'focal_point']);
    const entry = await AuditEntryModel.findOne({ action: 'person.roles_changed' }).lean();
    assert.deepEqual(entry?.details, { from: ['practitioner'], to: ['practitioner', 'focal_point'] });
  });

  it('refuses role changes to non-admins and records the refusal', async () => {
    await request(t.app)
      .put(`/api/v1/people/${t.dir.people.practitioner.id}/roles`)
      .set(t.dir.people.focal.auth)
      .send({ roles: ['admin'] })
      .expect(403);
    const person = await PersonModel.findById(t.dir.people.practitioner.id).lean();
    assert.deepEqual(person?.roles, ['practitioner']);
    const refusal = await AuditEntryModel.findOne({
      action: 'authz.refused',
      'actor.id': t.dir.people.focal.id,
    }).lean();
    assert.ok(refusal, 'refusal recorded');
  });

  it('keeps the last active admin', async () => {
    const res = await request(t.app)
      .put(`/api/v1/people/${t.dir.people.admin.id}/roles`)
      .set(t.dir.people.admin.auth)
      .send({ roles: ['moderator'] })
      .expect(409);
    assert.match(res.body.detail, /last active admin/);
  });

  it('suspends a person with a reason, which ends their API access', async () => {
    await request(t.app)
      .post(`/api/v1/people/${t.dir.people.expert.id}/status`)
      .set(t.dir.people.admin.auth)
      .send({ status: 'suspended', reason: 'left the pool' })
      .expect(200);
    await request(t.app).get('/api/v1/people').set(t.dir.people.expert.auth).expect(401);
  });
});
