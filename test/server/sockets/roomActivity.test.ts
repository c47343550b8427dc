import assert from 'node:assert/strict';
import request from 'supertest';
import type { MessageDelivery, MessagePage, ReactionSummary } from '../../../shared/events.js';
import { MessageModel } from '../../../server/models/Message.js';
import { ReadMarkerModel } from '../../../server/models/ReadMarker.js';
import { createPerson } from '../../../server/services/people/createPerson.js';
import { createApiToken } from '../../../server/services/tokens/apiTokens.js';
import { addSpaceMember } from '../../../server/services/spaces/addSpaceMember.js';
import { PRESENCE_WINDOW_MS } from '../../../server/sockets/presence.js';
import { resetDatabase } from '../../support/database.js';
import { OPERATOR, seedDirectory } from '../../support/fixtures.js';
import {
  clientId,
  makeRoom,
  presenceChanges,
  settle,
  startRoomWorld,
  until,
  type Client,
  type RoomPerson,
  type RoomWorld,
} from '../../support/rooms.js';

type Joined = { missed: MessageDelivery[]; online: string[] };

function ids(list: unknown[] | undefined): string[] {
  return (list ?? []).map((m) => (m as { id: string }).id);
}

async function send(client: Client, roomId: string, body: string, extra: Record<string, unknown> = {}) {
  const ack = await client.call<MessageDelivery>('message:send', {
    roomId,
    clientId: clientId(),
    body,
    ...extra,
  });
  assert.ok(ack.ok, JSON.stringify(ack));
  return ack.data;
}

