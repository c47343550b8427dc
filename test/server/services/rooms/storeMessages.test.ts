import assert from 'node:assert/strict';
import mongoose, { Types } from 'mongoose';
import type { Ack, MessageDelivery } from '../../../../shared/events.js';
import { MessageModel } from '../../../../server/models/Message.js';
import { storeMessage, type StoreOutcome } from '../../../../server/services/rooms/storeMessages.js';
import { resetDatabase } from '../../../support/database.js';
import { seedDirectory } from '../../../support/fixtures.js';
import {
  clientId,
  makeRoom,
  startRoomWorld,
  type Client,
  type RoomPerson,
  type RoomWorld,
} from '../../../support/rooms.js';

/** Counts the inserts Mongoose sends to the messages collection while `work` runs. */
async function countingInserts<T>(work: () => Promise<T>): Promise<{ result: T; inserts: number[] }> {
  const inserts: number[] = [];
  mongoose.set('debug', (collection: string, method: string, ...args: unknown[]) => {
    if (collection === 'messages' && method === 'insertMany')
      inserts.push(Array.isArray(args[0]) ? args[0].length : 1);
    if (collection === 'messages' && method === 'insertOne') inserts.push(1);
  });
  try {
    return { result: await work(), inserts };
  } finally {
    mongoose.set('debug', false);
  }
}

describe('group commit of room messages (storeMessage)', function () {
  this.timeout(60_000);
  const authorId = new Types.ObjectId();
  const spaceId = new Types.ObjectId();
  const message = (id: string) =>
    new MessageModel({
      spaceId,
      label: 'GREEN',
      authorId,
      authorName: 'Author',
      state: 'visible',
      clientId: id,
      body: `body ${id}`,
      html: `<p>body ${id}</p>`,
    });
  before(() => resetDatabase());

  it('stores a batch unordered: duplicates within the batch and across batches are named, the rest stored', async () => {
    const earlier = await storeMessage(message('earlier'));
    assert.ok('stored' in earlier);
    const { result, inserts } = await countingInserts(() =>
      Promise.all<StoreOutcome>([
        // Sent together: grouped while an insert is on its way.
        storeMessage(message('first')),
        storeMessage(message('twice')),
        storeMessage(message('twice')),
        storeMessage(message('first')),
        storeMessage(message('earlier')),
        storeMessage(message('last')),
      ]),
    );
    assert.equal(
      inserts.reduce((a, b) => a + b, 0),
      6,
    );
    assert.ok(inserts.length <= 2, `grouped: ${JSON.stringify(inserts)}`);
    assert.deepEqual(
      result.map((o) => ('stored' in o ? o.stored.clientId : 'duplicate')),
      ['first', 'twice', 'duplicate', 'duplicate', 'duplicate', 'last'],
    );
    const stored = await MessageModel.find({ authorId }, { clientId: 1 }).lean();
    assert.deepEqual(stored.map((m) => m.clientId).sort(), ['earlier', 'first', 'last', 'twice']);
    for (const outcome of result)
      if ('stored' in outcome) {
        const row = await MessageModel.findById(outcome.stored._id).lean();
        assert.equal(row?.body, outcome.stored.body, 'the answer is the stored document');
        assert.ok(outcome.stored.createdAt instanceof Date, 'timestamps are set as create() sets them');
      }
  });

  it('fails only the send whose document is invalid or refused by the database for another reason', async () => {
    const taken = await storeMessage(message('owner'));
    assert.ok('stored' in taken);
    // The same _id as a stored message: the database refuses this one document (a duplicate key,
    // answered as such, storing nothing); a document failing validation inside the batch fails alone.
    const clash = message('clash-a');
    clash._id = taken.stored._id;
    const invalid = message('invalid');
    invalid.set('label', 'PURPLE');
    const outcomes = await Promise.allSettled([
      storeMessage(message('lead')),
      storeMessage(clash),
      storeMessage(invalid),
      storeMessage(message('tail')),
    ]);
    assert.equal(outcomes[0].status, 'fulfilled');
    assert.deepEqual(outcomes[1], { status: 'fulfilled', value: { duplicate: true } });
    assert.equal(outcomes[2].status, 'rejected');
    assert.match(String((outcomes[2] as PromiseRejectedResult).reason), /label/);
    assert.equal(outcomes[3].status, 'fulfilled');
    const stored = await MessageModel.find({
      authorId,
      clientId: { $in: ['lead', 'clash-a', 'invalid', 'tail'] },
    })
      .lean()
      .then((rows) => rows.map((r) => r.clientId).sort());
    assert.deepEqual(stored, ['lead', 'tail']);
  });
});

