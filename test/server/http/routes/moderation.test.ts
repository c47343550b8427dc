import assert from 'node:assert/strict';
import request from 'supertest';
import type { Express } from 'express';
import { resetDatabase } from '../../../support/database.js';
import { testApp } from '../../../support/app.js';
import { seedSharing, type SharingPeople } from '../../../support/sharingFixtures.js';

type Auth = { auth: { Authorization: string } };

describe('moderation: flags, the review queue, quarantine, move, restore, delete', () => {
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

  it('flags go to the hub review queue; quarantine hides everywhere until restored or moved', async () => {
    const item = await postIn(p.practitioner, 'europe-forum', 'GREEN', 'Camp names', 'quarantineword');
    await request(app)
      .post(`/api/v1/posts/${item.id}/flags`)
      .set(p.focal.auth)
      .send({ reason: 'personal_data', note: 'names of youths' })
      .expect(202);
    await request(app)
      .post(`/api/v1/posts/${item.id}/flags`)
      .set(p.focal.auth)
      .send({ reason: 'personal_data' })
      .expect(202);
    await request(app).get('/api/v1/moderation/flags').set(p.practitioner.auth).expect(403);
    const queue = await request(app)
      .get('/api/v1/moderation/flags?hub=europe')
      .set(p.coordinator.auth)
      .expect(200);
    assert.equal(queue.body.items.length, 1);
    assert.equal(queue.body.items[0].reason, 'personal_data');
    assert.equal(queue.body.items[0].item.content.title, 'Camp names');
    const global = await request(app)
      .get('/api/v1/moderation/flags?hub=europe')
      .set(p.moderator.auth)
      .expect(200);
    assert.equal(
      global.body.items[0].item.content,
      null,
      'a moderator outside the space sees the flag, not the content',
    );
    assert.ok((await notices(p.coordinator)).some((n) => n.post === item.id && n.kind === 'post.flagged'));

    await request(app)
      .post(`/api/v1/posts/${item.id}/quarantine`)
      .set(p.practitioner.auth)
      .send({ reason: 'mine' })
      .expect(403);
    await request(app)
      .post(`/api/v1/posts/${item.id}/quarantine`)
      .set(p.coordinator.auth)
      .send({ reason: 'personal data of community members' })
      .expect(200);
    await request(app).get(`/api/v1/posts/${item.id}`).set(p.focal.auth).expect(404);
    const list = await request(app).get('/api/v1/spaces/europe-forum/posts').set(p.focal.auth).expect(200);
    assert.ok(!ids(list).includes(item.id));
    const search = await request(app)
      .get('/api/v1/search/posts?q=quarantineword')
      .set(p.focal.auth)
      .expect(200);
    assert.deepEqual(search.body.items, []);
    assert.ok(!(await notices(p.focal)).some((n) => n.post === item.id && n.kind === 'post.created'));
    const own = await request(app).get(`/api/v1/posts/${item.id}`).set(p.practitioner.auth).expect(200);
    assert.equal(own.body.state, 'quarantined');
    assert.equal(own.body.title, undefined);
    assert.deepEqual(
      own.body.moderation.map((m: { action: string; reason: string; by: string }) => [
        m.action,
        m.reason,
        m.by,
      ]),
      [['quarantine', 'personal data of community members', 'Cora Coordinator']],
    );
    const told = (await notices(p.practitioner)).find(
      (n) => n.post === item.id && n.kind === 'post.quarantined',
    )!;
    assert.match(told.text, /quarantined by a moderator: personal data of community members/);
    assert.ok((await notices(p.moderator)).some((n) => n.post === item.id && n.kind === 'post.quarantined'));
    const open = await request(app)
      .get('/api/v1/moderation/flags?hub=europe')
      .set(p.coordinator.auth)
      .expect(200);
    assert.deepEqual(open.body.items, []);

    await request(app)
      .post(`/api/v1/posts/${item.id}/move`)
      .set(p.coordinator.auth)
      .send({ to: 'lyon-partners', label: 'AMBER+STRICT', justification: 'wrong space' })
      .expect(403);
    await request(app)
      .post(`/api/v1/posts/${item.id}/move`)
      .set(p.practitioner.auth)
      .send({ to: 'lyon-internal', label: 'AMBER', justification: 'mine' })
      .expect(403);
    const moved = await request(app)
      .post(`/api/v1/posts/${item.id}/move`)
      .set(p.coordinator.auth)
      .send({ to: 'lyon-internal', label: 'AMBER', justification: 'sensitive: belongs in the city' })
      .expect(200);
    assert.equal(moved.body.state, 'visible');
    assert.equal(moved.body.title, undefined);
    const back = await request(app).get(`/api/v1/posts/${item.id}`).set(p.focal.auth).expect(200);
    assert.equal(back.body.label, 'AMBER');
    assert.equal(back.body.space.slug, 'lyon-internal');
    await request(app).get(`/api/v1/posts/${item.id}`).set(p.coordinator.auth).expect(404);
  });

  it('restores and deletes, telling the author', async () => {
    const item = await postIn(p.practitioner, 'network', 'GREEN');
    await request(app)
      .post(`/api/v1/posts/${item.id}/quarantine`)
      .set(p.moderator.auth)
      .send({ reason: 'checking' })
      .expect(200);
    await request(app).get(`/api/v1/posts/${item.id}`).set(p.expert.auth).expect(404);
    await request(app)
      .post(`/api/v1/posts/${item.id}/restore`)
      .set(p.moderator.auth)
      .send({ reason: 'fine after all' })
      .expect(200);
    await request(app).get(`/api/v1/posts/${item.id}`).set(p.expert.auth).expect(200);
    await request(app).delete(`/api/v1/posts/${item.id}`).set(p.moderator.auth).send({}).expect(400);
    await request(app)
      .delete(`/api/v1/posts/${item.id}`)
      .set(p.moderator.auth)
      .send({ reason: 'spam' })
      .expect(200);
    await request(app).get(`/api/v1/posts/${item.id}`).set(p.expert.auth).expect(404);
    const own = await request(app).get(`/api/v1/posts/${item.id}`).set(p.practitioner.auth).expect(200);
    assert.equal(own.body.state, 'deleted');
    assert.deepEqual(
      own.body.moderation.map((m: { action: string }) => m.action),
      ['quarantine', 'restore', 'delete'],
    );
  });
});
