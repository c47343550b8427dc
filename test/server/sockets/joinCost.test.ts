/**
 * What a handshake and a `room:join` cost in database round trips, counted (never timed) with
 * commandsDuring (test/support/commandLog.ts): a handshake
 * of a known person reads the session only, a join reads the room only. A permission change still
 * takes effect at the very next join.
 */
import assert from 'node:assert/strict';
import { PersonModel } from '../../../server/models/Person.js';
import { SpaceMembershipModel } from '../../../server/models/SpaceMembership.js';
import { loadSharingContext } from '../../../server/policy/loadSharingContext.js';
import { loadActivePersonActors } from '../../../server/policy/personActor.js';
import { loadSharingBatch } from '../../../server/policy/loadSharingBatch.js';
import { setPersonRoles } from '../../../server/services/people/setPersonRoles.js';
import { removeSpaceMember } from '../../../server/services/spaces/removeSpaceMember.js';
import { configureSharingCache, sharingCacheSize } from '../../../server/services/rooms/sharingCache.js';
import { commandsDuring } from '../../support/commandLog.js';
import { resetDatabase } from '../../support/database.js';
import { OPERATOR, seedDirectory } from '../../support/fixtures.js';
import { seedSharing } from '../../support/sharingFixtures.js';
import { makeRoom, startRoomWorld, type RoomWorld } from '../../support/rooms.js';

describe('sockets: a handshake and a room:join cost at most one database round trip', function () {
  this.timeout(60_000);
  let world: RoomWorld;
  before(async () => {
    await resetDatabase();
    await seedDirectory();
    configureSharingCache();
    world = await startRoomWorld();
  });
  after(async () => {
    await world.close();
    configureSharingCache();
  });

  it('reads only the session at a known person’s handshake, and only the room at a join', async () => {
    const member = await world.person(world.lyon, 'cost-member@lyon.example');
    const roomId = await makeRoom('cost-room', 'peer_room', 'RED', 'GREEN', [member]);
    // The first socket and join of the person load their actor and context (a miss).
    const first = await member.connect();
    assert.equal((await first.call('room:join', { roomId })).ok, true);

    const handshake = await commandsDuring(() => member.connect());
    assert.deepEqual(handshake.commands, ['sessions.findOne'], `handshake: ${handshake.commands.join(', ')}`);

    const join = await commandsDuring(() => handshake.result.call('room:join', { roomId }));
    assert.equal(join.result.ok, true, JSON.stringify(join.result));
    assert.deepEqual(join.commands, ['spaces.find'], `join: ${join.commands.join(', ')}`);

    const sent = await handshake.result.call('message:send', {
      roomId,
      clientId: crypto.randomUUID(),
      body: 'missed',
    });
    assert.ok(sent.ok);
    const rejoin = await commandsDuring(() =>
      first.call('room:join', { roomId, lastSeenId: '000000000000000000000000' }),
    );
    // A rejoin with missed messages reads the room once, then the page (what members may read), the
    // RED audiences of the same messages (ids only) and the page's reactions.
    assert.equal(rejoin.commands.filter((c) => c.startsWith('spaces.')).length, 1, rejoin.commands.join());
    assert.ok(rejoin.commands.length <= 4, `rejoin: ${rejoin.commands.join(', ')}`);
  });

  it('a membership removal and a role change are seen at the next join, cache or not', async () => {
    const mayor = await world.person(world.lyon, 'cost-mayor@lyon.example', ['mayors']);
    const leaders = await makeRoom('cost-leaders', 'peer_room', 'RED', 'GREEN', [mayor], {
      leadersOnly: true,
    });
    const plain = await makeRoom('cost-plain', 'peer_room', 'RED', 'GREEN', [mayor]);
    const socket = await mayor.connect();
    assert.equal((await socket.call('room:join', { roomId: leaders })).ok, true);
    assert.equal((await socket.call('room:join', { roomId: plain })).ok, true);
    assert.ok(sharingCacheSize() > 0);

    await removeSpaceMember(OPERATOR, 'cost-plain', mayor.personId);
    const afterRemoval = await socket.call('room:join', { roomId: plain });
    assert.equal(afterRemoval.ok, false);

    // No longer a mayor: the leaders-only room refuses at once.
    await setPersonRoles(OPERATOR, mayor.personId, ['practitioner']);
    const again = await mayor.connect();
    const refused = await again.call('room:join', { roomId: leaders });
    assert.equal(refused.ok, false);
  });

  it('a membership made without an event is granted at once (a refusal is decided afresh)', async () => {
    const late = await world.person(world.lyon, 'cost-late@lyon.example');
    const socket = await late.connect();
    const roomId = await makeRoom('cost-late-room', 'peer_room', 'RED', 'GREEN');
    const before = await socket.call('room:join', { roomId });
    assert.equal(before.ok, false);
    await SpaceMembershipModel.create({
      spaceId: roomId,
      personId: late.personId,
      role: 'member',
      joinedAt: new Date(),
      leftAt: null,
    });
    const after = await socket.call<{ room: { role: string } }>('room:join', { roomId });
    assert.ok(after.ok, JSON.stringify(after));
    assert.equal(after.data.room.role, 'member');
  });

  it('is bounded: the least recently used people go first', async () => {
    configureSharingCache({ maxEntries: 2 });
    try {
      const people = await Promise.all(
        ['cost-a', 'cost-b', 'cost-c'].map((n) => world.person(world.lyon, `${n}@lyon.example`)),
      );
      for (const p of people) await p.connect();
      assert.equal(sharingCacheSize(), 2);
    } finally {
      configureSharingCache();
    }
  });
});

describe('sockets: the contexts of many people read together agree with one read each', function () {
  this.timeout(60_000);
  before(async () => {
    await resetDatabase();
    await seedSharing();
  });

  it('gives every active person of the sharing world, loaded together, the context they get loaded alone', async () => {
    const ids = (await PersonModel.find({}, { _id: 1 }).lean()).map((p) => String(p._id));
    const actors = await loadActivePersonActors(ids);
    assert.ok(actors.length >= 10);
    const batch = await loadSharingBatch(actors);
    const sorted = (list: string[]) => [...list].sort();
    for (const actor of actors) {
      const one = await loadSharingContext(actor);
      const many = batch.get(actor.id);
      assert.ok(many, actor.name);
      for (const key of ['cityId', 'cityHubId'] as const)
        assert.equal(many.ctx[key], one[key], `${actor.name} ${key}`);
      for (const key of ['explicitSpaceIds', 'managedSpaceIds', 'coordinatedHubIds', 'spaceIds'] as const)
        assert.deepEqual(sorted(many.ctx[key]), sorted(one[key]), `${actor.name} ${key}`);
      const memberships = await SpaceMembershipModel.find({ personId: actor.id, leftAt: null }).lean();
      assert.deepEqual(
        [...many.roles].sort(),
        memberships.map((m) => [String(m.spaceId), m.role]).sort(),
        `${actor.name} roles`,
      );
    }
  });
});
