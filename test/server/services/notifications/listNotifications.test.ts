import assert from 'node:assert/strict';
import type { Express } from 'express';
import { Types } from 'mongoose';
import request from 'supertest';
import { NotificationModel } from '../../../../server/models/Notification.js';
import { SpaceModel } from '../../../../server/models/Space.js';
import { notify, notifyMentions } from '../../../../server/services/notifications/notify.js';
import { testApp } from '../../../support/app.js';
import { resetDatabase } from '../../../support/database.js';
import { seedSharing, type SharingPeople } from '../../../support/sharingFixtures.js';

describe('notifications: list, unread count, mark read, preferences, mentions', function () {
  this.timeout(30_000);
  let app: Express;
  let people: SharingPeople;
  const ids: Record<string, string> = {};

  before(async () => {
    await resetDatabase();
    ({ people } = await seedSharing());
    app = testApp();
    const post = async (who: keyof SharingPeople, slug: string, title: string, label?: string) => {
      const res = await request(app)
        .post(`/api/v1/spaces/${slug}/posts`)
        .set(people[who].auth)
        .send({ title, body: `${title} body`, ...(label ? { label } : {}) })
        .expect(201);
      return String(res.body.id);
    };
    ids.green = await post('focal', 'europe-forum', 'Green news');
    ids.strict = await post('focal', 'lyon-internal', 'Strict news', 'AMBER+STRICT');
    ids.amman = await post('isc', 'amman-internal', 'Amman news', 'AMBER');
  });

  const list = (who: keyof SharingPeople, query = '') =>
    request(app).get(`/api/v1/me/notifications${query}`).set(people[who].auth).expect(200);
  const unread = async (who: keyof SharingPeople) =>
    (await request(app).get('/api/v1/me/notifications/unread-count').set(people[who].auth).expect(200))
      .body as { count: number; capped: boolean };

  it('lists notifications with the item type, bodies only where the label allows, legacy ones too', async () => {
    // A notification stored before items had a type: only postId.
    const europe = await SpaceModel.findOne({ slug: 'europe-forum' }).lean();
    await NotificationModel.collection.insertOne({
      recipientId: new Types.ObjectId(people.practitioner.id),
      kind: 'post.created',
      postId: new Types.ObjectId(ids.green),
      spaceId: europe?._id,
      reason: null,
      createdAt: new Date(),
      readAt: null,
    });
    const { body } = await list('practitioner');
    const items = body.items as {
      itemType: string;
      item: string;
      post?: string;
      title?: string;
      text: string;
    }[];
    assert.deepEqual(
      items.map((n) => [n.itemType, n.item, n.post, n.title ?? null]),
      [
        ['Post', ids.green, ids.green, 'Green news'],
        ['Post', ids.strict, ids.strict, null],
        ['Post', ids.green, ids.green, 'Green news'],
      ],
    );
    assert.equal(items[1]?.text, 'New material in lyon-internal');
    assert.deepEqual(await unread('practitioner'), { count: 3, capped: false });
  });

  it('neither lists nor counts what the person may not read (no leak through counts)', async () => {
    const amman = await SpaceModel.findOne({ slug: 'amman-internal' }).lean();
    await notify([people.practitioner.id], { _id: ids.amman, spaceId: amman?._id }, 'post.created');
    assert.equal((await unread('practitioner')).count, 3);
    assert.ok(!JSON.stringify((await list('practitioner')).body).includes(String(ids.amman)));
    // Quarantine takes the GREEN post's notices away from the list and the count at once.
    await request(app)
      .post(`/api/v1/posts/${ids.green}/quarantine`)
      .set(people.moderator.auth)
      .send({ reason: 'spam' })
      .expect(200);
    assert.equal((await unread('practitioner')).count, 1);
    assert.equal((await list('practitioner')).body.items.length, 1);
    await request(app)
      .post(`/api/v1/posts/${ids.green}/restore`)
      .set(people.moderator.auth)
      .send({ reason: 'not spam' })
      .expect(200);
    assert.equal((await unread('practitioner')).count, 3);
  });

  it('pages by cursor without repeats', async () => {
    const first = (await list('practitioner', '?limit=2')).body;
    assert.equal(first.items.length, 2);
    assert.ok(first.nextCursor);
    const second = (await list('practitioner', `?limit=2&cursor=${String(first.nextCursor)}`)).body;
    const all = [...first.items, ...second.items].map((n: { id: string }) => n.id);
    assert.equal(new Set(all).size, all.length);
    assert.equal(all.length, 3);
    await request(app)
      .get('/api/v1/me/notifications?cursor=not-a-cursor!')
      .set(people.practitioner.auth)
      .expect(400);
  });

  it('marks one read (idempotently), only one’s own, then all up to a point', async () => {
    const { body } = await list('practitioner');
    const [first, second] = body.items as { id: string }[];
    assert.ok(first && second);
    const mark = (who: keyof SharingPeople, id: string) =>
      request(app).post(`/api/v1/me/notifications/${id}/read`).set(people[who].auth);
    await mark('practitioner', first.id).expect(200);
    await mark('practitioner', first.id).expect(200);
    assert.equal((await unread('practitioner')).count, 2);
    // Someone else's notification, an unknown id and a malformed id.
    await mark('focal', second.id).expect(404);
    await mark('practitioner', new Types.ObjectId().toHexString()).expect(404);
    await mark('practitioner', 'nope').expect(400);
    assert.equal((await list('practitioner', '?unread=true')).body.items.length, 2);
    const upTo = await request(app)
      .post('/api/v1/me/notifications/read')
      .set(people.practitioner.auth)
      .send({ upTo: second.id })
      .expect(200);
    assert.equal(upTo.body.marked, 1);
    assert.equal((await unread('practitioner')).count, 1);
    await request(app)
      .post('/api/v1/me/notifications/read')
      .set(people.practitioner.auth)
      .send({})
      .expect(200);
    assert.equal((await unread('practitioner')).count, 0);
    await request(app)
      .post('/api/v1/me/notifications/read')
      .set(people.practitioner.auth)
      .send({ upTo: 'x', extra: 1 })
      .expect(400);
    await request(app).get('/api/v1/me/notifications/unread-count').expect(401);
  });

  it('reads and replaces preferences, refusing hostile input and losing nothing', async () => {
    const prefs = () =>
      request(app).get('/api/v1/me/notification-preferences').set(people.expert.auth).expect(200);
    assert.deepEqual((await prefs()).body, { digest: 'daily', mentions: true });
    const put = (body: unknown) =>
      request(app)
        .put('/api/v1/me/notification-preferences')
        .set(people.expert.auth)
        .send(body as object);
    await put({ digest: 'weekly', mentions: false }).expect(200);
    assert.deepEqual((await prefs()).body, { digest: 'weekly', mentions: false });
    const hostile: unknown[] = [
      { digest: 'hourly', mentions: true },
      { digest: 'daily' },
      { digest: 'daily', mentions: 'yes' },
      { digest: 'daily', mentions: true, nextDigestAt: '1970-01-01' },
      { digest: 'daily', mentions: true, $where: 'sleep(1000)' },
      { digest: { $ne: 'off' }, mentions: true },
      { 'digest.x': 'daily', mentions: true },
      ['daily', true],
      { __proto__: { digest: 'off' }, mentions: true },
    ];
    for (const body of hostile) {
      const res = await put(body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(String(res.headers['content-type']), /problem\+json/);
    }
    const text = await request(app)
      .put('/api/v1/me/notification-preferences')
      .set(people.expert.auth)
      .set('Content-Type', 'text/plain')
      .send('digest=off');
    assert.ok(text.status >= 400 && text.status < 500);
    assert.deepEqual((await prefs()).body, { digest: 'weekly', mentions: false }, 'nothing changed');
    await request(app)
      .put('/api/v1/me/notification-preferences')
      .send({ digest: 'off', mentions: false })
      .expect(401);
    await request(app).get('/api/v1/me/notification-preferences').expect(401);
  });

  it('notifies mentioned people who may read the item, never the author or anyone else', async () => {
    const strict = {
      _id: ids.strict,
      spaceId: (await SpaceModel.findOne({ slug: 'lyon-internal' }).lean())?._id,
    };
    const told = await notifyMentions({ ...strict, authorId: people.focal.id }, 'Post', [
      people.practitioner.id,
      people.practitioner.id,
      people.otherCity.id, // Amman: may not read Lyon's internal material
      people.focal.id, // the author
      people.suspended.id, // suspended
    ]);
    assert.deepEqual(told, [people.practitioner.id]);
    const mentions = await NotificationModel.find({ kind: 'post.mentioned' }).lean();
    assert.equal(mentions.length, 1);
    assert.equal(mentions[0]?.itemType, 'Post');
    const { body } = await list('practitioner', '?unread=true');
    assert.equal(body.items.at(-1).kind, 'post.mentioned');
    assert.equal(
      body.items.at(-1).text,
      'New material in lyon-internal',
      'AMBER+STRICT: not even "mentioned"',
    );
  });
});
