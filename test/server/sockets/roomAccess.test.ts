import assert from 'node:assert/strict';
import request from 'supertest';
import type { MessageDelivery, MessagePage } from '../../../shared/events.js';
import { AuditEntryModel } from '../../../server/models/AuditEntry.js';
import { changeCityStatus } from '../../../server/services/cities/changeCityStatus.js';
import { setPersonRoles } from '../../../server/services/people/setPersonRoles.js';
import { addSpaceMember } from '../../../server/services/spaces/addSpaceMember.js';
import { removeSpaceMember } from '../../../server/services/spaces/removeSpaceMember.js';
import { OPERATOR } from '../../support/fixtures.js';
import {
  clientId,
  makeRoom,
  settle,
  startFreshRoomWorld,
  until,
  type Client,
  type RoomWorld,
} from '../../support/rooms.js';

type Joined = { room: { id: string; leadersOnly: boolean }; missed: MessageDelivery[]; more: boolean };

function ids(list: unknown[] | undefined): string[] {
  return (list ?? []).map((m) => (m as { id: string }).id);
}

async function send(client: Client, roomId: string, body: string, label?: string): Promise<MessageDelivery> {
  const ack = await client.call<MessageDelivery>('message:send', {
    roomId,
    clientId: clientId(),
    body,
    ...(label ? { label } : {}),
  });
  assert.ok(ack.ok, JSON.stringify(ack));
  return ack.data;
}

