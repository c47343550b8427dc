import assert from 'node:assert/strict';
import request from 'supertest';
import type { MessageDelivery, NotificationDelivery } from '../../../../shared/events.js';
import { mentionMarkdown } from '../../../../shared/text/mentions.js';
import { startRoomNotifications } from '../../../../server/services/notifications/roomNotifications.js';
import { resetDatabase } from '../../../support/database.js';
import { seedDirectory } from '../../../support/fixtures.js';
import {
  clientId,
  makeRoom,
  settle,
  startRoomWorld,
  until,
  type Client,
  type RoomPerson,
  type RoomWorld,
} from '../../../support/rooms.js';

describe('room messages notify mentioned people and thread authors who may read them', function () {
  this.timeout(60_000);
  let world: RoomWorld;
  let alice: RoomPerson;
  let bob: RoomPerson;
  let carol: RoomPerson;
  let omar: RoomPerson;
  let roomId: string;
  let stop: () => void;
  before(async () => {
    await resetDatabase();
    await seedDirectory();
    world = await startRoomWorld();
    stop = startRoomNotifications();
    alice = await world.person(world.lyon, 'alice@lyon.example');
    bob = await world.person(world.lyon, 'bob@lyon.example');
    carol = await world.person(world.lyon, 'carol@lyon.example');
    omar = await world.person(world.amman, 'omar@amman.example');
    roomId = await makeRoom('lyon-team', 'peer_room', 'RED', 'GREEN', [alice, bob, carol]);
  });
  after(async () => {
    stop();
    await world.close();
  });

  const notices = (c: Client) => (c.seen['notification:created'] ?? []) as NotificationDelivery[];
  const listOf = async (p: RoomPerson) =>
    (await request(world.server.app).get('/api/v1/me/notifications').set('Cookie', p.cookie).expect(200)).body
      .items as { kind: string; itemType: string; item: string; body?: string; text: string }[];

  it('tells a mentioned member (with the GREEN body), and not a mentioned outsider', async () => {
    const [a, b, o] = [await alice.connect(), await bob.connect(), await omar.connect()];
    assert.ok((await a.call('room:join', { roomId })).ok);
    const body = `Can ${mentionMarkdown(bob.personId, 'Bob')} and ${mentionMarkdown(omar.personId, 'Omar')} look?`;
    const sent = await a.call<MessageDelivery>('message:send', { roomId, clientId: clientId(), body });
    assert.ok(sent.ok, JSON.stringify(sent));
    await until(() => notices(b).length === 1);
    const [notice] = notices(b);
    assert.equal(notice?.kind, 'message.mentioned');
    assert.equal(notice?.text, body, 'GREEN: the body (short enough to be whole)');
    assert.equal(notice?.link, `/rooms/${roomId}#message-${sent.data.id}`);
    const listed = await listOf(bob);
    assert.deepEqual(
      listed.map((n) => [n.kind, n.itemType, n.item, n.text]),
      [['message.mentioned', 'Message', sent.data.id, 'You were mentioned in lyon-team']],
    );
    await settle();
    assert.equal(notices(o).length, 0, 'Omar is not a member: not told');
    assert.deepEqual(await listOf(omar), []);
    assert.equal(notices(a).length, 0, 'the author is not told of her own message');
  });

  it('tells the thread author of a reply, and says only "new material" for AMBER', async () => {
    const [a, c] = [await alice.connect(), await carol.connect()];
    assert.ok((await c.call('room:join', { roomId })).ok);
    const root = await a.call<MessageDelivery>('message:send', {
      roomId,
      clientId: clientId(),
      body: 'Sensitive plan for the north district',
      label: 'AMBER',
    });
    assert.ok(root.ok, JSON.stringify(root));
    const reply = await c.call<MessageDelivery>('message:send', {
      roomId,
      clientId: clientId(),
      body: 'Agreed, with changes',
      label: 'AMBER',
      threadId: root.data.id,
    });
    assert.ok(reply.ok, JSON.stringify(reply));
    await until(() => notices(a).length === 1);
    const [notice] = notices(a);
    assert.equal(notice?.kind, 'message.replied');
    assert.equal(notice?.text, null, 'AMBER: no excerpt');
    assert.ok(!JSON.stringify(notice).includes('Agreed'));
    const listed = await listOf(alice);
    assert.equal(listed[0]?.text, 'New material in lyon-team');
    assert.equal(listed[0]?.body, undefined);
    await settle();
    assert.equal(notices(c).length, 0, 'the replier is not told of her own reply');
  });
});
