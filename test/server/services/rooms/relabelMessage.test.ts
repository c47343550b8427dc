/**
 * POST /messages/{message}/relabel: the rules of posts for room messages (who may, justification,
 * ceiling, RED audience snapshot, audit, the author told), and open clients following at once: those
 * who may now read it get it, those who may no longer read it lose it. Real server, SAML sessions,
 * real sockets, real database.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import type { MessageDelivery } from '../../../../shared/events.js';
import { AuditEntryModel } from '../../../../server/models/AuditEntry.js';
import { MessageModel } from '../../../../server/models/Message.js';
import { NotificationModel } from '../../../../server/models/Notification.js';
import { loadContent } from '../../../../server/policy/contentAccess.js';
import { emitMessageEvent } from '../../../../server/services/rooms/messageEvents.js';
import { addSpaceMember } from '../../../../server/services/spaces/addSpaceMember.js';
import { resetDatabase } from '../../../support/database.js';
import { OPERATOR } from '../../../support/fixtures.js';
import { seedSharing } from '../../../support/sharingFixtures.js';
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

describe('relabelling a room message', function () {
  this.timeout(60_000);
  let world: RoomWorld;
  let alice: RoomPerson;
  let bob: RoomPerson;
  let carol: RoomPerson;
  let omar: RoomPerson;
  let moderator: { Authorization: string };
  let roomId: string;
  let amberRoom: string;

  const as = (who: RoomPerson) => ({ Cookie: who.cookie, 'X-CSRF-Token': who.csrf });
  const relabel = (auth: Record<string, string>, id: string, body: Record<string, unknown>) =>
    request(world.server.app).post(`/api/v1/messages/${id}/relabel`).set(auth).send(body);
  const joined = async (who: RoomPerson, room: string): Promise<Client> => {
    const client = await who.connect();
    const ack = await client.call('room:join', { roomId: room });
    assert.ok(ack.ok, JSON.stringify(ack));
    return client;
  };
  const send = async (room: string, label: string) => {
    const res = await request(world.server.app)
      .post(`/api/v1/rooms/${room}/messages`)
      .set(as(alice))
      .send({ clientId: clientId(), body: `A ${label} note`, label })
      .expect(200);
    return String(res.body.id);
  };
  const got = (client: Client, event: string, id: string) =>
    (client.seen[event] ?? []).filter((m) => (m as { id: string }).id === id) as MessageDelivery[];

  before(async () => {
    await resetDatabase();
    const { people } = await seedSharing();
    world = await startRoomWorld();
    alice = await world.person(world.lyon, 'alice@lyon.example');
    bob = await world.person(world.lyon, 'bob@lyon.example');
    carol = await world.person(world.lyon, 'carol@lyon.example');
    omar = await world.person(world.amman, 'omar@amman.example');
    roomId = await makeRoom('lyon-team', 'peer_room', 'RED', 'GREEN', [alice, bob]);
    amberRoom = await makeRoom('lyon-amber', 'peer_room', 'AMBER', 'GREEN', [alice, bob]);
    moderator = people.moderator.auth;
  });
  after(() => world.close());

  it('lowering RED reaches a later joiner at once; raising back takes the first audience, audited and told', async () => {
    const red = await send(roomId, 'RED');
    await addSpaceMember(OPERATOR, 'lyon-team', { person: carol.personId, role: 'member' });
    const [a, c] = [await joined(alice, roomId), await joined(carol, roomId)];
    const history = await request(world.server.app)
      .get(`/api/v1/rooms/${roomId}/messages`)
      .set(as(carol))
      .expect(200);
    assert.ok(
      !(history.body.items as { id: string }[]).some((m) => m.id === red),
      'RED: not for later joiners',
    );

    const lowered = await relabel(as(alice), red, { label: 'AMBER', justification: 'no names left' }).expect(
      200,
    );
    assert.equal(lowered.body.label, 'AMBER');
    await until(() => got(c, 'message:updated', red).length === 1, 1000, 'the later joiner to get it');
    assert.equal(got(c, 'message:updated', red)[0]?.body, 'A RED note');
    await until(() => got(a, 'message:updated', red).length === 1);

    // A moderator raises it again: a raise never widens RED (SHARING.md, "Readings settled"), so the
    // audience is the members present at the first send (Carol joined later and loses it at once);
    // the author is told.
    const raised = await relabel(moderator, red, { label: 'RED', justification: 'names after all' }).expect(
      200,
    );
    assert.deepEqual(raised.body.edits, [], 'a moderator who may not read it gets no former bodies');
    assert.equal(raised.body.label, 'RED');
    const stored = await loadContent(red, 'Message');
    assert.deepEqual(stored?.audienceIds.map(String).sort(), [alice.personId, bob.personId].sort());
    await until(() => got(c, 'message:removed', red).length === 1, 1000, 'the later joiner to lose it');
    await until(() => got(a, 'message:updated', red).length === 2);
    await settle();
    assert.equal(got(c, 'message:updated', red).length, 1, 'no RED content for the later joiner');
    const audit = await AuditEntryModel.find({ action: 'content.relabelled', 'target.id': red }).lean();
    assert.deepEqual(
      audit.map((e) => e.details),
      [
        { from: 'RED', to: 'AMBER', why: 'no names left' },
        { from: 'AMBER', to: 'RED', why: 'names after all' },
      ],
    );
    const told = await NotificationModel.find({ recipientId: alice.personId, itemId: red }).lean();
    assert.deepEqual(
      told.map((n) => n.kind),
      ['message.relabelled'],
    );
  });

  it('open sockets outside the new targets lose the message at once', async () => {
    const a = await joined(alice, roomId);
    const b = await joined(bob, roomId);
    const id = await send(roomId, 'AMBER');
    await until(() => got(b, 'message:created', id).length === 1);
    const before = await loadContent(id, 'Message');
    assert.ok(before);
    // The fan-out of a relabel whose RED audience holds Alice only (as a snapshot taken when Bob was
    // away), stored as applyLabel stores it: the fan-out sends the message as stored.
    const after = { ...before, label: 'RED' as const, audienceIds: [before.authorId] };
    await MessageModel.updateOne(
      { _id: before._id },
      { $set: { label: 'RED', audienceIds: [before.authorId] } },
    );
    emitMessageEvent({ type: 'relabelled', before, after, mentionIds: [] });
    await until(() => got(b, 'message:removed', id).length === 1, 1000, 'Bob to lose it');
    await until(() => got(a, 'message:updated', id).length === 1, 1000, 'Alice to keep it');
    await settle();
    assert.equal(got(a, 'message:removed', id).length, 0);
    assert.equal(got(b, 'message:updated', id).length, 0);
  });

  it('refuses hostile relabels and changes nothing', async () => {
    const id = await send(amberRoom, 'GREEN');
    const above = await relabel(as(alice), id, { label: 'RED', justification: 'x' }).expect(400);
    assert.match(above.body.detail, /ceiling of "lyon-amber" is AMBER/);
    // Bob reads it but is neither its author nor a moderator.
    await relabel(as(bob), id, { label: 'AMBER', justification: 'x' }).expect(403);
    await relabel(as(bob), id, { label: 'CLEAR', justification: 'x' }).expect(403);
    await relabel(as(alice), id, { label: 'AMBER' }).expect(400);
    await relabel(as(alice), id, { label: 'AMBER', justification: '' }).expect(400);
    await relabel(as(alice), id, { label: 'GREEN', justification: 'same' }).expect(409);
    await relabel(as(alice), '0123456789abcdef01234567', { label: 'AMBER', justification: 'x' }).expect(404);
    await relabel(as(omar), id, { label: 'AMBER', justification: 'x' }).expect(404);
    await relabel({}, id, { label: 'AMBER', justification: 'x' }).expect(401);
    assert.equal((await loadContent(id, 'Message'))?.label, 'GREEN');
    assert.equal(
      (await AuditEntryModel.find({ action: 'content.relabelled', 'target.id': id }).lean()).length,
      0,
    );
  });
});
