/**
 * Room messages that carry files, over real sockets on a real server: the ack and the live delivery
 * list the files every reader may open, history lists them per reader, and a refusal is an ack with
 * the reason and stores nothing.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import type { MessageDelivery, MessagePage } from '../../../shared/events.js';
import { MessageModel } from '../../../server/models/Message.js';
import { resetDatabase } from '../../support/database.js';
import { seedDirectory } from '../../support/fixtures.js';
import { person } from '../../support/sharingFixtures.js';
import {
  clientId,
  makeRoom,
  until,
  type RoomPerson,
  type RoomWorld,
  startRoomWorld,
} from '../../support/rooms.js';

describe('rooms over sockets: messages with files', function () {
  this.timeout(60_000);
  let world: RoomWorld;
  let alice: RoomPerson;
  let bob: RoomPerson;
  let roomId: string;

  const upload = async (who: RoomPerson, title: string, label: string) => {
    const res = await request(world.server.app)
      .post('/api/v1/spaces/lyon-files/documents')
      .set('Cookie', who.cookie)
      .set('X-CSRF-Token', who.csrf)
      .set('Origin', world.server.url)
      .field('title', title)
      .field('label', label)
      .attach('file', Buffer.from(`${title}\n`), `${title}.txt`);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.id as string;
  };

  before(async () => {
    await resetDatabase();
    await seedDirectory();
    world = await startRoomWorld();
    alice = await world.person(world.lyon, 'alice@lyon.example');
    bob = await world.person(world.lyon, 'bob@lyon.example');
    roomId = await makeRoom('lyon-files', 'peer_room', 'RED', 'GREEN', [alice, bob]);
  });
  after(() => world.close());

  it('acks and delivers a message with its files, and history lists them', async () => {
    const plan = await upload(alice, 'action-plan', 'AMBER');
    const a = await alice.connect();
    const b = await bob.connect();
    assert.ok((await a.call('room:join', { roomId })).ok);
    assert.ok((await b.call('room:join', { roomId })).ok);
    const ack = await a.call<MessageDelivery>('message:send', {
      roomId,
      clientId: clientId(),
      body: 'The plan is attached',
      attachments: [plan],
    });
    assert.ok(ack.ok, JSON.stringify(ack));
    assert.deepEqual(
      ack.data.attachments.map((f) => [f.id, f.title, f.label, f.fileName]),
      [[plan, 'action-plan', 'AMBER', 'action-plan.txt']],
    );
    await until(() => (b.seen['message:created']?.length ?? 0) === 1);
    assert.deepEqual((b.seen['message:created']?.[0] as MessageDelivery).attachments, ack.data.attachments);

    const history = await request(world.server.app)
      .get(`/api/v1/rooms/${roomId}/messages`)
      .set('Cookie', bob.cookie)
      .expect(200);
    const page = history.body as MessagePage;
    assert.deepEqual(page.items.at(-1)?.attachments, ack.data.attachments);
  });

  it('refuses a file below the message’s label or a RED file with a lower message, storing nothing', async () => {
    const green = await upload(alice, 'green-note', 'GREEN');
    const red = await upload(alice, 'red-note', 'RED');
    const a = await alice.connect();
    assert.ok((await a.call('room:join', { roomId })).ok);
    const before = await MessageModel.countDocuments();
    const below = await a.call('message:send', {
      roomId,
      clientId: clientId(),
      body: 'Raised above its file',
      label: 'AMBER',
      attachments: [green],
    });
    assert.equal(below.ok, false);
    assert.equal((below as { error: { reason?: string } }).error.reason, 'attachment_below_label');
    const narrower = await a.call('message:send', {
      roomId,
      clientId: clientId(),
      body: 'RED file, GREEN message',
      attachments: [red],
    });
    assert.equal(narrower.ok, false);
    assert.equal((narrower as { error: { reason?: string } }).error.reason, 'attachment_narrower');
    assert.equal(await MessageModel.countDocuments(), before);

    const sent = await a.call<MessageDelivery>('message:send', {
      roomId,
      clientId: clientId(),
      body: 'RED with its RED file',
      label: 'RED',
      attachments: [red],
    });
    assert.ok(sent.ok, JSON.stringify(sent));
    assert.deepEqual(
      sent.data.attachments.map((f) => f.id),
      [red],
    );
  });

  it('takes a file off open screens when it is quarantined, and brings it back on restore', async () => {
    const plan = await upload(alice, 'moderated-plan', 'GREEN');
    const a = await alice.connect();
    const b = await bob.connect();
    assert.ok((await a.call('room:join', { roomId })).ok);
    assert.ok((await b.call('room:join', { roomId })).ok);
    const sent = await a.call<MessageDelivery>('message:send', {
      roomId,
      clientId: clientId(),
      body: 'Plan attached',
      attachments: [plan],
    });
    assert.ok(sent.ok, JSON.stringify(sent));
    const updates = () =>
      ((b.seen['message:updated'] ?? []) as MessageDelivery[]).filter((m) => m.id === sent.data.id);
    const moderator = await person(
      'Mo Moderator',
      'mo@test.example',
      ['moderator'],
      undefined,
      'Management Unit',
    );
    const moderate = (verb: string, reason: string) =>
      request(world.server.app)
        .post(`/api/v1/moderation/items/Document/${plan}/${verb}`)
        .set(moderator.auth)
        .send({ reason })
        .expect(200);
    await moderate('quarantine', 'Checking the file');
    await until(() => updates().length === 1);
    assert.deepEqual(updates()[0]?.attachments, [], 'the file is gone from the open screen');
    await moderate('restore', 'Checked');
    await until(() => updates().length === 2);
    assert.deepEqual(
      updates()[1]?.attachments.map((f) => f.id),
      [plan],
    );
  });
});
