/**
 * Hostile payloads against every client socket event, generically from CLIENT_EVENT_SCHEMAS
 * (shared/schemas/socketEvents.ts): an event added tomorrow gets the same tests. Each must answer
 * `{ ok: false, error: { code: 'invalid' } }` to non-objects, unknown fields, `$` keys and wrong types,
 * storing nothing; a payload over the transport's size limit ends that socket, not the server. Real
 * server, database and sockets.
 */
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { z } from 'zod';
import { CLIENT_EVENT_SCHEMAS } from '../../../shared/schemas/socketEvents.js';
import { resetDatabase } from '../../support/database.js';
import { seedDirectory } from '../../support/fixtures.js';
import { settle, startRoomWorld, type Client, type RoomPerson, type RoomWorld } from '../../support/rooms.js';

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
}

/** Counts every document in every collection, to prove a refused event stored nothing. */
async function snapshot(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, model] of Object.entries(mongoose.models)) {
    if (name === 'AuditEntry' || name === 'AuditOutbox') continue;
    counts[name] = await model.countDocuments({});
  }
  return counts;
}

/** A value of the wrong JSON type for a property. */
function wrongType(schema: JsonSchema): unknown {
  const types = ([] as string[]).concat(schema.type ?? []);
  if (types.includes('string')) return 12345;
  if (types.includes('number') || types.includes('integer')) return 'not a number';
  if (types.includes('boolean')) return 'not a boolean';
  if (types.includes('array')) return { not: 'an array' };
  return [];
}

const EVENTS = Object.entries(CLIENT_EVENT_SCHEMAS) as [string, z.ZodType][];

describe('hostile payloads, every client socket event', function () {
  this.timeout(120_000);
  let world: RoomWorld;
  let alice: RoomPerson;
  let a: Client;
  before(async () => {
    await resetDatabase();
    await seedDirectory();
    world = await startRoomWorld();
    alice = await world.person(world.lyon, 'alice@lyon.example');
    a = await alice.connect();
  });
  after(() => world.close());

  it('covers every event of CLIENT_EVENT_SCHEMAS', () => {
    assert.ok(EVENTS.length >= 10);
  });

  for (const [event, schema] of EVENTS) {
    it(`${event}: refuses non-objects, unknown fields, $ keys and wrong types as invalid, storing nothing`, async () => {
      const properties =
        (z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema).properties ?? {};
      const payloads: unknown[] = [
        null,
        'text',
        42,
        [],
        { zzUnknown: 1 },
        { $where: 'sleep(1000)' },
        JSON.parse('{"__proto__":{"admin":true}}'),
        ...Object.keys(properties).map((key) => ({ [key]: { $gt: '' } })),
        ...Object.entries(properties).map(([key, property]) => ({ [key]: wrongType(property) })),
      ];
      const before = await snapshot();
      for (const payload of payloads) {
        const ack = await a.call(event, payload);
        assert.ok(!ack.ok, `${event} refused ${JSON.stringify(payload)}`);
        assert.equal(
          ack.error.code,
          'invalid',
          `${event} ${JSON.stringify(payload)}: ${JSON.stringify(ack)}`,
        );
        assert.equal(typeof ack.error.message, 'string');
      }
      const none = await a.call(event);
      assert.ok(!none.ok && none.error.code === 'invalid');
      assert.deepEqual(await snapshot(), before);
      assert.equal(({} as Record<string, unknown>).admin, undefined);
      assert.ok(a.socket.connected);
    });
  }

  it('ends a socket that sends more than the transport takes, and the server goes on', async () => {
    const before = await snapshot();
    const big = await alice.connect();
    const closed = new Promise<string>((resolve) => big.socket.once('disconnect', resolve));
    big.socket.emit('message:send', {
      roomId: '0'.repeat(24),
      clientId: 'x'.repeat(20),
      body: 'x'.repeat(2_000_000),
    });
    assert.equal(await closed, 'transport close');
    await settle(100);
    assert.deepEqual(await snapshot(), before);
    const again = await alice.connect();
    const ack = await again.call('room:leave', { roomId: 5 });
    assert.ok(!ack.ok && ack.error.code === 'invalid');
  });
});
