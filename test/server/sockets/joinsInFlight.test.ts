/**
 * A client's repeated ask for the same `room:join` (its answer was late, shared/joinRetry.ts) shares
 * the answer being worked out instead of doing the work again, and work nobody has asked for within
 * the client's time-out may be shed (server/sockets/joinsInFlight.ts).
 */
import assert from 'node:assert/strict';
import { AuditEntryModel } from '../../../server/models/AuditEntry.js';
import { forgetJoins, shareJoin } from '../../../server/sockets/joinsInFlight.js';
import type { RealtimeSocket } from '../../../server/sockets/types.js';
import { clientId, makeRoom, startFreshRoomWorld, type RoomWorld } from '../../support/rooms.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('sockets: one join in flight per socket, room and last seen message', function () {
  this.timeout(60_000);

  it('shares the running answer with a repeated ask, and says when nobody waits any more', async () => {
    const socket = {} as RealtimeSocket;
    let release: (value: string) => void = () => undefined;
    let runs = 0;
    let wanted: () => boolean = () => false;
    const work = (stillWanted: () => boolean) => {
      runs += 1;
      wanted = stillWanted;
      return new Promise<string>((resolve) => (release = resolve));
    };
    const first = shareJoin(socket, 'room-a:', work, 1000);
    const again = shareJoin(socket, 'room-a:', work, 1000);
    const otherRoom = shareJoin(socket, 'room-b:', () => Promise.resolve('b'), 1000);
    await new Promise((resolve) => setImmediate(resolve)); // the work starts on the next tick
    assert.equal(runs, 1, 'the repeated ask started nothing');
    assert.equal(await otherRoom, 'b');
    assert.equal(wanted(), true);
    await sleep(1100);
    assert.equal(wanted(), false, 'no ask within the time-out: the work may stop');
    void shareJoin(socket, 'room-a:', work, 1000);
    assert.equal(wanted(), true, 'a new ask renews it');
    assert.equal(runs, 1);
    release('answer');
    assert.deepEqual(await Promise.all([first, again]), ['answer', 'answer']);
    // Once answered, the next ask is worked out afresh.
    const later = shareJoin(socket, 'room-a:', work, 1000);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(runs, 2);
    release('fresh');
    assert.equal(await later, 'fresh');
  });

  it('works a join out afresh once the room was left, instead of answering with the undone one', async () => {
    const socket = {} as RealtimeSocket;
    let runs = 0;
    const releases: ((value: number) => void)[] = [];
    const work = () => {
      runs += 1;
      return new Promise<number>((resolve) => releases.push(resolve));
    };
    const before = shareJoin(socket, 'room-a:', work, 1000);
    await new Promise((resolve) => setImmediate(resolve));
    forgetJoins(socket, 'room-a');
    const after = shareJoin(socket, 'room-a:', work, 1000);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(runs, 2, 'the ask after the leave started its own work');
    releases[0]?.(1);
    releases[1]?.(2);
    assert.deepEqual(await Promise.all([before, after]), [1, 2]);
  });

  describe('over a real socket', () => {
    let world: RoomWorld;
    before(async () => {
      world = await startFreshRoomWorld();
    });
    after(() => world.close());

    it('answers two asks of the same join with one piece of work (one audited view, not two)', async () => {
      const reader = await world.person(world.lyon, 'inflight-reader@lyon.example');
      const writer = await world.person(world.lyon, 'inflight-writer@lyon.example');
      const roomId = await makeRoom('inflight-room', 'peer_room', 'RED', 'AMBER+STRICT', [reader, writer]);
      const writing = await writer.connect();
      assert.equal((await writing.call('room:join', { roomId })).ok, true);
      const sent = await writing.call<{ id: string; label: string }>('message:send', {
        roomId,
        clientId: clientId(),
        body: 'strictly inside',
      });
      assert.ok(sent.ok && sent.data.label === 'AMBER+STRICT', JSON.stringify(sent));
      const views = () =>
        AuditEntryModel.countDocuments({
          action: 'content.viewed',
          'target.id': sent.data.id,
          'details.channel': 'socket.missed',
        });

      const reading = await reader.connect();
      const payload = { roomId, lastSeenId: '000000000000000000000000' };
      const answers = await Promise.all([
        reading.call<{ missed: { id: string }[] }>('room:join', payload),
        reading.call<{ missed: { id: string }[] }>('room:join', payload),
      ]);
      for (const answer of answers) {
        assert.ok(answer.ok, JSON.stringify(answer));
        assert.deepEqual(
          answer.data.missed.map((m) => m.id),
          [sent.data.id],
        );
      }
      assert.equal(await views(), 1);
      // Asked again once answered, the join is worked out (and its view audited) again.
      assert.ok((await reading.call('room:join', payload)).ok);
      assert.equal(await views(), 2);
    });
  });
});