describe('group commit over sockets: many senders, retries, bad sends in the middle', function () {
  this.timeout(90_000);
  let world: RoomWorld;
  let people: RoomPerson[];
  let roomId: string;
  before(async () => {
    await resetDatabase();
    await seedDirectory();
    world = await startRoomWorld({
      ROOM_MESSAGES_PER_PERSON_PER_10S: '1000',
      ROOM_MESSAGES_PER_ROOM_PER_10S: '10000',
    });
    people = [];
    for (const name of ['alice', 'bob', 'carol'])
      people.push(await world.person(world.lyon, `${name}@lyon.example`));
    roomId = await makeRoom('burst', 'peer_room', 'AMBER', 'GREEN', people);
  });
  after(() => world.close());

  /**
   * Emits a send; in the ack handler itself, looks the message up in the database (the ack must come
   * only once it is stored).
   */
  function send(
    client: Client,
    payload: object | undefined,
  ): Promise<{ ack: Ack<MessageDelivery>; inDatabase: boolean }> {
    return new Promise((resolve, reject) => {
      client.socket
        .timeout(20_000)
        .emit('message:send', payload, (error: Error | null, ack: Ack<MessageDelivery>) => {
          if (error) return reject(error);
          if (!ack.ok) return resolve({ ack, inDatabase: false });
          MessageModel.exists({ _id: ack.data.id })
            .then((found) => resolve({ ack, inDatabase: found !== null }))
            .catch(reject);
        });
    });
  }

  async function joined(person: RoomPerson): Promise<Client> {
    const client = await person.connect();
    assert.ok((await client.call('room:join', { roomId })).ok);
    return client;
  }

  it('acks every one of many concurrent sends from several people, each stored exactly once, in fewer inserts', async () => {
    const clients = await Promise.all(people.map(joined));
    const sends = clients.flatMap((client, who) =>
      Array.from({ length: 12 }, (_, i) => ({ client, clientId: clientId(), body: `burst ${who}-${i}` })),
    );
    const { result, inserts } = await countingInserts(() =>
      Promise.all(sends.map((s) => send(s.client, { roomId, clientId: s.clientId, body: s.body }))),
    );
    for (const { ack, inDatabase } of result) {
      assert.ok(ack.ok, JSON.stringify(ack));
      assert.ok(inDatabase, 'stored when acknowledged');
    }
    const stored = await MessageModel.find({ clientId: { $in: sends.map((s) => s.clientId) } }).lean();
    assert.equal(stored.length, sends.length);
    assert.deepEqual(stored.map((m) => m.body).sort(), sends.map((s) => s.body).sort());
    assert.equal(new Set(result.map((r) => r.ack.ok && r.ack.data.id)).size, sends.length);
    assert.equal(
      inserts.reduce((a, b) => a + b, 0),
      sends.length,
    );
    assert.ok(inserts.length < sends.length, `grouped: ${JSON.stringify(inserts)}`);
  });

  it('stores a clientId retried concurrently once, inside one batch and across batches, answering one id', async () => {
    const [alice, bob] = await Promise.all(people.slice(0, 2).map(joined));
    const racing = clientId();
    const payload = { roomId, clientId: racing, body: 'Retried' };
    const filler = () => send(bob as Client, { roomId, clientId: clientId(), body: 'filler' });
    const { result, inserts } = await countingInserts(async () => {
      const first = [filler(), ...Array.from({ length: 4 }, () => send(alice as Client, payload)), filler()];
      const again = send(alice as Client, payload);
      const answers = await Promise.all([...first, again]);
      // And once more after it was stored (a later batch).
      return [...answers, await send(alice as Client, payload)];
    });
    const mine = result.filter((r) => r.ack.ok && r.ack.data.clientId === racing);
    assert.equal(mine.length, 6);
    const ids = new Set(mine.map((r) => (r.ack.ok ? r.ack.data.id : '')));
    assert.equal(ids.size, 1, JSON.stringify(mine));
    for (const r of mine) assert.ok(r.inDatabase);
    assert.equal(await MessageModel.countDocuments({ clientId: racing }), 1);
    assert.ok(
      inserts.some((size) => size > 1),
      `some sends were grouped: ${JSON.stringify(inserts)}`,
    );
  });

  it('answers a send refused by validation or the ceiling with its own error; the others in the burst are stored', async () => {
    const [alice, bob] = await Promise.all(people.slice(0, 2).map(joined));
    const good = Array.from({ length: 6 }, (_, i) => ({ roomId, clientId: clientId(), body: `good ${i}` }));
    const tooLong = { roomId, clientId: clientId(), body: 'x'.repeat(40_000) };
    const aboveCeiling = { roomId, clientId: clientId(), body: 'secret', label: 'RED' };
    const notAThread = {
      roomId,
      clientId: clientId(),
      body: 'reply',
      threadId: new Types.ObjectId().toString(),
    };
    const answers = await Promise.all([
      send(alice as Client, good[0]),
      send(bob as Client, good[1]),
      send(alice as Client, tooLong),
      send(bob as Client, good[2]),
      send(alice as Client, aboveCeiling),
      send(bob as Client, good[3]),
      send(alice as Client, notAThread),
      send(bob as Client, good[4]),
      send(alice as Client, good[5]),
    ]);
    const codes = answers.map((a) => (a.ack.ok ? 'ok' : a.ack.error.code));
    assert.deepEqual(codes, ['ok', 'ok', 'too_large', 'ok', 'invalid', 'ok', 'invalid', 'ok', 'ok']);
    const refused = answers[4]?.ack;
    assert.ok(refused && !refused.ok && /AMBER/.test(refused.error.message), JSON.stringify(refused));
    assert.equal(
      await MessageModel.countDocuments({ clientId: { $in: good.map((g) => g.clientId) } }),
      good.length,
    );
    assert.equal(
      await MessageModel.countDocuments({
        clientId: { $in: [tooLong.clientId, aboveCeiling.clientId, notAThread.clientId] },
      }),
      0,
    );
  });
});
