/**
 * `room:activity` (server/sockets/workspaceActivity.ts): the workspace sidebar hears that one of its rooms
 * had a new message without having the room open — only people with an open socket who may read the
 * message (a RED message's audience only), never its author, nothing for thread replies, and one
 * event per person for messages close together. Messages go through the real routes and bus; the
 * sockets are stood in for by the `tell` and `online` functions the real-time layer passes.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Express } from 'express';
import { removeSpaceMember } from '../../../server/services/spaces/removeSpaceMember.js';
import { announceRoomActivity } from '../../../server/sockets/workspaceActivity.js';
import { testApp } from '../../support/app.js';
import { resetDatabase } from '../../support/database.js';
import { OPERATOR, type TestPerson } from '../../support/fixtures.js';
import { addMembers, seedSharing, space, type SharingPeople } from '../../support/sharingFixtures.js';
import { settle, until } from '../../support/wait.js';

describe('room activity for the workspace sidebar', function () {
  this.timeout(60_000);
  let app: Express;
  let p: SharingPeople;
  let roomId: string;
  let told: { personId: string; roomId: string }[] = [];
  let online = new Set<string>();
  let stop: () => void = () => undefined;
  const DELAY_MS = 600;

  const send = async (who: TestPerson, body: string, label = 'GREEN', threadId?: string) =>
    (
      await request(app)
        .post(`/api/v1/rooms/${roomId}/messages`)
        .set(who.auth)
        .send({ clientId: randomUUID(), body, label, ...(threadId ? { threadId } : {}) })
        .expect(200)
    ).body as { id: string };
  const toldTo = (who: TestPerson) => told.filter((t) => t.personId === who.id);

  before(async () => {
    await resetDatabase();
    p = (await seedSharing()).people;
    app = testApp();
    roomId = (await space('activity-room', 'event', 'RED', 'GREEN')).id;
    await addMembers('activity-room', p.practitioner, p.focal, p.otherCity);
    stop = announceRoomActivity(
      (personId, room) => told.push({ personId, roomId: room }),
      (ids) => Promise.resolve(ids.filter((id) => online.has(id))),
      DELAY_MS,
    );
  });
  after(() => stop());
  beforeEach(() => {
    told = [];
    online = new Set([p.practitioner.id, p.focal.id, p.otherCity.id, p.expert.id, p.admin.id]);
  });

  it('tells the readers with an open socket, not the author, not people outside the room', async () => {
    online.delete(p.otherCity.id);
    await send(p.focal, 'The agenda is ready');
    await until(() => told.length > 0, 3000, 'the activity');
    await settle(200);
    assert.deepEqual(told, [{ personId: p.practitioner.id, roomId }]);
  });

  it('gathers messages close together into one event per person, and announces no thread reply', async () => {
    const root = await send(p.focal, 'First');
    await send(p.practitioner, 'Second');
    await send(p.focal, 'Third');
    await until(() => told.length >= 3, 3000, 'the gathered activity');
    await settle(200);
    assert.equal(toldTo(p.practitioner).length, 1);
    assert.equal(toldTo(p.otherCity).length, 1);
    // The practitioner wrote one of them: the focal point hears of it.
    assert.equal(toldTo(p.focal).length, 1);

    told = [];
    await send(p.practitioner, 'A reply in the thread', 'GREEN', root.id);
    await settle(DELAY_MS + 400);
    assert.deepEqual(told, [], 'a thread reply is not unread in the room');
  });

  it("tells a RED message's audience only: someone who joined after it hears nothing", async () => {
    await send(p.focal, 'Names of the speakers', 'RED');
    await addMembers('activity-room', p.expert); // within the gathering window, after the message
    await until(() => told.length >= 2, 3000, 'the activity');
    await settle(DELAY_MS);
    assert.deepEqual(
      told.map((t) => t.personId).sort(),
      [p.otherCity.id, p.practitioner.id].sort(),
      'the audience at sending, without the later joiner',
    );
  });

  it('tells nobody removed from the room since its members were last read (kept members are forgotten)', async () => {
    await send(p.focal, 'Before the removal');
    await until(() => toldTo(p.otherCity).length === 1, 3000, 'the first activity');
    await settle(DELAY_MS);
    await removeSpaceMember(OPERATOR, 'activity-room', p.otherCity.id);
    told = [];
    await send(p.focal, 'After the removal');
    await until(() => told.length > 0, 3000, 'the second activity');
    await settle(DELAY_MS);
    assert.deepEqual(toldTo(p.otherCity), [], 'the removed member hears nothing');
    assert.equal(toldTo(p.practitioner).length, 1);
  });
});
