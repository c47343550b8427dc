/**
 * Relabelling forum items keeps "a reply is never below its topic": raising a topic raises the replies
 * below the new label (justified, audited, their authors told, RED taking the topic's audience), lowering
 * a topic leaves them, and a reply may not be lowered below its topic. Real app, real database.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import { PostModel } from '../../../../server/models/Post.js';
import type { Express } from 'express';
import { AuditEntryModel } from '../../../../server/models/AuditEntry.js';
import { NotificationModel } from '../../../../server/models/Notification.js';
import { loadContent } from '../../../../server/policy/contentAccess.js';
import type { ContentEvent } from '../../../../server/events/contentEvents.js';
import { subscribe } from '../../../../server/events/domainEvents.js';
import { resetDatabase } from '../../../support/database.js';
import { testApp } from '../../../support/app.js';
import { addMembers, seedSharing, space, type SharingPeople } from '../../../support/sharingFixtures.js';

type Who = { auth: { Authorization: string } };

describe('relabelling a forum topic and its replies', function () {
  this.timeout(60_000);
  let app: Express;
  let p: SharingPeople;

  before(async () => {
    await resetDatabase();
    p = (await seedSharing()).people;
    app = testApp();
    await space('europe-red', 'hub', 'RED', 'GREEN', { hub: 'europe' });
    await space('europe-amber', 'hub', 'AMBER', 'GREEN', { hub: 'europe' });
    for (const where of ['europe-red', 'europe-amber'])
      await request(app)
        .post(`/api/v1/spaces/${where}/forum/categories`)
        .set(p.coordinator.auth)
        .send({ slug: 'general', name: 'General' })
        .expect(201);
  });

  const topicIn = async (where: string, label = 'GREEN') =>
    String(
      (
        await request(app)
          .post(`/api/v1/spaces/${where}/forum/categories/general/topics`)
          .set(p.practitioner.auth)
          .send({ title: 'Flood plans', body: 'Our plans', label })
          .expect(201)
      ).body.id,
    );
  const replyTo = async (topic: string, label: string) =>
    String(
      (
        await request(app)
          .post(`/api/v1/forum/topics/${topic}/replies`)
          .set(p.focal.auth)
          .send({ body: `A ${label} reply`, label })
          .expect(201)
      ).body.id,
    );
  const relabel = (who: Who, id: string, body: Record<string, unknown>) =>
    request(app).post(`/api/v1/posts/${id}/relabel`).set(who.auth).send(body);
  const labelOf = async (id: string) => (await loadContent(id))?.label;

  it('raising a topic raises the replies below the new label, audited and told; lowering leaves them', async () => {
    const topic = await topicIn('europe-red');
    const green = await replyTo(topic, 'GREEN');
    const strict = await replyTo(topic, 'AMBER+STRICT');
    const events: ContentEvent[] = [];
    const listen = (e: ContentEvent) => events.push(e);
    const unsubscribe = subscribe('content', 'test recorder', listen);
    try {
      await relabel(p.practitioner, topic, { label: 'AMBER', justification: 'names of sites' }).expect(200);
    } finally {
      unsubscribe();
    }
    assert.equal(await labelOf(topic), 'AMBER');
    assert.equal(await labelOf(green), 'AMBER');
    assert.equal(await labelOf(strict), 'AMBER+STRICT', 'a reply above the new label stays');
    // Open clients are told through the broadcaster, reply by reply.
    assert.deepEqual(
      events.filter((e) => e.type === 'relabelled').map((e) => String(e.after._id)),
      [topic, green],
    );
    const audited = await AuditEntryModel.find({ action: 'content.relabelled', 'target.id': green }).lean();
    assert.equal(audited.length, 1);
    assert.deepEqual(audited[0]?.details, { from: 'GREEN', to: 'AMBER', why: 'names of sites' });
    const told = await NotificationModel.find({ recipientId: p.focal.id, postId: green }).lean();
    assert.ok(
      told.some((n) => n.kind === 'post.relabelled' && /GREEN → AMBER: names of sites/.test(n.reason ?? '')),
    );

    await relabel(p.practitioner, topic, { label: 'GREEN', justification: 'sites removed' }).expect(200);
    assert.equal(await labelOf(topic), 'GREEN');
    assert.equal(await labelOf(green), 'AMBER', 'lowering the topic leaves its replies');
  });

  it('refuses lowering a reply below its topic, naming the topic label', async () => {
    const topic = await topicIn('europe-red', 'AMBER');
    const reply = await replyTo(topic, 'AMBER+STRICT');
    const res = await relabel(p.focal, reply, { label: 'GREEN', justification: 'not so sensitive' }).expect(
      400,
    );
    assert.match(res.body.detail, /below its topic \(AMBER\)/);
    assert.equal(await labelOf(reply), 'AMBER+STRICT');
    await relabel(p.focal, reply, { label: 'AMBER', justification: 'as the topic' }).expect(200);
  });

  it('raising a topic to RED gives its replies the topic audience: a later member reads neither', async () => {
    const topic = await topicIn('europe-red');
    const reply = await replyTo(topic, 'GREEN');
    await relabel(p.moderator, topic, { label: 'RED', justification: 'spillage' }).expect(200);
    const [storedTopic, storedReply] = [await loadContent(topic), await loadContent(reply)];
    assert.equal(storedReply?.label, 'RED');
    assert.deepEqual(
      storedReply?.audienceIds.map(String).sort(),
      storedTopic?.audienceIds.map(String).sort(),
    );
    assert.ok(storedReply?.audienceIds.map(String).includes(p.focal.id));
    // The expert joins the hub's forum after the raise: a member now, but not in the audience.
    await addMembers('europe-red', p.expert);
    const lea = p.expert.auth;
    await request(app).get(`/api/v1/posts/${reply}`).set(lea).expect(404);
    await request(app).get(`/api/v1/posts/${topic}`).set(lea).expect(404);
    await request(app).get(`/api/v1/posts/${reply}`).set(p.focal.auth).expect(200);
  });

  it('a reply stored while its topic is raised takes the raised label, never staying below it', async () => {
    const topic = await topicIn('europe-red');
    // The interleaving made certain: the real raise runs after the reply passed its checks (at GREEN)
    // and just before it is stored, so the raise's pass over the replies cannot see it.
    const create = PostModel.create.bind(PostModel);
    PostModel.create = (async (...args: Parameters<typeof PostModel.create>) => {
      PostModel.create = create;
      await relabel(p.moderator, topic, { label: 'RED', justification: 'spillage' }).expect(200);
      return create(...args);
    }) as typeof PostModel.create;
    try {
      const reply = await replyTo(topic, 'GREEN');
      const [storedTopic, storedReply] = [await loadContent(topic), await loadContent(reply)];
      assert.equal(storedReply?.label, 'RED');
      assert.deepEqual(
        storedReply?.audienceIds.map(String).sort(),
        storedTopic?.audienceIds.map(String).sort(),
      );
    } finally {
      PostModel.create = create;
    }
  });

  it('refuses hostile relabels and changes nothing', async () => {
    const topic = await topicIn('europe-amber');
    const reply = await replyTo(topic, 'GREEN');
    // Above the ceiling: refused naming it, replies untouched.
    const above = await relabel(p.moderator, topic, { label: 'RED', justification: 'x' }).expect(400);
    assert.match(above.body.detail, /ceiling of "europe-amber" is AMBER/);
    // A member who is neither author nor moderator may not raise someone else's topic.
    await relabel(p.focal, topic, { label: 'AMBER', justification: 'mine to say' }).expect(403);
    // No justification, an empty one, an unknown label, unknown keys, an unknown id.
    await relabel(p.practitioner, topic, { label: 'AMBER' }).expect(400);
    await relabel(p.practitioner, topic, { label: 'AMBER', justification: '' }).expect(400);
    await relabel(p.practitioner, topic, { label: 'PURPLE', justification: 'x' }).expect(400);
    await relabel(p.practitioner, topic, { label: 'AMBER', justification: 'x', audience: [] }).expect(400);
    await relabel(p.practitioner, '0123456789abcdef01234567', { label: 'AMBER', justification: 'x' }).expect(
      404,
    );
    // Someone outside the hub learns nothing, not even that the topic exists.
    await relabel(p.otherCity, topic, { label: 'AMBER', justification: 'x' }).expect(404);
    assert.equal(await labelOf(topic), 'GREEN');
    assert.equal(await labelOf(reply), 'GREEN');
  });
});
