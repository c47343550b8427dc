import assert from 'node:assert/strict';
import type { MessageDelivery } from '../../../shared/events.js';
import { MESSAGE_MAX_CHARS } from '../../../shared/schemas/rooms.js';
import { MessageModel } from '../../../server/models/Message.js';
import { resetDatabase } from '../../support/database.js';
import { seedDirectory } from '../../support/fixtures.js';
import {
  clientId,
  makeRoom,
  settle,
  startRoomWorld,
  type Client,
  type RoomPerson,
  type RoomWorld,
} from '../../support/rooms.js';

describe('rooms over sockets: flood control, size limit, ceilings and hostile payloads', function () {
  this.timeout(60_000);
  let world: RoomWorld;
  let alice: RoomPerson;
  let bob: RoomPerson;
  let carol: RoomPerson;
  let roomId: string;
  let a: Client;
  before(async () => {
    await resetDatabase();
    await seedDirectory();
    world = await startRoomWorld({
      ROOM_MESSAGES_PER_PERSON_PER_10S: '5',
      ROOM_MESSAGES_PER_ROOM_PER_10S: '8',
    });
    alice = await world.person(world.lyon, 'alice@lyon.example');
    bob = await world.person(world.lyon, 'bob@lyon.example');
    carol = await world.person(world.lyon, 'carol@lyon.example');
    roomId = await makeRoom('hub-like', 'peer_room', 'GREEN', 'GREEN', [alice, bob, carol]);
    a = await alice.connect();
    await a.call('room:join', { roomId });
  });
  after(() => world.close());

  it('refuses a label above the ceiling, naming the ceiling, and downgrades nothing', async () => {
    const ack = await a.call('message:send', { roomId, clientId: clientId(), body: 'Secret', label: 'RED' });
    assert.ok(!ack.ok);
    assert.equal(ack.error.code, 'invalid');
    assert.equal(ack.error.field, 'label');
    assert.match(ack.error.message, /ceiling of "hub-like" is GREEN/);
    assert.equal(await MessageModel.countDocuments({ body: 'Secret' }), 0);
  });

  it('holds bodies to 1..8000 characters after normalisation, with clear codes', async () => {
    const long = await a.call('message:send', {
      roomId,
      clientId: clientId(),
      body: 'x'.repeat(MESSAGE_MAX_CHARS + 1),
    });
    assert.ok(!long.ok && long.error.code === 'too_large' && long.error.field === 'body');
    const huge = await a.call('message:send', { roomId, clientId: clientId(), body: 'x'.repeat(500_000) });
    assert.ok(!huge.ok && huge.error.code === 'too_large');
    const empty = await a.call('message:send', { roomId, clientId: clientId(), body: '   \n ' });
    assert.ok(!empty.ok && empty.error.code === 'invalid' && empty.error.field === 'body');
    const bidi = await a.call('message:send', { roomId, clientId: clientId(), body: 'pay \u202eevil' });
    assert.ok(!bidi.ok && bidi.error.code === 'invalid');
    const lone = await a.call('message:send', { roomId, clientId: clientId(), body: 'half \ud800' });
    assert.ok(!lone.ok && lone.error.code === 'invalid');
    const exact = await a.call<MessageDelivery>('message:send', {
      roomId,
      clientId: clientId(),
      body: 'e\u0301'.repeat(MESSAGE_MAX_CHARS / 2 + 10).slice(0, MESSAGE_MAX_CHARS + 20),
    });
    assert.ok(exact.ok, 'NFC makes it short enough');
    assert.equal(exact.data.body.length, (MESSAGE_MAX_CHARS + 20) / 2);
  });

  it('survives hostile payloads: wrong types, extra keys, prototype keys, no ack, unknown events', async () => {
    const before = await MessageModel.countDocuments({});
    const bad: unknown[] = [
      null,
      'text',
      42,
      [roomId],
      { roomId: 5, clientId: clientId(), body: 'x' },
      { roomId, clientId: clientId(), body: ['x'] },
      { roomId, clientId: clientId(), body: 'x', extra: true },
      { roomId, clientId: 'short', body: 'x' },
      { roomId, clientId: `${'a'.repeat(65)}`, body: 'x' },
      { roomId: { $gt: '' }, clientId: clientId(), body: 'x' },
      JSON.parse(`{"roomId":"${roomId}","clientId":"${clientId()}","body":"x","__proto__":{"admin":true}}`),
      { roomId, clientId: clientId(), body: 'x', constructor: { prototype: { polluted: true } } },
      { roomId, clientId: clientId(), body: 'x', label: 'PURPLE' },
      { roomId, clientId: clientId(), body: 'x', threadId: '../../etc' },
    ];
    for (const payload of bad) {
      const ack = await a.call('message:send', payload);
      assert.ok(
        !ack.ok && ack.error.code === 'invalid',
        `refused ${JSON.stringify(payload)}: ${JSON.stringify(ack)}`,
      );
    }
    const noPayload = await a.call('message:send');
    assert.ok(!noPayload.ok && noPayload.error.code === 'invalid');
    // No ack function, or a non-function last argument: nothing breaks.
    a.socket.emit('message:send', { roomId, clientId: clientId(), body: 'no ack' });
    a.socket.emit('message:send', { roomId, clientId: clientId(), body: 'odd ack' }, 'not a function');
    a.socket.emit('room:join', { roomId });
    a.socket.emit('message:history', 'nonsense');
    a.socket.emit('no:such-event', { roomId }, () => undefined);
    a.socket.emit('__proto__', {});
    a.socket.emit('constructor', {});
    a.socket.emit('typing:set', { roomId, typing: 'yes' });
    a.socket.emit('reaction:add', { messageId: roomId, emoji: { toString: 'x' } });
    await settle(300);
    assert.equal(({} as Record<string, unknown>).admin, undefined);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.ok(a.socket.connected, 'the socket is still connected');
    const who = await a.call<{ personId: string }>('session:whoami');
    assert.ok(who.ok && who.data.personId === alice.personId);
    assert.equal(
      await MessageModel.countDocuments({}),
      before + 2,
      'only the two well-formed sends were stored',
    );
  });

  it('refuses flooding per person and per room with rate_limited, storing nothing more', async () => {
    const dave = await world.person(world.lyon, 'dave@lyon.example');
    const erin = await world.person(world.lyon, 'erin@lyon.example');
    const frank = await world.person(world.lyon, 'frank@lyon.example');
    const room = await makeRoom('flood', 'peer_room', 'GREEN', 'GREEN', [dave, erin, frank]);
    const d = await dave.connect();
    assert.ok((await d.call('room:join', { roomId: room })).ok);
    const answers = [];
    for (let i = 0; i < 7; i += 1)
      answers.push(await d.call('message:send', { roomId: room, clientId: clientId(), body: `d${i}` }));
    assert.deepEqual(
      answers.map((x) => (x.ok ? 'ok' : x.error.code)),
      ['ok', 'ok', 'ok', 'ok', 'ok', 'rate_limited', 'rate_limited'],
    );
    assert.match((answers[5] as { error: { message: string } }).error.message, /Try again in \d+ s/);
    // The room allows 8 in the window: Dave spent 5, Erin gets 3 more, then Frank is refused too.
    const e = await erin.connect();
    const f = await frank.connect();
    const more = [];
    for (let i = 0; i < 3; i += 1)
      more.push(await e.call('message:send', { roomId: room, clientId: clientId(), body: `e${i}` }));
    more.push(await f.call('message:send', { roomId: room, clientId: clientId(), body: 'f0' }));
    assert.deepEqual(
      more.map((x) => (x.ok ? 'ok' : x.error.code)),
      ['ok', 'ok', 'ok', 'rate_limited'],
    );
    assert.equal(await MessageModel.countDocuments({ spaceId: room }), 8);
    // A retry of a stored message is still answered with it past the limit.
    const stored = answers[0] as { ok: true; data: MessageDelivery };
    const retry = await d.call<MessageDelivery>('message:send', {
      roomId: room,
      clientId: stored.data.clientId,
      body: 'd0',
    });
    assert.ok(retry.ok && retry.data.id === stored.data.id);
  });
});
