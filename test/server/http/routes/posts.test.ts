import assert from 'node:assert/strict';
import request from 'supertest';
import type { Express } from 'express';
import { verifyAudit } from '../../../../server/audit/verifyAudit.js';
import { AuditEntryModel } from '../../../../server/models/AuditEntry.js';
import { setPersonRoles } from '../../../../server/services/people/setPersonRoles.js';
import { resetDatabase } from '../../../support/database.js';
import { testApp } from '../../../support/app.js';
import { OPERATOR } from '../../../support/fixtures.js';
import { addMembers, seedSharing, type SharingPeople } from '../../../support/sharingFixtures.js';

type Auth = { auth: { Authorization: string } };

describe('/api/v1/posts', () => {
  let app: Express;
  let p: SharingPeople;
  before(async () => {
    await resetDatabase();
    p = (await seedSharing()).people;
    app = testApp();
  });

  const postIn = async (who: Auth, space: string, label: string, title = 'Title', body = 'Body text') =>
    (
      await request(app)
        .post(`/api/v1/spaces/${space}/posts`)
        .set(who.auth)
        .send({ title, body, label })
        .expect(201)
    ).body as { id: string; author: { name: string } | null };
  const notices = async (who: Auth) =>
    (await request(app).get('/api/v1/me/notifications?limit=100').set(who.auth).expect(200)).body.items as {
      post: string;
      kind: string;
      text: string;
      title?: string;
      body?: string;
      author?: string;
    }[];
  const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);

  it('keeps a RED audience to the members at the moment of sharing, until it is lowered', async () => {
    const red = await postIn(p.practitioner, 'workshop', 'RED', 'Vulnerable sites', 'names and places');
    await addMembers('workshop', p.expert);
    await request(app).get(`/api/v1/posts/${red.id}`).set(p.otherCity.auth).expect(200);
    await request(app).get(`/api/v1/posts/${red.id}`).set(p.expert.auth).expect(404);
    const list = await request(app).get('/api/v1/spaces/workshop/posts').set(p.expert.auth).expect(200);
    assert.ok(!ids(list).includes(red.id));
    const leaderNotice = (await notices(p.otherCity)).find((n) => n.post === red.id)!;
    assert.equal(leaderNotice.text, 'New material in workshop');
    assert.equal(leaderNotice.title, undefined);
    assert.equal(leaderNotice.body, undefined);

    await request(app)
      .post(`/api/v1/posts/${red.id}/relabel`)
      .set(p.practitioner.auth)
      .send({ label: 'AMBER' })
      .expect(400);
    await request(app)
      .post(`/api/v1/posts/${red.id}/relabel`)
      .set(p.otherCity.auth)
      .send({ label: 'AMBER', justification: 'not mine to lower' })
      .expect(403);
    await request(app)
      .post(`/api/v1/posts/${red.id}/relabel`)
      .set(p.practitioner.auth)
      .send({ label: 'AMBER', justification: 'names removed from the text' })
      .expect(200);
    await request(app).get(`/api/v1/posts/${red.id}`).set(p.expert.auth).expect(200);
    const change = await AuditEntryModel.findOne({
      action: 'content.relabelled',
      'target.id': red.id,
    }).lean();
    assert.deepEqual(change?.details, { from: 'RED', to: 'AMBER', why: 'names removed from the text' });
    assert.equal((change?.actor as { id: string }).id, p.practitioner.id);
  });

  it('lets the originator read the audit of their material, views of RED included; nobody else', async () => {
    const red = await postIn(p.practitioner, 'workshop', 'RED', 'Threat assessment', 'details');
    await request(app).get(`/api/v1/posts/${red.id}`).set(p.otherCity.auth).expect(200);
    await request(app).get(`/api/v1/posts/${red.id}`).set(p.isc.auth).expect(404);
    const audit = await request(app)
      .get(`/api/v1/posts/${red.id}/audit`)
      .set(p.practitioner.auth)
      .expect(200);
    const actions = audit.body.items.map((e: { action: string; actor: { name: string | null } }) => [
      e.action,
      e.actor.name,
    ]);
    assert.deepEqual(actions, [
      ['content.viewed', 'Omar Other'],
      ['authz.refused', 'Ines Isc'],
    ]);
    await request(app).get(`/api/v1/posts/${red.id}/audit`).set(p.focal.auth).expect(200);
    await request(app).get(`/api/v1/posts/${red.id}/audit`).set(p.otherCity.auth).expect(404);
    await request(app).get(`/api/v1/posts/${red.id}/audit`).set(p.moderator.auth).expect(404);
  });

  it('strips name and city under the Chatham House Rule once material leaves the space', async () => {
    const inRoom = await postIn(p.otherCity, 'mayors', 'GREEN', 'Frank words', 'what we really think');
    assert.equal(inRoom.author?.name, 'Omar Other');
    const copy = await request(app)
      .post(`/api/v1/posts/${inRoom.id}/share`)
      .set(p.otherCity.auth)
      .send({ to: 'amman-internal' })
      .expect(201);
    assert.deepEqual(copy.body.forwardedFrom, { id: inRoom.id, author: null, city: null });
    const seenByIsc = await request(app).get(`/api/v1/posts/${copy.body.id}`).set(p.isc.auth).expect(200);
    assert.equal(seenByIsc.body.forwardedFrom.author, null);
    assert.equal(seenByIsc.body.author, null, 'the copy names nobody, not even its sharer');
    const notice = (await notices(p.isc)).find((n) => n.post === copy.body.id)!;
    assert.equal(notice.body, 'what we really think');
    assert.equal(notice.author, undefined);
  });

  it('refuses onward sharing the table forbids, with the reason', async () => {
    const amber = await postIn(p.practitioner, 'lyon-internal', 'AMBER');
    const toHub = await request(app)
      .post(`/api/v1/posts/${amber.id}/share`)
      .set(p.practitioner.auth)
      .send({ to: 'europe-forum' })
      .expect(403);
    assert.match(toHub.body.detail, /own city's space/);
    await request(app)
      .post(`/api/v1/posts/${amber.id}/share`)
      .set(p.practitioner.auth)
      .send({ to: 'lyon-partners' })
      .expect(201);
    const strict = await postIn(p.practitioner, 'lyon-internal', 'AMBER+STRICT');
    await request(app)
      .post(`/api/v1/posts/${strict.id}/share`)
      .set(p.practitioner.auth)
      .send({ to: 'lyon-partners' })
      .expect(403);
    const green = await postIn(p.practitioner, 'lyon-internal', 'GREEN');
    await request(app)
      .post(`/api/v1/posts/${green.id}/share`)
      .set(p.practitioner.auth)
      .send({ to: 'europe-forum' })
      .expect(201);
    await request(app).post(`/api/v1/posts/${green.id}/publish`).set(p.practitioner.auth).expect(403);
  });

  it('searches with normalised tokens, within what the reader may read, without totals', async () => {
    await postIn(p.practitioner, 'europe-forum', 'GREEN', 'Éducation civique', 'Écoles et jeunesse');
    const found = await request(app)
      .get('/api/v1/search/posts?q=EDUCATION%20ecoles')
      .set(p.focal.auth)
      .expect(200);
    assert.equal(found.body.items.length, 1);
    assert.deepEqual(Object.keys(found.body).sort(), ['items', 'nextCursor']);
    const outside = await request(app)
      .get('/api/v1/search/posts?q=education')
      .set(p.otherCity.auth)
      .expect(200);
    assert.equal(outside.body.items.length, 0);
    const anonymous = await request(app).get('/api/v1/search/posts?q=education').expect(200);
    assert.equal(anonymous.body.items.length, 0);
  });

  it('applies role and membership changes on the next request', async () => {
    // A leaders-only room: losing the leader role closes it at once; regaining it reopens it.
    await request(app).get('/api/v1/spaces/mayors/posts').set(p.otherCity.auth).expect(200);
    await setPersonRoles(OPERATOR, p.otherCity.id, ['practitioner']);
    await request(app).get('/api/v1/spaces/mayors/posts').set(p.otherCity.auth).expect(404);
    await setPersonRoles(OPERATOR, p.otherCity.id, ['leader']);
    await request(app).get('/api/v1/spaces/mayors/posts').set(p.otherCity.auth).expect(200);
    // Removal from a space: the next request no longer sees its material.
    const green = await postIn(p.practitioner, 'workshop', 'GREEN', 'Workshop notes', 'notes');
    await request(app).get(`/api/v1/posts/${green.id}`).set(p.expert.auth).expect(200);
    await request(app).delete(`/api/v1/spaces/workshop/members/${p.expert.id}`).set(p.admin.auth).expect(200);
    await request(app).get(`/api/v1/posts/${green.id}`).set(p.expert.auth).expect(404);
  });

  it('publishes CLEAR only, without names, and the public API shows nothing else', async () => {
    const clear = await postIn(p.otherCity, 'mayors', 'CLEAR', 'Declaration', 'We commit');
    const green = await postIn(p.practitioner, 'network', 'GREEN');
    await request(app).post(`/api/v1/posts/${green.id}/publish`).set(p.practitioner.auth).expect(403);
    await request(app).get(`/api/v1/public/posts/${clear.id}`).expect(404);
    await request(app).post(`/api/v1/posts/${clear.id}/publish`).set(p.otherCity.auth).expect(200);
    const pub = await request(app).get('/api/v1/public/posts').expect(200);
    assert.deepEqual(ids(pub), [clear.id]);
    assert.equal(pub.body.items[0].author, null);
    assert.equal(pub.body.items[0].city, null, 'Chatham House: no city');
    await request(app).get(`/api/v1/public/posts/${green.id}`).expect(404);
    await request(app)
      .post(`/api/v1/posts/${clear.id}/relabel`)
      .set(p.otherCity.auth)
      .send({ label: 'GREEN', justification: 'on reflection' })
      .expect(200);
    assert.deepEqual((await request(app).get('/api/v1/public/posts').expect(200)).body.items, []);
  });

  it('keeps the audit chain verifiable, and names an edited label change', async () => {
    assert.equal((await verifyAudit()).ok, true);
    const change = await AuditEntryModel.findOne({ action: 'content.relabelled' }).sort({ seq: 1 }).lean();
    await AuditEntryModel.collection.updateOne({ seq: change!.seq }, { $set: { 'details.to': 'CLEAR' } });
    const verdict = await verifyAudit();
    assert.equal(verdict.ok, false);
    assert.equal(verdict.ok ? 0 : verdict.brokenSeq, change!.seq);
  });
});
