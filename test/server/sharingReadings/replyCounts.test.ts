/**
 * SHARING.md, "Readings settled": counts count only what the reader may read. A room thread's reply
 * count is each reader's own, in REST and socket history, the join catch-up and the live
 * `message:updated`: a later joiner who may not read an earlier RED reply never counts it.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import type { MessageDelivery } from '../../../shared/events.js';
import { addSpaceMember } from '../../../server/services/spaces/addSpaceMember.js';
import { resetDatabase } from '../../support/database.js';
import { OPERATOR, seedDirectory } from '../../support/fixtures.js';
import {
  clientId,
  makeRoom,
  startRoomWorld,
  until,
  type Client,
  type RoomPerson,
  type RoomWorld,
} from '../../support/rooms.js';

describe('thread reply counts are per reader', function () {
  this.timeout(60_000);
  let world: RoomWorld;
  let alice: RoomPerson;
  let bob: RoomPerson;
  let carol: RoomPerson;
  let roomId: string;

  const as = (who: RoomPerson) => ({ Cookie: who.cookie, 'X-CSRF-Token': who.csrf });
  const send = async (who: RoomPerson, body: string, label: string, threadId?: string) =>
    (
      await request(world.server.app)
        .post(`/api/v1/rooms/${roomId}/messages`)
        .set(as(who))
        .send({ clientId: clientId(), body, label, ...(threadId ? { threadId } : {}) })
        .expect(200)
    ).body as MessageDelivery;
  const countIn = (items: MessageDelivery[], id: string) => items.find((m) => m.id === id)?.replyCount;
  const lastUpdate = (client: Client, id: string) =>
    (client.seen['message:updated'] ?? []).filter((m) => (m as MessageDelivery).id === id).at(-1) as
      MessageDelivery | undefined;

  before(async () => {
    await resetDatabase();
    await seedDirectory();
    world = await startRoomWorld();
    alice = await world.person(world.lyon, 'alice@lyon.example');
    bob = await world.person(world.lyon, 'bob@lyon.example');
    carol = await world.person(world.lyon, 'carol@lyon.example');
    roomId = await makeRoom('thread-room', 'peer_room', 'RED', 'GREEN', [alice, bob]);
  });
  after(() => world.close());

  it('a later joiner counts only the replies they may read, on every channel', async () => {
    const opening = await send(alice, 'good morning', 'GREEN');
    const root = await send(alice, 'Who has the venue list?', 'GREEN');
    await send(bob, 'the venues, for us two', 'RED', root.id);
    await addSpaceMember(OPERATOR, 'thread-room', { person: carol.personId, role: 'member' });

    const restCarol = await request(world.server.app).get(`/api/v1/rooms/${roomId}/messages`).set(as(carol));
    assert.equal(countIn(restCarol.body.items, root.id), 0, 'REST history, later joiner');
    const restAlice = await request(world.server.app).get(`/api/v1/rooms/${roomId}/messages`).set(as(alice));
    assert.equal(countIn(restAlice.body.items, root.id), 1, 'REST history, present member');

    const carolClient = await carol.connect();
    const aliceClient = await alice.connect();
    const joined = await carolClient.call<{ missed: MessageDelivery[] }>('room:join', {
      roomId,
      lastSeenId: opening.id,
    });
    assert.ok(joined.ok);
    assert.equal(countIn(joined.data.missed, root.id), 0, 'join catch-up');
    assert.ok((await aliceClient.call('room:join', { roomId })).ok);
    const history = await carolClient.call<{ items: MessageDelivery[] }>('message:history', { roomId });
    assert.ok(history.ok);
    assert.equal(countIn(history.data.items, root.id), 0, 'socket history');

    // A reply everyone reads: each open client is told its own count.
    await send(alice, 'I will share it here', 'GREEN', root.id);
    await until(() => lastUpdate(carolClient, root.id)?.replyCount === 1, 3000, "carol's live count of 1");
    await until(() => lastUpdate(aliceClient, root.id)?.replyCount === 2, 3000, "alice's live count of 2");
    assert.ok(
      (carolClient.seen['message:updated'] ?? []).every(
        (m) => (m as MessageDelivery).id !== root.id || (m as MessageDelivery).replyCount === 1,
      ),
      'the later joiner was never sent the count of 2',
    );
  });

  it('a thread reply follows its root: never below its label, hidden with it', async () => {
    const root = await send(alice, 'a sensitive thread', 'AMBER');
    const refused = await request(world.server.app)
      .post(`/api/v1/rooms/${roomId}/messages`)
      .set(as(bob))
      .send({ clientId: clientId(), body: 'lower', label: 'GREEN', threadId: root.id });
    assert.equal(refused.status, 400);
    assert.match(refused.body.detail, /below the first message of its thread \(AMBER\)/);
    const reply = await send(bob, 'a reply at the default', 'AMBER', root.id);
    assert.equal(reply.label, 'AMBER');
    const byDefault = await request(world.server.app)
      .post(`/api/v1/rooms/${roomId}/messages`)
      .set(as(bob))
      .send({ clientId: clientId(), body: 'no label given', threadId: root.id })
      .expect(200);
    assert.equal(byDefault.body.label, 'AMBER', "a reply defaults to its thread's label");
  });
});
