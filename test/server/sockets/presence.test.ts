import assert from 'node:assert/strict';
import { PRESENCE_WINDOW_MS } from '../../../server/sockets/presence.js';
import { resetDatabase } from '../../support/database.js';
import { seedDirectory } from '../../support/fixtures.js';
import {
  makeRoom,
  presenceChanges,
  type PresenceUpdate,
  settle,
  startRoomWorld,
  until,
  type Client,
  type RoomPerson,
  type RoomWorld,
} from '../../support/rooms.js';

/** Every change a client was told, without the room. */
const changes = (client: Client) =>
  presenceChanges(client).map(({ personId, online }) => ({ personId, online }));

describe('presence: announcements coalesced per room', function () {
  this.timeout(60_000);
  let world: RoomWorld;
  let watcher: RoomPerson;
  let people: RoomPerson[];
  let roomId: string;
  before(async () => {
    await resetDatabase();
    await seedDirectory();
    world = await startRoomWorld();
    watcher = await world.person(world.lyon, 'watcher@lyon.example');
    people = [];
    for (let i = 0; i < 8; i++) people.push(await world.person(world.lyon, `joiner${i}@lyon.example`));
    roomId = await makeRoom('presence', 'peer_room', 'AMBER', 'GREEN', [watcher, ...people]);
  });
  after(() => world.close());

  it('tells the room of many joins and leaves in few events, each person latest state last, none lost', async () => {
    const w = await watcher.connect();
    assert.ok((await w.call('room:join', { roomId })).ok);
    const clients = await Promise.all(people.map((p) => p.connect()));
    const joins = await Promise.all(clients.map((c) => c.call('room:join', { roomId })));
    for (const joined of joins) assert.ok(joined.ok);
    const everyone = people.map((p) => p.personId).sort();
    const latest = () => {
      const state = new Map<string, boolean>();
      for (const change of changes(w)) state.set(change.personId, change.online);
      return state;
    };
    await until(() => everyone.every((id) => latest().get(id) === true), 3000 + 2 * PRESENCE_WINDOW_MS);
    const events = (w.seen['presence:updated'] ?? []) as PresenceUpdate[];
    assert.ok(events.length < people.length, `coalesced: ${events.length} events for ${people.length} joins`);
    for (const event of events) assert.equal(event.roomId, roomId);
    assert.ok(!changes(w).some((c) => c.personId === watcher.personId), 'nobody is told of the watcher');

    // Half leave, half disconnect: every one of them ends away.
    const before = events.length;
    await Promise.all(clients.slice(0, 4).map((c) => c.call('room:leave', { roomId })));
    for (const c of clients.slice(4)) c.close();
    await until(() => everyone.every((id) => latest().get(id) === false), 3000 + 2 * PRESENCE_WINDOW_MS);
    await settle(2 * PRESENCE_WINDOW_MS);
    assert.ok((w.seen['presence:updated']?.length ?? 0) - before < people.length, 'leaves coalesced too');
    assert.ok(
      everyone.every((id) => latest().get(id) === false),
      'nobody comes back online afterwards',
    );
  });

  it('sends a lone change at once, in the single-change shape, not to the person it is about', async () => {
    await settle(2 * PRESENCE_WINDOW_MS);
    const w = await watcher.connect();
    assert.ok((await w.call('room:join', { roomId })).ok);
    await settle(2 * PRESENCE_WINDOW_MS);
    const [first] = people;
    assert.ok(first);
    const c = await first.connect();
    const count = w.seen['presence:updated']?.length ?? 0;
    assert.ok((await c.call('room:join', { roomId })).ok);
    await until(() => (w.seen['presence:updated']?.length ?? 0) > count);
    assert.deepEqual(w.seen['presence:updated']?.at(-1), { roomId, personId: first.personId, online: true });
    await settle(2 * PRESENCE_WINDOW_MS);
    assert.equal(c.seen['presence:updated'], undefined, 'not told of themselves');
  });
});
