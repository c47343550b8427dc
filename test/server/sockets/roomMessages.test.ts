import assert from 'node:assert/strict';
import type { MessageDelivery, MessagePage } from '../../../shared/events.js';
import { MessageModel } from '../../../server/models/Message.js';
import { MISSED_CAP } from '../../../server/services/rooms/joinRoom.js';
import { resetDatabase } from '../../support/database.js';
import { seedDirectory } from '../../support/fixtures.js';
import {
  clientId,
  makeRoom,
  settle,
  startRoomWorld,
  until,
  type RoomPerson,
  type RoomWorld,
} from '../../support/rooms.js';

type Joined = {
  room: { id: string; ceiling: string };
  missed: MessageDelivery[];
  more: boolean;
  online: string[];
};

describe('rooms over sockets: send, ack, persist, retry, reconnect', function () {
  this.timeout(60_000);
  let world: RoomWorld;
  let alice: RoomPerson;
  let bob: RoomPerson;
  let roomId: string;
  before(async () => {
    await resetDatabase();
    await seedDirectory();
    world = await startRoomWorld();
    alice = await world.person(world.lyon, 'alice@lyon.example');
    bob = await world.person(world.lyon, 'bob@lyon.example');
    roomId = await makeRoom('lyon-team', 'peer_room', 'RED', 'GREEN', [alice, bob]);
  });
  after(() => world.close());

  it('acks only after the message is stored, and delivers it to the room', async () => {
    const a = await alice.connect();
    const b = await bob.connect();
    assert.equal((await a.call<Joined>('room:join', { roomId })).ok, true);
    const joined = await b.call<Joined>('room:join', { roomId });
    assert.ok(joined.ok);
    assert.equal(joined.data.room.id, roomId);
    assert.deepEqual(joined.data.missed, []);
    assert.deepEqual([...joined.data.online].sort(), [alice.personId, bob.personId].sort());

    const id = clientId();
    const ack = await a.call<MessageDelivery>('message:send', {
      roomId,
      clientId: id,
      body: 'Hello **team**',
    });
    assert.ok(ack.ok, JSON.stringify(ack));
    assert.equal(ack.data.clientId, id);
    assert.equal(ack.data.label, 'GREEN');
    assert.equal(ack.data.html, '<p>Hello <strong>team</strong></p>\n');
    assert.deepEqual(ack.data.author, { id: alice.personId, name: alice.name });
    const stored = await MessageModel.findById(ack.data.id).lean();
    assert.ok(stored, 'stored before the ack');
    assert.equal(stored.body, 'Hello **team**');
    await until(() => (b.seen['message:created']?.length ?? 0) === 1);
    assert.deepEqual(b.seen['message:created']?.[0], ack.data);
  });

  it('stores a retried send once and answers the same message, also when retried concurrently', async () => {
    const a = await alice.connect();
    await a.call('room:join', { roomId });
    const id = clientId();
    const first = await a.call<MessageDelivery>('message:send', { roomId, clientId: id, body: 'Once' });
    const again = await a.call<MessageDelivery>('message:send', { roomId, clientId: id, body: 'Once' });
    assert.ok(first.ok && again.ok);
    assert.equal(again.data.id, first.data.id);
    assert.deepEqual(again.data, first.data);

    const racing = clientId();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        a.call<MessageDelivery>('message:send', { roomId, clientId: racing, body: 'Race' }),
      ),
    );
    const ids = new Set(answers.map((x) => (x.ok ? x.data.id : `error ${JSON.stringify(x)}`)));
    assert.equal(ids.size, 1, JSON.stringify(answers));
    assert.equal(await MessageModel.countDocuments({ clientId: { $in: [id, racing] } }), 2);
  });

  it('a reconnecting client gets exactly what it missed after its last seen id', async () => {
    const a = await alice.connect();
    const b = await bob.connect();
    await a.call('room:join', { roomId });
    await b.call('room:join', { roomId });
    const seen = await a.call<MessageDelivery>('message:send', {
      roomId,
      clientId: clientId(),
      body: 'Before',
    });
    assert.ok(seen.ok);
    await until(
      () => b.seen['message:created']?.some((m) => (m as MessageDelivery).id === seen.data.id) ?? false,
    );
    b.close();
    const missed: string[] = [];
    for (const body of ['one', 'two', 'three']) {
      const sent = await a.call<MessageDelivery>('message:send', { roomId, clientId: clientId(), body });
      assert.ok(sent.ok);
      missed.push(sent.data.id);
    }
    const again = await bob.connect();
    const rejoined = await again.call<Joined>('room:join', { roomId, lastSeenId: seen.data.id });
    assert.ok(rejoined.ok);
    // Everything missed, in order, after a few seconds' overlap of what was already seen (merged by id).
    const ids = rejoined.data.missed.map((m) => m.id);
    assert.deepEqual(ids.slice(-3), missed);
    assert.ok(!ids.includes(seen.data.id), 'the last seen message itself is not repeated');
    for (const m of rejoined.data.missed.slice(0, -3))
      assert.ok(m.createdAt <= seen.data.createdAt, `only already seen messages overlap: ${m.body}`);
    assert.deepEqual(
      rejoined.data.missed.slice(-3).map((m) => m.body),
      ['one', 'two', 'three'],
    );
    assert.equal(rejoined.data.more, false);
  });

  it('reads history by cursor, newest page first, the same over REST and sockets', async () => {
    const a = await alice.connect();
    const page = await a.call<MessagePage>('message:history', { roomId, limit: 2 });
    assert.ok(page.ok);
    assert.deepEqual(
      page.data.items.map((m) => m.body),
      ['two', 'three'],
    );
    assert.ok(page.data.before);
    const older = await a.call<MessagePage>('message:history', {
      roomId,
      limit: 2,
      before: page.data.before,
    });
    assert.ok(older.ok);
    assert.deepEqual(
      older.data.items.map((m) => m.body),
      ['Before', 'one'],
    );
    const { default: request } = await import('supertest');
    const rest = await request(world.server.app)
      .get(`/api/v1/rooms/${roomId}/messages?limit=2`)
      .set('Cookie', alice.cookie)
      .expect(200);
    assert.deepEqual(rest.body, page.data);
    await settle(50);
  });

  it('caps missed messages at 200 and says there are more', async () => {
    const a = await alice.connect();
    const last = await a.call<MessageDelivery>('message:send', {
      roomId,
      clientId: clientId(),
      body: 'mark',
    });
    assert.ok(last.ok);
    await MessageModel.insertMany(
      Array.from({ length: MISSED_CAP + 5 }, (_, i) => ({
        spaceId: roomId,
        label: 'GREEN',
        authorId: alice.personId,
        authorName: alice.name,
        state: 'visible',
        clientId: `bulk-${i}-${clientId()}`,
        body: `bulk ${i}`,
        html: `<p>bulk ${i}</p>`,
      })),
    );
    const b = await bob.connect();
    const joined = await b.call<Joined>('room:join', { roomId, lastSeenId: last.data.id });
    assert.ok(joined.ok);
    assert.equal(joined.data.missed.length, MISSED_CAP);
    assert.equal(joined.data.more, true);
    // The newest ones, oldest first; older ones are read as history.
    assert.equal(joined.data.missed[0]?.body, 'bulk 5');
    assert.equal(joined.data.missed.at(-1)?.body, `bulk ${MISSED_CAP + 4}`);
    const older = await b.call<MessagePage>('message:history', {
      roomId,
      limit: 10,
      before: undefined,
    });
    assert.ok(older.ok);
    assert.equal(older.data.items.at(-1)?.body, `bulk ${MISSED_CAP + 4}`);
  });
});

