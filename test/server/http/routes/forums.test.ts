import assert from 'node:assert/strict';
import request from 'supertest';
import type { Express } from 'express';
import { NotificationModel } from '../../../../server/models/Notification.js';
import { createPerson } from '../../../../server/services/people/createPerson.js';
import { updateHub } from '../../../../server/services/hubs/updateHub.js';
import { removeSpaceMember } from '../../../../server/services/spaces/removeSpaceMember.js';
import { createApiToken } from '../../../../server/services/tokens/apiTokens.js';
import { resetDatabase } from '../../../support/database.js';
import { testApp } from '../../../support/app.js';
import { OPERATOR, type TestPerson } from '../../../support/fixtures.js';
import { addMembers, seedSharing, space, type SharingPeople } from '../../../support/sharingFixtures.js';

type Who = { auth: { Authorization: string } };
interface Topic {
  id: string;
  label: string;
  html: string;
  pinned: boolean;
  locked: boolean;
  replies: number;
  unread: number;
  seen: boolean;
  subscribed: boolean;
  lastActivityAt: string;
  title: string;
}

describe('/api/v1 forums', () => {
  let app: Express;
  let p: SharingPeople;

  /** A new practitioner of Lyon: a member of the Europe hub from now on. */
  const newcomer = async (email: string): Promise<TestPerson> => {
    const created = await createPerson(OPERATOR, {
      name: 'Lea Later',
      email,
      roles: ['practitioner'],
      city: 'lyon',
      languages: ['en'],
      expertise: [],
      status: 'active',
    });
    const { token } = await createApiToken(OPERATOR, created.id, 'test', 1);
    return { id: created.id, email, auth: { Authorization: `Bearer ${token}` } };
  };

  before(async () => {
    await resetDatabase();
    p = (await seedSharing()).people;
    app = testApp();
    await space('europe-red', 'hub', 'RED', 'GREEN', { hub: 'europe' });
    await space('europe-amber', 'hub', 'AMBER', 'GREEN', { hub: 'europe' });
    await space('mena-forum', 'hub', 'GREEN', 'GREEN', { hub: 'mena' });
    // The coordinator moderates both hubs' forums, so cross-hub moves are theirs to try.
    await updateHub(OPERATOR, 'mena', { coordinatorIds: [p.coordinator.id] });
    for (const [where, slug] of [
      ['europe-forum', 'general'],
      ['europe-forum', 'transport'],
      ['europe-red', 'general'],
      ['europe-amber', 'general'],
      ['mena-forum', 'general'],
    ])
      await request(app)
        .post(`/api/v1/spaces/${where}/forum/categories`)
        .set(p.coordinator.auth)
        .send({ slug, name: slug })
        .expect(201);
  });

  const topicIn = async (who: Who, where: string, title: string, extra: Record<string, string> = {}) =>
    (
      await request(app)
        .post(`/api/v1/spaces/${where}/forum/categories/general/topics`)
        .set(who.auth)
        .send({ title, body: `About ${title}`, ...extra })
        .expect(201)
    ).body as Topic;
  const replyTo = async (who: Who, topic: string, body = 'A reply', label?: string) =>
    (
      await request(app)
        .post(`/api/v1/forum/topics/${topic}/replies`)
        .set(who.auth)
        .send({ body, ...(label ? { label } : {}) })
        .expect(201)
    ).body as { id: string; label: string; html: string; createdAt: string };
  const topics = async (who: Who, where: string, query = '') =>
    (
      await request(app)
        .get(`/api/v1/spaces/${where}/forum/categories/general/topics${query}`)
        .set(who.auth)
        .expect(200)
    ).body as { items: Topic[]; nextCursor: string | null };
  const stored = async (recipient: TestPerson, post: string) =>
    (await NotificationModel.find({ recipientId: recipient.id, postId: post }).lean()).map((n) => n.kind);

  describe('categories', () => {
    it('are created by the forum moderators only, with unique slugs per space', async () => {
      await request(app)
        .post('/api/v1/spaces/europe-forum/forum/categories')
        .set(p.practitioner.auth)
        .send({ slug: 'mine', name: 'Mine' })
        .expect(403);
      await request(app)
        .post('/api/v1/spaces/europe-forum/forum/categories')
        .set(p.coordinator.auth)
        .send({ slug: 'general', name: 'Again' })
        .expect(409);
      const made = await request(app)
        .post('/api/v1/spaces/network/forum/categories')
        .set(p.admin.auth)
        .send({ slug: 'announcements', name: 'Announcements', description: 'News', position: 1 })
        .expect(201);
      assert.equal(made.body.viewerMayModerate, true);
      await request(app)
        .post('/api/v1/spaces/network/forum/categories')
        .set(p.moderator.auth)
        .send({ slug: 'help', name: 'Help', position: 0 })
        .expect(201);
    });

    it('are listed by position with cursors, to participants; others learn nothing', async () => {
      const first = await request(app)
        .get('/api/v1/spaces/network/forum/categories?limit=1')
        .set(p.practitioner.auth)
        .expect(200);
      assert.deepEqual(
        first.body.items.map((c: { slug: string; viewerMayModerate: boolean }) => [
          c.slug,
          c.viewerMayModerate,
        ]),
        [['help', false]],
      );
      const second = await request(app)
        .get(`/api/v1/spaces/network/forum/categories?limit=1&cursor=${first.body.nextCursor}`)
        .set(p.practitioner.auth)
        .expect(200);
      assert.deepEqual(
        second.body.items.map((c: { slug: string }) => c.slug),
        ['announcements'],
      );
      assert.equal(second.body.nextCursor, null);
      const hidden = await request(app)
        .get('/api/v1/spaces/europe-forum/forum/categories')
        .set(p.otherCity.auth)
        .expect(404);
      assert.doesNotMatch(JSON.stringify(hidden.body), /general|transport/);
      await request(app)
        .get('/api/v1/spaces/lyon-internal/forum/categories')
        .set(p.practitioner.auth)
        .expect(404);
      await request(app)
        .get('/api/v1/spaces/no-such-space/forum/categories')
        .set(p.practitioner.auth)
        .expect(404);
    });

    it('are edited by the forum moderators', async () => {
      const edited = await request(app)
        .patch('/api/v1/spaces/network/forum/categories/announcements')
        .set(p.admin.auth)
        .send({ position: 0, name: 'News' })
        .expect(200);
      assert.equal(edited.body.name, 'News');
      await request(app)
        .patch('/api/v1/spaces/network/forum/categories/announcements')
        .set(p.practitioner.auth)
        .send({ name: 'Mine' })
        .expect(403);
      await request(app)
        .patch('/api/v1/spaces/network/forum/categories/announcements')
        .set(p.admin.auth)
        .send({})
        .expect(400);
    });
  });

  describe('topics and replies', () => {
    it('take the space default, refuse labels above the ceiling naming it, and store sanitised HTML', async () => {
      const refused = await request(app)
        .post('/api/v1/spaces/europe-forum/forum/categories/general/topics')
        .set(p.practitioner.auth)
        .send({ title: 'Too hot', body: 'x', label: 'AMBER' })
        .expect(400);
      assert.match(refused.body.detail, /ceiling of "europe-forum" is GREEN/);
      const hostile = await topicIn(p.practitioner, 'europe-forum', 'Markdown', {
        body: '**bold** <script>alert(1)</script> [click](javascript:alert(1)) <img src=x onerror=alert(1)>',
      });
      assert.equal(hostile.label, 'GREEN');
      assert.match(hostile.html, /<strong>bold<\/strong>/);
      assert.doesNotMatch(hostile.html, /<script|href="javascript:|<img/i);
      assert.match(hostile.html, /&lt;script&gt;/, 'raw HTML is shown as text');
      const read = await request(app).get(`/api/v1/forum/topics/${hostile.id}`).set(p.focal.auth).expect(200);
      assert.equal(read.body.html, hostile.html);
      const reply = await replyTo(
        p.focal,
        hostile.id,
        '<iframe src="https://evil.example"></iframe> [ok](https://ok.example)',
      );
      assert.doesNotMatch(reply.html, /<iframe/);
      assert.match(reply.html, /href="https:\/\/ok.example"/);
      assert.equal(reply.label, 'GREEN');
    });

    it('refuses hostile input with clear errors and stores nothing', async () => {
      const base = '/api/v1/spaces/europe-forum/forum/categories/general/topics';
      await request(app)
        .post(base)
        .set(p.practitioner.auth)
        .send({ title: 'x', body: 'y', extra: 1 })
        .expect(400);
      await request(app)
        .post(base)
        .set(p.practitioner.auth)
        .send({ title: 'evil\u202eeman', body: 'y' })
        .expect(400);
      await request(app)
        .post(base)
        .set(p.practitioner.auth)
        .send({ title: 'x', body: 'a\u2066b' })
        .expect(400);
      await request(app)
        .post(base)
        .set(p.practitioner.auth)
        .send({ title: 'x', body: 'y'.repeat(20_001) })
        .expect(400);
      await request(app)
        .post(base)
        .set(p.practitioner.auth)
        .send({ title: 'x', body: 'y'.repeat(3_000_000) })
        .expect(413);
      await request(app)
        .post(base)
        .set(p.practitioner.auth)
        .send({ title: 'x', body: 'y', label: 'PURPLE' })
        .expect(400);
      await request(app).get('/api/v1/forum/topics/not-an-id').set(p.practitioner.auth).expect(400);
      await request(app)
        .get('/api/v1/forum/topics/0123456789abcdef01234567')
        .set(p.practitioner.auth)
        .expect(404);
      await request(app)
        .get('/api/v1/forum/topics/0123456789abcdef01234567/replies?cursor=!!')
        .set(p.practitioner.auth)
        .expect(400);
      await request(app)
        .post('/api/v1/spaces/europe-forum/forum/categories/nope/topics')
        .set(p.practitioner.auth)
        .send({ title: 'x', body: 'y' })
        .expect(404);
      await request(app).get('/api/v1/forum/topics/0123456789abcdef01234567').expect(401);
      const list = await topics(p.practitioner, 'europe-forum');
      assert.ok(!list.items.some((t) => t.title === 'x'));
    });

    it('hides topics and replies from non-members: 404 everywhere, no existence leak', async () => {
      const topic = await topicIn(p.practitioner, 'europe-forum', 'Members only');
      const reply = await replyTo(p.focal, topic.id);
      for (const [method, path] of [
        ['get', `/api/v1/forum/topics/${topic.id}`],
        ['get', `/api/v1/forum/topics/${topic.id}/replies`],
        ['get', `/api/v1/forum/topics/${topic.id}/revisions`],
        ['get', `/api/v1/forum/replies/${reply.id}/revisions`],
        ['put', `/api/v1/forum/topics/${topic.id}/subscription`],
        ['post', `/api/v1/forum/topics/${topic.id}/read`],
        ['put', `/api/v1/forum/topics/${topic.id}/pin`],
      ] as const) {
        const res = await request(app)[method](path).set(p.otherCity.auth).send({}).expect(404);
        assert.doesNotMatch(JSON.stringify(res.body), /Members only/);
      }
      await request(app)
        .post(`/api/v1/forum/topics/${topic.id}/replies`)
        .set(p.otherCity.auth)
        .send({ body: 'hello' })
        .expect(404);
      await request(app)
        .get('/api/v1/spaces/europe-forum/forum/categories/general/topics')
        .set(p.otherCity.auth)
        .expect(404);
      // A plain post is not a topic, and a reply is not a topic.
      await request(app).get(`/api/v1/forum/topics/${reply.id}`).set(p.focal.auth).expect(404);
    });

    it('keeps plain space posts listing topics but not replies', async () => {
      const topic = await topicIn(p.practitioner, 'europe-forum', 'Also a post');
      const reply = await replyTo(p.focal, topic.id);
      const posts = await request(app)
        .get('/api/v1/spaces/europe-forum/posts?limit=100')
        .set(p.focal.auth)
        .expect(200);
      const ids = posts.body.items.map((i: { id: string }) => i.id);
      assert.ok(ids.includes(topic.id));
      assert.ok(!ids.includes(reply.id));
      await request(app).get(`/api/v1/posts/${reply.id}`).set(p.focal.auth).expect(200);
    });

    it('pages replies oldest first with cursors', async () => {
      const topic = await topicIn(p.practitioner, 'europe-forum', 'Paged');
      const made = [];
      for (const n of [1, 2, 3]) made.push((await replyTo(p.focal, topic.id, `reply ${n}`)).id);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await request(app)
          .get(`/api/v1/forum/topics/${topic.id}/replies?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .set(p.practitioner.auth)
          .expect(200);
        seen.push(...page.body.items.map((i) => i.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      assert.deepEqual(seen, made);
    });
  });

  describe('moderation', () => {
    it('locks: locked topics refuse replies except from moderators', async () => {
      const topic = await topicIn(p.practitioner, 'europe-forum', 'Lockable');
      await request(app).put(`/api/v1/forum/topics/${topic.id}/lock`).set(p.practitioner.auth).expect(403);
      const locked = await request(app)
        .put(`/api/v1/forum/topics/${topic.id}/lock`)
        .set(p.coordinator.auth)
        .expect(200);
      assert.deepEqual(locked.body, { topic: topic.id, pinned: false, locked: true });
      const refused = await request(app)
        .post(`/api/v1/forum/topics/${topic.id}/replies`)
        .set(p.focal.auth)
        .send({ body: 'let me in' })
        .expect(409);
      assert.match(refused.body.detail, /locked/);
      await replyTo(p.coordinator, topic.id, 'closing note');
      await request(app).delete(`/api/v1/forum/topics/${topic.id}/lock`).set(p.coordinator.auth).expect(200);
      await replyTo(p.focal, topic.id, 'thanks');
    });

    it('pins: pinned first, then the latest activity', async () => {
      await request(app)
        .post('/api/v1/spaces/europe-forum/forum/categories')
        .set(p.coordinator.auth)
        .send({ slug: 'order', name: 'Order' })
        .expect(201);
      const make = async (title: string) =>
        (
          await request(app)
            .post('/api/v1/spaces/europe-forum/forum/categories/order/topics')
            .set(p.practitioner.auth)
            .send({ title, body: title })
            .expect(201)
        ).body.id as string;
      const a = await make('A');
      const b = await make('B');
      const c = await make('C');
      const order = async (query = '') =>
        (
          await request(app)
            .get(`/api/v1/spaces/europe-forum/forum/categories/order/topics${query}`)
            .set(p.focal.auth)
            .expect(200)
        ).body as { items: Topic[]; nextCursor: string | null };
      assert.deepEqual(
        (await order()).items.map((t) => t.id),
        [c, b, a],
      );
      await request(app).put(`/api/v1/forum/topics/${a}/pin`).set(p.coordinator.auth).expect(200);
      await replyTo(p.focal, b);
      const now = await order();
      assert.deepEqual(
        now.items.map((t) => t.id),
        [a, b, c],
      );
      assert.equal(now.items[0]?.pinned, true);
      // The same order, page by page.
      const one = await order('?limit=1');
      const two = await order(`?limit=1&cursor=${one.nextCursor}`);
      const three = await order(`?limit=1&cursor=${two.nextCursor}`);
      assert.deepEqual(
        [...one.items, ...two.items, ...three.items].map((t) => t.id),
        [a, b, c],
      );
      assert.equal(three.nextCursor, null);
      await request(app).delete(`/api/v1/forum/topics/${a}/pin`).set(p.coordinator.auth).expect(200);
      assert.deepEqual(
        (await order()).items.map((t) => t.id),
        [b, c, a],
      );
    });

    it('moves within a space, and across spaces only as onward sharing allows', async () => {
      const green = await topicIn(p.practitioner, 'europe-forum', 'Movable');
      await replyTo(p.focal, green.id, 'reply that moves too');
      await request(app)
        .post(`/api/v1/forum/topics/${green.id}/move`)
        .set(p.practitioner.auth)
        .send({ category: 'transport', justification: 'better fit' })
        .expect(403);
      const inside = await request(app)
        .post(`/api/v1/forum/topics/${green.id}/move`)
        .set(p.coordinator.auth)
        .send({ category: 'transport', justification: 'better fit' })
        .expect(200);
      assert.deepEqual(inside.body, {
        topic: green.id,
        space: 'europe-forum',
        category: 'transport',
        label: 'GREEN',
        moved: 2,
      });
      const transport = await request(app)
        .get('/api/v1/spaces/europe-forum/forum/categories/transport/topics')
        .set(p.focal.auth)
        .expect(200);
      assert.ok(transport.body.items.some((t: Topic) => t.id === green.id && t.replies === 1));

      const across = await request(app)
        .post(`/api/v1/forum/topics/${green.id}/move`)
        .set(p.coordinator.auth)
        .send({ space: 'mena-forum', category: 'general', justification: 'for the region' })
        .expect(200);
      assert.equal(across.body.space, 'mena-forum');
      const replies = await request(app)
        .get(`/api/v1/forum/topics/${green.id}/replies`)
        .set(p.otherCity.auth)
        .expect(200);
      assert.equal(replies.body.items.length, 1, 'the reply moved with its topic');
      await request(app).get(`/api/v1/forum/topics/${green.id}`).set(p.focal.auth).expect(404);
      await request(app)
        .post(`/api/v1/forum/topics/${green.id}/move`)
        .set(p.coordinator.auth)
        .send({ space: 'lyon-internal', category: 'general', justification: 'x' })
        .expect(404);

      const amber = await topicIn(p.practitioner, 'europe-amber', 'Need to know', { label: 'AMBER' });
      const refusedAmber = await request(app)
        .post(`/api/v1/forum/topics/${amber.id}/move`)
        .set(p.coordinator.auth)
        .send({ space: 'mena-forum', category: 'general', justification: 'x' })
        .expect(403);
      assert.match(refusedAmber.body.detail, /AMBER material may move only to the originating city's spaces/);

      const red = await topicIn(p.practitioner, 'europe-red', 'Named only', { label: 'RED' });
      const refusedRed = await request(app)
        .post(`/api/v1/forum/topics/${red.id}/move`)
        .set(p.coordinator.auth)
        .send({ space: 'europe-forum', category: 'general', justification: 'x' })
        .expect(403);
      assert.match(refusedRed.body.detail, /RED material goes nowhere/);

      // The plain post move refuses forum items: a topic needs a category, a reply its topic.
      await request(app)
        .post(`/api/v1/posts/${green.id}/move`)
        .set(p.moderator.auth)
        .send({ to: 'network', justification: 'x' })
        .expect(409);

      // A GREEN topic holding an AMBER reply stays whole where it is.
      const mixed = await topicIn(p.practitioner, 'europe-amber', 'Mixed');
      await replyTo(p.focal, mixed.id, 'sensitive detail', 'AMBER');
      await request(app)
        .post(`/api/v1/forum/topics/${mixed.id}/move`)
        .set(p.coordinator.auth)
        .send({ space: 'europe-forum', category: 'general', justification: 'x' })
        .expect(403);
      const still = await request(app).get(`/api/v1/forum/topics/${mixed.id}`).set(p.focal.auth).expect(200);
      assert.equal(still.body.space.slug, 'europe-amber');
      assert.equal(still.body.replies, 1);
    });

    it('shows edit history to the author and the forum moderators only', async () => {
      const topic = await topicIn(p.practitioner, 'europe-forum', 'Draft');
      const reply = await replyTo(p.focal, topic.id, 'first words');
      const edited = await request(app)
        .patch(`/api/v1/forum/topics/${topic.id}`)
        .set(p.practitioner.auth)
        .send({ title: 'Final', body: 'Better **words**' })
        .expect(200);
      assert.equal(edited.body.edited, true);
      assert.match(edited.body.html, /<strong>words<\/strong>/);
      await request(app)
        .patch(`/api/v1/forum/topics/${topic.id}`)
        .set(p.focal.auth)
        .send({ title: 'Mine' })
        .expect(403);
      await request(app)
        .patch(`/api/v1/forum/replies/${reply.id}`)
        .set(p.focal.auth)
        .send({ body: 'second words' })
        .expect(200);
      await request(app)
        .patch(`/api/v1/forum/replies/${reply.id}`)
        .set(p.focal.auth)
        .send({ body: 'third words' })
        .expect(200);
      const own = await request(app)
        .get(`/api/v1/forum/topics/${topic.id}/revisions`)
        .set(p.practitioner.auth)
        .expect(200);
      assert.deepEqual(
        own.body.items.map((r: { title: string; body: string; by: { name: string } }) => [
          r.title,
          r.body,
          r.by.name,
        ]),
        [['Draft', 'About Draft', 'Pierre Practitioner']],
      );
      await request(app)
        .get(`/api/v1/forum/topics/${topic.id}/revisions`)
        .set(p.coordinator.auth)
        .expect(200);
      await request(app).get(`/api/v1/forum/topics/${topic.id}/revisions`).set(p.focal.auth).expect(403);
      await request(app).get(`/api/v1/forum/topics/${topic.id}/revisions`).set(p.otherCity.auth).expect(404);
      const first = await request(app)
        .get(`/api/v1/forum/replies/${reply.id}/revisions?limit=1`)
        .set(p.coordinator.auth)
        .expect(200);
      assert.deepEqual(
        first.body.items.map((r: { body: string; title: null }) => [r.body, r.title]),
        [['second words', null]],
      );
      const second = await request(app)
        .get(`/api/v1/forum/replies/${reply.id}/revisions?limit=1&cursor=${first.body.nextCursor}`)
        .set(p.focal.auth)
        .expect(200);
      assert.deepEqual(
        second.body.items.map((r: { body: string }) => r.body),
        ['first words'],
      );
      assert.equal(second.body.nextCursor, null);
      await request(app)
        .get(`/api/v1/forum/replies/${reply.id}/revisions`)
        .set(p.practitioner.auth)
        .expect(403);
    });

    it('drops a quarantined topic from lists and reads', async () => {
      const topic = await topicIn(p.practitioner, 'europe-forum', 'Spilled');
      await request(app)
        .post(`/api/v1/posts/${topic.id}/quarantine`)
        .set(p.moderator.auth)
        .send({ reason: 'personal data' })
        .expect(200);
      const list = await topics(p.focal, 'europe-forum', '?limit=100');
      assert.ok(!list.items.some((t) => t.id === topic.id));
      await request(app).get(`/api/v1/forum/topics/${topic.id}`).set(p.focal.auth).expect(404);
      await request(app).get(`/api/v1/forum/topics/${topic.id}/replies`).set(p.focal.auth).expect(404);
      await request(app)
        .post(`/api/v1/forum/topics/${topic.id}/replies`)
        .set(p.focal.auth)
        .send({ body: 'x' })
        .expect(404);
    });
  });

  describe('people: mentions, subscriptions, unread', () => {
    it('notifies only mentioned people who may read the item', async () => {
      const mention = (who: TestPerson, name: string) => `[@${name}](mention:${who.id})`;
      const green = await topicIn(p.practitioner, 'europe-forum', 'Mentions', {
        body: `Hello ${mention(p.focal, 'Fatou')} and ${mention(p.otherCity, 'Omar')}`,
      });
      assert.match(green.html, /class="mention"/);
      assert.deepEqual(await stored(p.focal, green.id), ['post.mentioned']);
      assert.deepEqual(await stored(p.otherCity, green.id), [], 'not in the hub: nothing at all');
      const red = await topicIn(p.practitioner, 'europe-red', 'Red mentions', { label: 'RED' });
      await addMembers('europe-red', p.expert);
      await request(app)
        .patch(`/api/v1/forum/topics/${red.id}`)
        .set(p.practitioner.auth)
        .send({ body: `For ${mention(p.expert, 'Eve')} and ${mention(p.focal, 'Fatou')}` })
        .expect(200);
      assert.deepEqual(await stored(p.expert, red.id), [], 'joined after the RED topic: told nothing');
      assert.deepEqual(await stored(p.focal, red.id), ['post.mentioned']);
      await request(app)
        .patch(`/api/v1/forum/topics/${red.id}`)
        .set(p.practitioner.auth)
        .send({ body: `Again ${mention(p.focal, 'Fatou')}` })
        .expect(200);
      assert.deepEqual(await stored(p.focal, red.id), ['post.mentioned'], 'an old mention is not news');
      const notices = await request(app)
        .get('/api/v1/me/notifications?limit=100')
        .set(p.focal.auth)
        .expect(200);
      const notice = notices.body.items.find((n: { post: string }) => n.post === red.id);
      assert.equal(notice.kind, 'post.mentioned');
      assert.equal(notice.body, undefined, 'RED content never leaves in a notification');
    });

    it('notifies subscribers of replies they may read; unsubscribing sticks', async () => {
      const topic = await topicIn(p.practitioner, 'europe-red', 'Subscribed');
      assert.equal(topic.subscribed, true, 'authors are subscribed');
      const first = await replyTo(p.focal, topic.id, 'first');
      assert.deepEqual(await stored(p.practitioner, first.id), ['post.replied']);
      // The expert joined europe-red explicitly (above), subscribes, then leaves.
      await request(app).put(`/api/v1/forum/topics/${topic.id}/subscription`).set(p.expert.auth).expect(200);
      const mate = await replyTo(p.focal, topic.id, 'second');
      assert.deepEqual(await stored(p.expert, mate.id), ['post.replied']);
      await removeSpaceMember(OPERATOR, 'europe-red', p.expert.id);
      const red = await replyTo(p.practitioner, topic.id, 'only for those here now', 'RED');
      assert.deepEqual(await stored(p.focal, red.id), ['post.replied'], 'repliers are subscribed');
      assert.deepEqual(await stored(p.expert, red.id), [], 'a subscriber who may not read it hears nothing');
      const unsubscribed = await request(app)
        .delete(`/api/v1/forum/topics/${topic.id}/subscription`)
        .set(p.practitioner.auth)
        .expect(200);
      assert.deepEqual(unsubscribed.body, { topic: topic.id, subscribed: false });
      const third = await replyTo(p.focal, topic.id, 'third');
      assert.deepEqual(await stored(p.practitioner, third.id), []);
      assert.deepEqual(await stored(p.expert, third.id), []);
      const mine = await replyTo(p.practitioner, topic.id, 'replying does not re-subscribe');
      assert.deepEqual(await stored(p.focal, mine.id), ['post.replied']);
      const after = await request(app)
        .get(`/api/v1/forum/topics/${topic.id}`)
        .set(p.practitioner.auth)
        .expect(200);
      assert.equal(after.body.subscribed, false);
    });

    it('counts unread and replies only over what the reader may read', async () => {
      const topic = await topicIn(p.practitioner, 'europe-red', 'Counting');
      const green = await replyTo(p.focal, topic.id, 'open to all');
      const red = await replyTo(p.practitioner, topic.id, 'named only', 'RED');
      const later = await newcomer('lea@lyon.test.example');
      const mineNow = (await topics(p.focal, 'europe-red', '?limit=100')).items.find(
        (t) => t.id === topic.id,
      )!;
      assert.equal(mineNow.replies, 2);
      assert.equal(mineNow.unread, 2);
      const theirs = (await topics(later, 'europe-red', '?limit=100')).items.find((t) => t.id === topic.id)!;
      assert.equal(theirs.replies, 1, 'the RED reply is not counted for a later joiner');
      assert.equal(theirs.unread, 1);
      assert.equal(theirs.seen, false);
      assert.equal(
        theirs.lastActivityAt,
        green.createdAt,
        'the RED reply did not move the topic for everyone',
      );
      assert.ok(theirs.lastActivityAt < red.createdAt);
      const replies = await request(app)
        .get(`/api/v1/forum/topics/${topic.id}/replies`)
        .set(later.auth)
        .expect(200);
      assert.deepEqual(
        replies.body.items.map((r: { id: string }) => r.id),
        [green.id],
      );
      await request(app).get(`/api/v1/posts/${red.id}`).set(later.auth).expect(404);
      await request(app)
        .post(`/api/v1/forum/topics/${topic.id}/read`)
        .set(later.auth)
        .send({ upTo: red.id })
        .expect(404);
      const marked = await request(app)
        .post(`/api/v1/forum/topics/${topic.id}/read`)
        .set(later.auth)
        .send({})
        .expect(200);
      assert.deepEqual(marked.body, { topic: topic.id, lastReadId: green.id, unread: 0 });
      const partly = await request(app)
        .post(`/api/v1/forum/topics/${topic.id}/read`)
        .set(p.focal.auth)
        .send({ upTo: green.id })
        .expect(200);
      assert.equal(partly.body.unread, 1);
      const back = await request(app)
        .post(`/api/v1/forum/topics/${topic.id}/read`)
        .set(p.focal.auth)
        .send({ upTo: topic.id })
        .expect(404);
      assert.equal(back.body.status, 404, 'a topic is not one of its replies');
      await request(app).post(`/api/v1/forum/topics/${topic.id}/read`).set(p.focal.auth).send({}).expect(200);
      const after = (await topics(p.focal, 'europe-red', '?limit=100')).items.find((t) => t.id === topic.id)!;
      assert.equal(after.unread, 0);
      assert.equal(after.seen, true);
    });

    it('refuses a reply labelled below its topic', async () => {
      const topic = await topicIn(p.practitioner, 'europe-amber', 'Amber talk', { label: 'AMBER' });
      const refused = await request(app)
        .post(`/api/v1/forum/topics/${topic.id}/replies`)
        .set(p.focal.auth)
        .send({ body: 'x', label: 'GREEN' })
        .expect(400);
      assert.match(refused.body.detail, /below its topic \(AMBER\)/);
      const over = await request(app)
        .post(`/api/v1/forum/topics/${topic.id}/replies`)
        .set(p.focal.auth)
        .send({ body: 'x', label: 'RED' })
        .expect(400);
      assert.match(over.body.detail, /ceiling of "europe-amber" is AMBER/);
      assert.equal((await replyTo(p.focal, topic.id)).label, 'AMBER');
    });
  });
});