describe('rooms over sockets: edits, deletes, threads, reactions, quarantine, presence, typing, read markers', function () {
  this.timeout(60_000);
  let world: RoomWorld;
  let alice: RoomPerson;
  let bob: RoomPerson;
  let owner: RoomPerson;
  let roomId: string;
  let a: Client;
  let b: Client;
  before(async () => {
    await resetDatabase();
    await seedDirectory();
    world = await startRoomWorld();
    alice = await world.person(world.lyon, 'alice@lyon.example');
    bob = await world.person(world.amman, 'bob@amman.example');
    owner = await world.person(world.lyon, 'owner@lyon.example');
    roomId = await makeRoom('activity', 'peer_room', 'AMBER+STRICT', 'GREEN', [alice, bob]);
    await addSpaceMember(OPERATOR, 'activity', { person: owner.personId, role: 'moderator' });
    a = await alice.connect();
    b = await bob.connect();
    await a.call('room:join', { roomId });
    await b.call('room:join', { roomId });
  });
  after(() => world.close());

  it('edits propagate (author only) and the former text is kept for moderators', async () => {
    const m = await send(a, roomId, 'First draft');
    const refused = await b.call('message:edit', { messageId: m.id, body: 'Hijack' });
    assert.ok(!refused.ok && refused.error.code === 'forbidden');
    const edited = await a.call<MessageDelivery>('message:edit', { messageId: m.id, body: 'Second _draft_' });
    assert.ok(edited.ok);
    assert.equal(edited.data.html, '<p>Second <em>draft</em></p>\n');
    assert.ok(edited.data.editedAt);
    await until(() => ids(b.seen['message:updated']).includes(m.id));
    const update = b.seen['message:updated']?.find(
      (x) => (x as MessageDelivery).id === m.id,
    ) as MessageDelivery;
    assert.equal(update.body, 'Second _draft_');
    const stored = await MessageModel.findById(m.id).lean();
    assert.deepEqual(
      stored?.edits.map((e) => e.body),
      ['First draft'],
    );
  });

  it('deletes propagate: the author, and a room moderator, but not another member', async () => {
    const mine = await send(a, roomId, 'Oops');
    const other = await send(a, roomId, 'Off topic');
    const refused = await b.call('message:delete', { messageId: mine.id });
    assert.ok(!refused.ok && refused.error.code === 'forbidden');
    assert.ok((await a.call('message:delete', { messageId: mine.id })).ok);
    await until(() => ids(b.seen['message:removed']).includes(mine.id));
    assert.deepEqual(
      b.seen['message:removed']?.find((x) => (x as { id: string }).id === mine.id),
      { id: mine.id, roomId },
    );
    const o = await owner.connect();
    assert.ok((await o.call('message:delete', { messageId: other.id })).ok);
    await until(() => ids(b.seen['message:removed']).includes(other.id));
    const tomb = await MessageModel.findById(mine.id).lean();
    assert.equal(tomb?.state, 'deleted');
    assert.equal(tomb?.body, '');
    const page = await b.call<MessagePage>('message:history', { roomId });
    assert.ok(page.ok && !ids(page.data.items).includes(mine.id) && !ids(page.data.items).includes(other.id));
  });

  it('threads: replies name their first message, whose reply count grows and reaches the room', async () => {
    const root = await send(a, roomId, 'Question?');
    const reply = await send(b, roomId, 'Answer', { threadId: root.id });
    assert.equal(reply.threadId, root.id);
    await send(a, roomId, 'Thanks', { threadId: root.id });
    await until(
      () =>
        b.seen['message:updated']?.some(
          (x) => (x as MessageDelivery).id === root.id && (x as MessageDelivery).replyCount === 2,
        ) ?? false,
    );
    const nested = await b.call('message:send', {
      roomId,
      clientId: clientId(),
      body: 'deeper',
      threadId: reply.id,
    });
    assert.ok(!nested.ok && nested.error.code === 'invalid' && nested.error.field === 'threadId');
    const thread = await a.call<MessagePage>('message:history', { roomId, threadId: root.id });
    assert.ok(thread.ok);
    assert.deepEqual(
      thread.data.items.map((m) => m.body),
      ['Answer', 'Thanks'],
    );
    const main = await a.call<MessagePage>('message:history', { roomId });
    assert.ok(main.ok && !ids(main.data.items).includes(reply.id));
    assert.equal(main.data.items.find((m) => m.id === root.id)?.replyCount, 2);
  });

  it('reactions: one per person and emoji, summarised to the room, validated', async () => {
    const m = await send(a, roomId, 'React to me');
    const added = await b.call<{ reactions: ReactionSummary[] }>('reaction:add', {
      messageId: m.id,
      emoji: '🎉',
    });
    assert.ok(added.ok);
    const twice = await b.call<{ reactions: ReactionSummary[] }>('reaction:add', {
      messageId: m.id,
      emoji: '🎉',
    });
    assert.ok(twice.ok);
    assert.deepEqual(twice.data.reactions, [{ emoji: '🎉', count: 1, personIds: [bob.personId] }]);
    await until(() => (a.seen['reaction:updated']?.length ?? 0) >= 2);
    assert.deepEqual(a.seen['reaction:updated']?.at(-1), {
      roomId,
      messageId: m.id,
      reactions: [{ emoji: '🎉', count: 1, personIds: [bob.personId] }],
    });
    const flag = await a.call('reaction:add', { messageId: m.id, emoji: '🇫🇷' });
    assert.ok(flag.ok);
    const family = await a.call('reaction:add', { messageId: m.id, emoji: '👩‍👩‍👧' });
    assert.ok(family.ok);
    for (const bad of ['ab', '👍👍', 'x', '', '\u202e👍', '<script>', '👍'.repeat(20)]) {
      const refused = await a.call('reaction:add', { messageId: m.id, emoji: bad });
      assert.ok(!refused.ok && refused.error.code === 'invalid', `refused ${JSON.stringify(bad)}`);
    }
    const removed = await b.call<{ reactions: ReactionSummary[] }>('reaction:remove', {
      messageId: m.id,
      emoji: '🎉',
    });
    assert.ok(removed.ok);
    assert.deepEqual(
      removed.data.reactions.map((r) => r.emoji),
      ['🇫🇷', '👩‍👩‍👧'],
    );
    const page = await a.call<MessagePage>('message:history', { roomId });
    assert.ok(page.ok);
    assert.equal(page.data.items.find((x) => x.id === m.id)?.reactions.length, 2);
  });

  it('quarantine removes a message from open clients at once (pushed), and from history and missed', async () => {
    const moderator = await createPerson(OPERATOR, {
      name: 'Mo Derator',
      email: 'mo@mu.example',
      organisation: 'Management Unit',
      roles: ['moderator'],
      languages: [],
      expertise: [],
      status: 'active',
    });
    const { token } = await createApiToken(OPERATOR, moderator.id, 'test', 1);
    const before = await send(a, roomId, 'Before the spill');
    const spill = await send(a, roomId, 'Home address of a colleague');
    await until(() => ids(b.seen['message:created']).includes(spill.id));
    const refused = await request(world.server.app)
      .post(`/api/v1/messages/${spill.id}/quarantine`)
      .set('Cookie', bob.cookie)
      .set('X-CSRF-Token', bob.csrf)
      .send({ reason: 'I do not like it' });
    assert.ok([403, 404].includes(refused.status));
    const res = await request(world.server.app)
      .post(`/api/v1/messages/${spill.id}/quarantine`)
      .set('Authorization', `Bearer ${token}`)
      .send({ reason: 'Personal data' })
      .expect(200);
    assert.equal(res.body.state, 'quarantined');
    // Pushed to the open client, which asked for nothing.
    await until(() => ids(b.seen['message:removed']).includes(spill.id), 10_000);
    const page = await b.call<MessagePage>('message:history', { roomId });
    assert.ok(page.ok && !ids(page.data.items).includes(spill.id));
    // The author is told, without the content; the moderator who acted is not.
    const notices = async (cookie: string) =>
      (await request(world.server.app).get('/api/v1/me/notifications').set('Cookie', cookie).expect(200)).body
        .items as { kind: string; item: string; text: string | null }[];
    const told = (await notices(alice.cookie)).find(
      (n) => n.kind === 'message.quarantined' && n.item === spill.id,
    );
    assert.ok(told, 'the author is told of the quarantine');
    assert.doesNotMatch(JSON.stringify(told), /Home address/);
    const mine = await request(world.server.app)
      .get('/api/v1/me/notifications')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    assert.ok(!(mine.body.items as { kind: string }[]).some((n) => n.kind === 'message.quarantined'));
    const late = await bob.connect();
    const joined = await late.call<Joined>('room:join', { roomId, lastSeenId: before.id });
    assert.ok(joined.ok);
    assert.ok(!ids(joined.data.missed).includes(spill.id));
    // A moderator restores it: open clients get it back, and history shows it again.
    const restored = await request(world.server.app)
      .post(`/api/v1/messages/${spill.id}/restore`)
      .set('Authorization', `Bearer ${token}`)
      .send({ reason: 'Checked: no personal data' })
      .expect(200);
    assert.equal(restored.body.state, 'visible');
    assert.deepEqual(
      restored.body.moderation.map((m: { action: string }) => m.action),
      ['quarantine', 'restore'],
    );
    await until(() => ids(b.seen['message:updated']).includes(spill.id));
    const again = await b.call<MessagePage>('message:history', { roomId });
    assert.ok(again.ok && ids(again.data.items).includes(spill.id));
  });

  it('presence: the online list in the join ack, and updates on join, leave and disconnect', async () => {
    const carol = await world.person(world.lyon, 'carol@lyon.example');
    await addSpaceMember(OPERATOR, 'activity', { person: carol.personId, role: 'member' });
    const c = await carol.connect();
    const joined = await c.call<Joined>('room:join', { roomId });
    assert.ok(joined.ok);
    assert.ok(joined.data.online.includes(alice.personId) && joined.data.online.includes(carol.personId));
    // Changes close together are coalesced into one event (server/sockets/presence.ts).
    const carols = () =>
      presenceChanges(a)
        .filter((change) => {
          assert.equal(change.roomId, roomId);
          return change.personId === carol.personId;
        })
        .map((change) => change.online);
    await until(() => carols().includes(true));
    assert.ok((await c.call('room:leave', { roomId })).ok);
    await until(() => carols().at(-1) === false);
    const before = carols().length;
    const c2 = await carol.connect();
    await c2.call('room:join', { roomId });
    c2.close();
    // Online then away, or only away when both fell in one window.
    await until(() => carols().length > before && carols().at(-1) === false, 3000 + 2 * PRESENCE_WINDOW_MS);
    assert.deepEqual(a.seen['presence:updated']?.at(-1), { roomId, personId: carol.personId, online: false });
  });

  it('typing reaches the others in the room only, throttled, never for a room not joined', async () => {
    const before = b.seen['typing:updated']?.length ?? 0;
    assert.ok((await a.call('typing:set', { roomId, typing: true })).ok);
    assert.ok((await a.call('typing:set', { roomId, typing: true })).ok);
    assert.ok((await a.call('typing:set', { roomId, typing: false })).ok);
    await until(() => (b.seen['typing:updated']?.length ?? 0) === before + 2);
    assert.deepEqual(b.seen['typing:updated']?.slice(before), [
      { roomId, person: { id: alice.personId, name: alice.name }, typing: true },
      { roomId, person: { id: alice.personId, name: alice.name }, typing: false },
    ]);
    assert.equal(a.seen['typing:updated']?.length ?? 0, 0);
    const stranger = await world.person(world.amman, 'stranger@amman.example');
    const s = await stranger.connect();
    const refused = await s.call('typing:set', { roomId, typing: true });
    assert.ok(!refused.ok && refused.error.code === 'not_found');
  });

  it('read markers only move forward and reach the room', async () => {
    const first = await send(a, roomId, 'm1');
    const second = await send(a, roomId, 'm2');
    const marked = await b.call('read:mark', { roomId, messageId: second.id });
    assert.ok(marked.ok);
    await until(
      () =>
        a.seen['read:updated']?.some((r) => (r as { messageId: string }).messageId === second.id) ?? false,
    );
    const back = await b.call<{ messageId: string }>('read:mark', { roomId, messageId: first.id });
    assert.ok(back.ok);
    assert.equal(back.data.messageId, second.id);
    const stored = await ReadMarkerModel.find({ personId: bob.personId }).lean();
    assert.equal(stored.length, 1);
    assert.equal(String(stored[0]?.messageId), second.id);
    await settle(100);
    assert.ok(!a.seen['read:updated']?.some((r) => (r as { messageId: string }).messageId === first.id));
  });
});