describe('rooms over sockets: rejoining while messages keep coming', function () {
  this.timeout(60_000);
  let world: RoomWorld;
  let alice: RoomPerson;
  let bob: RoomPerson;
  let roomId: string;
  before(async () => {
    await resetDatabase();
    await seedDirectory();
    // Flood control raised: one person sends as fast as acks come back.
    world = await startRoomWorld({
      ROOM_MESSAGES_PER_PERSON_PER_10S: '100000',
      ROOM_MESSAGES_PER_ROOM_PER_10S: '100000',
    });
    alice = await world.person(world.lyon, 'alice@lyon.example');
    bob = await world.person(world.lyon, 'bob@lyon.example');
    roomId = await makeRoom('lyon-stream', 'peer_room', 'RED', 'GREEN', [alice, bob]);
  });
  after(() => world.close());

  it('misses none: each acknowledged message is in the rejoin’s answer or comes live', async () => {
    const a = await alice.connect();
    assert.equal((await a.call<Joined>('room:join', { roomId })).ok, true);
    const first = await a.call<MessageDelivery>('message:send', {
      roomId,
      clientId: clientId(),
      body: 'mark',
    });
    assert.ok(first.ok);
    // Alice keeps sending, one acknowledged message after another, while Bob's sockets rejoin.
    const acked: string[] = [];
    let sending = true;
    const sender = (async () => {
      for (let n = 0; sending && n < 400; n += 1) {
        const sent = await a.call<MessageDelivery>('message:send', {
          roomId,
          clientId: clientId(),
          body: `m${n}`,
        });
        assert.ok(sent.ok, JSON.stringify(sent));
        acked.push(sent.data.id);
      }
    })();
    const rejoins: { missed: string[]; client: Awaited<ReturnType<RoomPerson['connect']>> }[] = [];
    for (let i = 0; i < 8; i += 1) {
      const client = await bob.connect();
      const joined = await client.call<Joined>('room:join', { roomId, lastSeenId: first.data.id });
      assert.ok(joined.ok);
      rejoins.push({ missed: joined.data.missed.map((m) => m.id), client });
    }
    sending = false;
    await sender;
    assert.ok(acked.length > 0, 'messages were sent meanwhile');
    const last = acked.at(-1);
    for (const { client } of rejoins)
      await until(
        () => client.seen['message:created']?.some((m) => (m as MessageDelivery).id === last) ?? false,
      );
    for (const [i, { missed, client }] of rejoins.entries()) {
      const got = new Set([
        ...missed,
        ...(client.seen['message:created'] ?? []).map((m) => (m as MessageDelivery).id),
      ]);
      const lost = acked.filter((id) => !got.has(id));
      assert.deepEqual(lost, [], `rejoin ${i}: acknowledged messages in neither its answer nor live`);
      client.close();
    }
  });
});