describe('rooms over sockets: who takes part, and permission changes at once', function () {
  this.timeout(60_000);
  let world: RoomWorld;
  before(async () => {
    world = await startFreshRoomWorld();
  });
  after(() => world.close());

  it('a leaders-only peer room admits mayors and refuses a non-leader (join, send, history)', async () => {
    const mayor = await world.person(world.lyon, 'mayor@lyon.example', ['mayors']);
    const staff = await world.person(world.lyon, 'staff@lyon.example');
    const roomId = await makeRoom('mayors-room', 'peer_room', 'RED', 'RED', [mayor], {
      leadersOnly: true,
      chathamHouse: true,
    });
    await assert.rejects(
      addSpaceMember(OPERATOR, 'mayors-room', { person: staff.personId, role: 'member' }),
      /mayors and city leaders only/,
    );
    const m = await mayor.connect();
    const s = await staff.connect();
    const joined = await m.call<Joined>('room:join', { roomId });
    assert.ok(joined.ok);
    assert.equal(joined.data.room.leadersOnly, true);
    const refused = await s.call('room:join', { roomId });
    assert.equal(refused.ok, false);
    assert.ok(!refused.ok && ['not_found', 'forbidden'].includes(refused.error.code));
    const sent = await s.call('message:send', { roomId, clientId: clientId(), body: 'Let me in' });
    assert.ok(!sent.ok && ['not_found', 'forbidden'].includes(sent.error.code));
    const history = await s.call('message:history', { roomId });
    assert.equal(history.ok, false);
    await request(world.server.app)
      .get(`/api/v1/rooms/${roomId}/messages`)
      .set('Cookie', staff.cookie)
      .expect(404);
    // Inside the Chatham House room, members see who said what.
    const said = await send(m, roomId, 'Between us');
    assert.deepEqual(said.author, { id: mayor.personId, name: mayor.name });
    await settle(100);
    assert.equal(s.seen['message:created'], undefined);
  });

  it('a mayor who loses the leader role leaves the leaders-only room at once', async () => {
    const mayor = await world.person(world.amman, 'mayor@amman.example', ['mayors']);
    const other = await world.person(world.lyon, 'mayor2@lyon.example', ['mayors']);
    const roomId = await makeRoom('mayors-two', 'peer_room', 'RED', 'GREEN', [mayor, other], {
      leadersOnly: true,
    });
    const m = await mayor.connect();
    const o = await other.connect();
    assert.ok((await m.call('room:join', { roomId })).ok);
    assert.ok((await o.call('room:join', { roomId })).ok);
    await setPersonRoles(OPERATOR, mayor.personId, ['practitioner']);
    await until(() => (m.seen['room:removed']?.length ?? 0) === 1, 1000);
    assert.deepEqual(m.seen['room:removed']?.[0], { roomId });
    await send(o, roomId, 'Only leaders now');
    await until(() => (o.seen['message:created']?.length ?? 0) === 1);
    await settle(150);
    assert.equal(m.seen['message:created'], undefined);
    const refused = await m.call('message:send', { roomId, clientId: clientId(), body: 'still here?' });
    assert.equal(refused.ok, false);
  });

  it('someone removed from the room stops receiving at once and gets room:removed', async () => {
    const alice = await world.person(world.lyon, 'alice@lyon.example');
    const bob = await world.person(world.amman, 'bob@amman.example');
    const roomId = await makeRoom('removal', 'peer_room', 'AMBER', 'GREEN', [alice, bob]);
    const a = await alice.connect();
    const b = await bob.connect();
    await a.call('room:join', { roomId });
    await b.call('room:join', { roomId });
    await send(a, roomId, 'Before removal');
    await until(() => (b.seen['message:created']?.length ?? 0) === 1);
    await removeSpaceMember(OPERATOR, 'removal', bob.personId);
    await until(() => (b.seen['room:removed']?.length ?? 0) === 1, 1000);
    await send(a, roomId, 'After removal');
    await settle(150);
    assert.equal(b.seen['message:created']?.length, 1);
    const typing = await b.call('typing:set', { roomId, typing: true });
    assert.equal(typing.ok, false);
    const rejoin = await b.call('room:join', { roomId });
    assert.equal(rejoin.ok, false);
  });

  it('a RED message never reaches someone who joined after it was sent: live, history, rejoin', async () => {
    const alice = await world.person(world.lyon, 'red-a@lyon.example');
    const bob = await world.person(world.lyon, 'red-b@lyon.example');
    const carol = await world.person(world.amman, 'red-c@amman.example');
    const roomId = await makeRoom('red-room', 'peer_room', 'RED', 'GREEN', [alice, bob]);
    const a = await alice.connect();
    const b = await bob.connect();
    await a.call('room:join', { roomId });
    await b.call('room:join', { roomId });
    const green = await send(a, roomId, 'Agenda');
    const red = await send(a, roomId, 'The names', 'RED');
    await until(() => ids(b.seen['message:created']).includes(red.id));

    await addSpaceMember(OPERATOR, 'red-room', { person: carol.personId, role: 'member' });
    const c = await carol.connect();
    const joined = await c.call<Joined>('room:join', { roomId, lastSeenId: green.id });
    assert.ok(joined.ok);
    assert.deepEqual(ids(joined.data.missed), []);
    const history = await c.call<MessagePage>('message:history', { roomId });
    assert.ok(history.ok);
    assert.deepEqual(ids(history.data.items), [green.id]);
    const rest = await request(world.server.app)
      .get(`/api/v1/rooms/${roomId}/messages`)
      .set('Cookie', carol.cookie)
      .expect(200);
    assert.deepEqual(ids(rest.body.items), [green.id]);

    // Live: an edit of the old RED message reaches its audience only; a new RED one reaches Carol.
    const edited = await a.call('message:edit', { messageId: red.id, body: 'The names (corrected)' });
    assert.ok(edited.ok);
    await until(() => ids(b.seen['message:updated']).includes(red.id));
    const reaction = await b.call('reaction:add', { messageId: red.id, emoji: '👍' });
    assert.ok(reaction.ok);
    await until(() => (a.seen['reaction:updated']?.length ?? 0) === 1);
    const cReact = await c.call('reaction:add', { messageId: red.id, emoji: '👍' });
    assert.ok(!cReact.ok && cReact.error.code === 'not_found');
    const fresh = await send(a, roomId, 'Now with Carol', 'RED');
    await until(() => ids(c.seen['message:created']).includes(fresh.id));
    await settle(150);
    assert.ok(!ids(c.seen['message:created']).includes(red.id));
    assert.equal(c.seen['message:updated'], undefined);
    assert.equal(c.seen['reaction:updated'], undefined);

    // Rejoin after reconnecting: still nothing of the old RED message.
    c.close();
    const again = await carol.connect();
    const rejoined = await again.call<Joined>('room:join', { roomId, lastSeenId: green.id });
    assert.ok(rejoined.ok);
    assert.deepEqual(ids(rejoined.data.missed), [fresh.id]);

    // Deliveries of RED are audited per message, naming who received them.
    await settle(100);
    const audit = await AuditEntryModel.find({ action: 'content.delivered', 'target.id': fresh.id }).lean();
    assert.equal(audit.length, 1);
    const recipients = (audit[0]?.details as { recipients: string[] }).recipients;
    assert.deepEqual([...recipients].sort(), [alice.personId, bob.personId, carol.personId].sort());
  });

  it("a hub's room is open to its cities' people, and closes at once when their city is suspended", async () => {
    const lyonite = await world.person(world.lyon, 'hub-l@lyon.example');
    const ammani = await world.person(world.amman, 'hub-a@amman.example');
    const roomId = await makeRoom('europe-room', 'hub', 'GREEN', 'GREEN', [], { hub: 'europe' });
    const l = await lyonite.connect();
    const x = await ammani.connect();
    assert.ok((await l.call('room:join', { roomId })).ok);
    const refused = await x.call('room:join', { roomId });
    assert.ok(!refused.ok && refused.error.code === 'not_found');
    await changeCityStatus(OPERATOR, 'lyon', { status: 'suspended', reason: 'Test suspension' });
    await until(() => (l.seen['room:removed']?.length ?? 0) === 1, 1000);
    assert.deepEqual(l.seen['room:removed']?.[0], { roomId });
  });
});
