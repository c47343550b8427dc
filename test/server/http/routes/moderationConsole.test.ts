/**
 * The moderators' console over HTTP: flags on posts and room messages through the kernel, the queue
 * with its filters and counts, dismissal (one and many), the queue-wide quarantine, each item's
 * record and actions, and the moderators' audit view — each with hostile callers: people who
 * moderate nothing, the moderator of another hub, a second dismissal, bad and unknown ids.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import type { Express } from 'express';
import { randomUUID } from 'node:crypto';
import { SpaceModel } from '../../../../server/models/Space.js';
import { updateHub } from '../../../../server/services/hubs/updateHub.js';
import { resetDatabase } from '../../../support/database.js';
import { testApp } from '../../../support/app.js';
import { OPERATOR, type TestPerson } from '../../../support/fixtures.js';
import { person, seedSharing, space, type SharingPeople } from '../../../support/sharingFixtures.js';

type Auth = { auth: { Authorization: string } };
type QueueItem = {
  id: string;
  state: string;
  reason: string;
  resolution: { action: string; by: string | null; reason: string | null } | null;
  item: { type: string; id: string; hub: string | null; content: { title: string | null } | null };
};

describe('the moderators’ console API', () => {
  let app: Express;
  let p: SharingPeople;
  let menaCoordinator: TestPerson;
  let europeRoom: string;

  before(async () => {
    await resetDatabase();
    p = (await seedSharing()).people;
    menaCoordinator = await person('Mona Mena', 'mona@test.example', ['practitioner'], undefined, 'MENA hub');
    await updateHub(OPERATOR, 'mena', { coordinatorIds: [menaCoordinator.id] });
    await space('mena-forum', 'hub', 'GREEN', 'GREEN', { hub: 'mena' });
    europeRoom = String((await SpaceModel.findOne({ slug: 'europe-forum' }).lean())!._id);
    app = testApp();
  });

  const postIn = async (who: Auth, where: string, label = 'GREEN', title = 'Title') =>
    String(
      (
        await request(app)
          .post(`/api/v1/spaces/${where}/posts`)
          .set(who.auth)
          .send({ title, body: `${title} body`, label })
          .expect(201)
      ).body.id,
    );
  const messageIn = async (who: Auth, room: string, body = 'A message') =>
    String(
      (
        await request(app)
          .post(`/api/v1/rooms/${room}/messages`)
          .set(who.auth)
          .send({ clientId: randomUUID(), body })
          .expect(200)
      ).body.id,
    );
  const flag = (who: Auth, type: 'posts' | 'messages', id: string, reason = 'spam') =>
    request(app).post(`/api/v1/${type}/${id}/flags`).set(who.auth).send({ reason });
  const queue = async (who: Auth, query = '') =>
    (await request(app).get(`/api/v1/moderation/flags?limit=100${query}`).set(who.auth).expect(200)).body
      .items as QueueItem[];
  const flagOf = async (who: Auth, itemId: string, state = 'open') =>
    (await queue(who, `&state=${state}`)).find((f) => f.item.id === itemId);
  const notices = async (who: Auth) =>
    (await request(app).get('/api/v1/me/notifications?limit=100').set(who.auth).expect(200)).body.items as {
      item: string;
      kind: string;
      link: string;
      notice?: { kind: string; space: string; reason: string | null };
    }[];

  it('flags room messages through the kernel: readers may, authors and outsiders may not', async () => {
    const message = await messageIn(p.practitioner, europeRoom, 'Spammy message');
    await flag(p.focal, 'messages', message, 'spam').expect(202);
    await flag(p.focal, 'messages', message, 'spam').expect(202); // idempotent
    await flag(p.practitioner, 'messages', message).expect(404); // never one's own
    await flag(p.otherCity, 'messages', message).expect(404); // amman is not in the Europe hub
    await flag(p.focal, 'messages', 'not-an-id').expect(400);
    await flag(p.focal, 'messages', '0123456789abcdef01234567').expect(404);
    await request(app)
      .post(`/api/v1/messages/${message}/flags`)
      .set(p.focal.auth)
      .send({ reason: 'not_a_reason' })
      .expect(400);
    const mine = await flagOf(p.coordinator, message);
    assert.ok(mine, 'the hub coordinator sees the message flag');
    assert.equal(mine.item.type, 'Message');
    assert.equal(mine.item.hub, 'europe');
    const told = (await notices(p.coordinator)).find(
      (n) => n.item === message && n.kind === 'message.flagged',
    );
    assert.ok(told, 'the coordinator is told');
    assert.equal(told.link, `/moderation/items/Message/${message}`);
    assert.deepEqual(told.notice, { kind: 'message.flagged', space: 'europe-forum', reason: 'spam' });
  });

  it('the queue and its counts: filters by kind, reason and hub; refused to people who moderate nothing', async () => {
    const post = await postIn(p.practitioner, 'europe-forum', 'GREEN', 'Queue post');
    await flag(p.focal, 'posts', post, 'personal_data').expect(202);
    const posts = await queue(p.coordinator, '&kind=Post&hub=europe');
    assert.ok(posts.every((f) => f.item.type === 'Post'));
    assert.ok(posts.some((f) => f.item.id === post));
    const messages = await queue(p.coordinator, '&kind=Message');
    assert.ok(messages.length > 0 && messages.every((f) => f.item.type === 'Message'));
    const personal = await queue(p.coordinator, '&reason=personal_data');
    assert.ok(personal.every((f) => f.reason === 'personal_data'));
    const counts = (
      await request(app).get('/api/v1/moderation/flags/counts').set(p.coordinator.auth).expect(200)
    ).body;
    assert.equal(counts.byState.open, (await queue(p.coordinator)).length);
    assert.ok(counts.openByReason.personal_data >= 1);
    for (const who of [p.practitioner, p.focal, p.admin]) {
      await request(app).get('/api/v1/moderation/flags').set(who.auth).expect(403);
      await request(app).get('/api/v1/moderation/flags/counts').set(who.auth).expect(403);
      await request(app).get('/api/v1/moderation/hubs').set(who.auth).expect(403);
    }
    await request(app).get('/api/v1/moderation/flags').expect(401);
    assert.deepEqual(await queue(menaCoordinator, '&hub=europe'), []);
    assert.deepEqual(await queue(menaCoordinator), []);
    const menaCounts = (await request(app).get('/api/v1/moderation/flags/counts').set(menaCoordinator.auth))
      .body;
    assert.deepEqual(menaCounts.byState, { open: 0, resolved: 0, dismissed: 0 });
    await request(app).get('/api/v1/moderation/flags?state=closed').set(p.coordinator.auth).expect(400);
    await request(app).get('/api/v1/moderation/flags?kind=Library').set(p.coordinator.auth).expect(400);
    const hubs = (await request(app).get('/api/v1/moderation/hubs').set(p.coordinator.auth).expect(200)).body;
    assert.deepEqual(
      hubs.hubs.map((h: { slug: string }) => h.slug),
      ['europe'],
    );
    assert.equal(hubs.network, false);
    const global = (await request(app).get('/api/v1/moderation/hubs').set(p.moderator.auth).expect(200)).body;
    assert.equal(global.network, true);
    assert.ok(global.hubs.length >= 2);
  });

  it('dismisses a flag with a reason, once; others may not', async () => {
    const post = await postIn(p.practitioner, 'europe-forum', 'GREEN', 'Harmless');
    await flag(p.focal, 'posts', post, 'other').expect(202);
    const open = (await flagOf(p.coordinator, post))!;
    const dismiss = (who: Auth, id: string, body: unknown = { reason: 'not a problem' }) =>
      request(app)
        .post(`/api/v1/moderation/flags/${id}/dismiss`)
        .set(who.auth)
        .send(body as object);
    await dismiss(p.practitioner, open.id).expect(403);
    await dismiss(menaCoordinator, open.id).expect(404);
    await dismiss(p.coordinator, 'nope').expect(400);
    await dismiss(p.coordinator, '0123456789abcdef01234567').expect(404);
    await dismiss(p.coordinator, open.id, {}).expect(400);
    await dismiss(p.coordinator, open.id, { reason: '' }).expect(400);
    const done = await dismiss(p.coordinator, open.id).expect(200);
    assert.equal(done.body.state, 'dismissed');
    assert.equal(done.body.resolution.reason, 'not a problem');
    assert.equal(done.body.resolution.by, 'Cora Coordinator');
    const again = await dismiss(p.coordinator, open.id).expect(409);
    assert.equal(again.body.code, 'state_conflict');
    assert.equal(await flagOf(p.coordinator, post), undefined);
    assert.ok(await flagOf(p.coordinator, post, 'dismissed'));
    const record = (
      await request(app).get(`/api/v1/moderation/items/Post/${post}`).set(p.coordinator.auth).expect(200)
    ).body;
    assert.deepEqual(
      record.history.map((s: { action: string }) => s.action),
      ['flag', 'dismiss'],
    );
    const state = await request(app).get(`/api/v1/posts/${post}`).set(p.focal.auth).expect(200);
    assert.equal(state.body.state, 'visible', 'dismissal leaves the item as it is');
  });

  it('queue-wide: quarantines or dismisses several flags at once, flag by flag', async () => {
    const spam = [
      await messageIn(p.practitioner, europeRoom, 'buy now 1'),
      await messageIn(p.practitioner, europeRoom, 'buy now 2'),
    ];
    for (const m of spam) await flag(p.focal, 'messages', m).expect(202);
    await flag(p.expert, 'messages', spam[0]!).expect(404); // the expert is not in the Europe hub room
    const flags = (await queue(p.coordinator, '&kind=Message')).filter((f) => spam.includes(f.item.id));
    assert.equal(flags.length, 2);
    const act = (who: Auth, body: unknown) =>
      request(app)
        .post('/api/v1/moderation/flags/actions')
        .set(who.auth)
        .send(body as object);
    await act(p.practitioner, { flags: flags.map((f) => f.id), action: 'quarantine', reason: 'spam' }).expect(
      403,
    );
    const other = await act(menaCoordinator, {
      flags: flags.map((f) => f.id),
      action: 'quarantine',
      reason: 'x',
    }).expect(200);
    assert.deepEqual(
      other.body.results.map((r: { outcome: string; reason: string }) => [r.outcome, r.reason]),
      [
        ['refused', 'not_found'],
        ['refused', 'not_found'],
      ],
    );
    await act(p.coordinator, { flags: [], action: 'quarantine', reason: 'spam' }).expect(400);
    await act(p.coordinator, { flags: ['bad'], action: 'quarantine', reason: 'spam' }).expect(400);
    await act(p.coordinator, { flags: [flags[0]!.id], action: 'explode', reason: 'spam' }).expect(400);
    const done = await act(p.coordinator, {
      flags: [...flags.map((f) => f.id), '0123456789abcdef01234567'],
      action: 'quarantine',
      reason: 'spam wave',
    }).expect(200);
    assert.deepEqual(
      done.body.results.map((r: { outcome: string }) => r.outcome),
      ['done', 'done', 'refused'],
    );
    for (const m of spam) {
      const record = (
        await request(app).get(`/api/v1/moderation/items/Message/${m}`).set(p.coordinator.auth).expect(200)
      ).body;
      assert.equal(record.item.state, 'quarantined');
      assert.equal(record.flags[0].state, 'resolved');
      assert.equal(record.flags[0].resolution.action, 'quarantine');
    }
    const again = await act(p.coordinator, {
      flags: [flags[0]!.id],
      action: 'dismiss',
      reason: 'late',
    }).expect(200);
    assert.deepEqual(again.body.results[0], {
      flag: flags[0]!.id,
      outcome: 'refused',
      reason: 'state_conflict',
    });
    const told = (await notices(p.practitioner)).filter(
      (n) => spam.includes(n.item) && n.kind === 'message.quarantined',
    );
    assert.equal(told.length, 2);
    assert.equal(told[0]!.notice?.reason, 'spam wave');
  });

  it('acts on an item with a reason: relabel down with a justification, restore, delete; the author is told', async () => {
    const post = await postIn(p.practitioner, 'lyon-internal', 'AMBER+STRICT', 'Overclassified');
    const moderator = p.moderator;
    const act = (who: Auth, type: string, id: string, verb: string, body: unknown) =>
      request(app)
        .post(`/api/v1/moderation/items/${type}/${id}/${verb}`)
        .set(who.auth)
        .send(body as object);
    // The Europe coordinator neither reads nor moderates a city's internal space: not found.
    await act(p.coordinator, 'Post', post, 'relabel', { label: 'AMBER', justification: 'x' }).expect(404);
    await act(p.practitioner, 'Post', post, 'quarantine', { reason: 'mine' }).expect(403);
    await act(moderator, 'Post', post, 'relabel', { label: 'AMBER' }).expect(400);
    await act(moderator, 'Doc', post, 'relabel', { label: 'AMBER', justification: 'x' }).expect(400);
    const lowered = await act(moderator, 'Post', post, 'relabel', {
      label: 'AMBER',
      justification: 'nothing strict in it',
    }).expect(200);
    assert.equal(lowered.body.item.label, 'AMBER');
    const step = lowered.body.history.at(-1);
    assert.deepEqual(
      [step.action, step.from, step.to, step.reason],
      ['relabel', 'AMBER+STRICT', 'AMBER', 'nothing strict in it'],
    );
    const told = (await notices(p.practitioner)).find((n) => n.item === post && n.kind === 'post.relabelled');
    assert.match(told!.notice!.reason!, /AMBER\+STRICT → AMBER: nothing strict in it/);

    const message = await messageIn(p.practitioner, europeRoom, 'To be deleted');
    await act(p.coordinator, 'Message', message, 'delete', {}).expect(400);
    await act(menaCoordinator, 'Message', message, 'delete', { reason: 'x' }).expect(404);
    await act(p.focal, 'Message', message, 'delete', { reason: 'x' }).expect(403);
    const deleted = await act(p.coordinator, 'Message', message, 'delete', { reason: 'off topic' }).expect(
      200,
    );
    assert.equal(deleted.body.item.state, 'deleted');
    await act(p.coordinator, 'Message', message, 'delete', { reason: 'again' }).expect(404);
    const gone = (await notices(p.practitioner)).find(
      (n) => n.item === message && n.kind === 'message.deleted',
    );
    assert.equal(gone?.notice?.reason, 'off topic');

    const other = await messageIn(p.practitioner, europeRoom, 'Quarantine then restore');
    await act(p.coordinator, 'Message', other, 'restore', { reason: 'x' }).expect(409);
    await act(p.coordinator, 'Message', other, 'quarantine', { reason: 'check' }).expect(200);
    const restored = await act(p.coordinator, 'Message', other, 'restore', { reason: 'fine' }).expect(200);
    assert.deepEqual(
      restored.body.history.map((s: { action: string; reason: string }) => [s.action, s.reason]),
      [
        ['quarantine', 'check'],
        ['restore', 'fine'],
      ],
    );
    await act(p.coordinator, 'Message', other, 'move', { to: 'network', justification: 'x' }).expect(409);
    await request(app).get(`/api/v1/moderation/items/Post/${post}`).set(p.coordinator.auth).expect(404);
    await request(app).get(`/api/v1/moderation/items/Post/${post}`).set(p.practitioner.auth).expect(403);
    await request(app).get(`/api/v1/moderation/items/Post/nope`).set(moderator.auth).expect(400);
  });

  it('the audit view: searchable by person, item and action; only the moderator’s items', async () => {
    const audit = async (who: Auth, query = '') =>
      (await request(app).get(`/api/v1/moderation/audit?limit=100${query}`).set(who.auth).expect(200)).body
        .items as { action: string; actor: { id: string | null }; target: { id: string | null } }[];
    const mine = await audit(p.coordinator);
    assert.ok(mine.length > 0);
    assert.ok(mine.every((e) => !e.action.startsWith('auth.') && !e.action.startsWith('content.viewed')));
    const byCora = await audit(p.coordinator, `&person=${p.coordinator.id}`);
    assert.ok(byCora.length > 0 && byCora.every((e) => e.actor.id === p.coordinator.id));
    const dismissals = await audit(p.coordinator, '&action=flag.dismissed');
    assert.ok(dismissals.length > 0 && dismissals.every((e) => e.action === 'flag.dismissed'));
    const one = mine[0]!.target.id!;
    const ofItem = await audit(p.coordinator, `&item=${one}`);
    assert.ok(ofItem.length > 0 && ofItem.every((e) => e.target.id === one));
    assert.deepEqual(await audit(menaCoordinator), []);
    const lyon = (await audit(p.moderator, '&action=content.relabelled')).length;
    assert.ok(lyon > 0, 'the global moderator sees the city-space relabel');
    assert.ok(
      !(await audit(p.coordinator, '&action=content.relabelled')).some((e) =>
        mine.every((m) => m.target.id !== e.target.id),
      ),
    );
    await request(app).get('/api/v1/moderation/audit').set(p.practitioner.auth).expect(403);
    await request(app).get('/api/v1/moderation/audit?person=nope').set(p.moderator.auth).expect(400);
    await request(app).get('/api/v1/moderation/audit?action=$where').set(p.moderator.auth).expect(400);
  });
});
