import { afterWritesSettled } from '../../../server/events/afterWrite.js';
import assert from 'node:assert/strict';
import request from 'supertest';
import type { ContentEvent } from '../../../server/events/contentEvents.js';
import { subscribe } from '../../../server/events/domainEvents.js';
import { broadcast, type RoomEmitter } from '../../../server/sockets/broadcast.js';
import { broadcastCandidates } from '../../../server/sockets/broadcastCandidates.js';
import { deliverContentEvent } from '../../../server/sockets/deliverContentEvent.js';
import { AuditEntryModel } from '../../../server/models/AuditEntry.js';
import { resetDatabase } from '../../support/database.js';
import { testApp } from '../../support/app.js';
import { addMembers, seedSharing, type SharingPeople } from '../../support/sharingFixtures.js';

describe('broadcast candidates (services -> broadcaster, with the real database)', () => {
  let people: SharingPeople;
  const events: ContentEvent[] = [];
  const listener = (e: ContentEvent) => events.push(e);
  let unsubscribe = () => {};
  before(async () => {
    await resetDatabase();
    people = (await seedSharing()).people;
    unsubscribe = subscribe('content', 'test recorder', listener);
  });
  after(() => {
    unsubscribe();
  });

  it('delivers RED to the audience, nothing to a later joiner, and removal on quarantine', async () => {
    const app = testApp();
    const rooms = (io: { sent: [string, string][] }) =>
      io.sent.map(([room, event]) => `${room} ${event}`).sort();
    const recorder = () => {
      const sent: [string, string][] = [];
      const io: RoomEmitter = { to: (room) => ({ emit: (event) => sent.push([room, event]) }) };
      return { io, sent };
    };
    const res = await request(app)
      .post('/api/v1/spaces/workshop/posts')
      .set(people.practitioner.auth)
      .send({ title: 'Names', body: 'list', label: 'RED' })
      .expect(201);
    await addMembers('workshop', people.expert);
    const created = events.find((e) => e.type === 'created' && String(e.after._id) === res.body.id)!;
    const first = recorder();
    broadcast(first.io, created, await broadcastCandidates(created));
    assert.deepEqual(
      rooms(first),
      [people.practitioner, people.otherCity, people.focal].map((p) => `person:${p.id} post:created`).sort(),
    );
    const viaRoad = recorder();
    const delivered = await deliverContentEvent(viaRoad.io, created);
    assert.equal(delivered.length, 3);
    await afterWritesSettled();
    const socketViews = await AuditEntryModel.find({
      action: 'content.viewed',
      'target.id': res.body.id,
    }).lean();
    assert.deepEqual(
      socketViews.map((v) => (v.details as { channel: string }).channel),
      ['socket', 'socket', 'socket'],
    );
    await request(app)
      .post(`/api/v1/posts/${res.body.id}/quarantine`)
      .set(people.moderator.auth)
      .send({ reason: 'names' })
      .expect(200);
    const quarantined = events.find((e) => e.type === 'quarantined')!;
    const second = recorder();
    broadcast(second.io, quarantined, await broadcastCandidates(quarantined));
    assert.deepEqual(
      rooms(second),
      [people.practitioner, people.otherCity, people.focal].map((p) => `person:${p.id} post:removed`).sort(),
    );
  });

  it('loads and decides only for the people the online filter keeps, asking it once', async () => {
    const res = await request(testApp())
      .post('/api/v1/spaces/workshop/posts')
      .set(people.practitioner.auth)
      .send({ title: 'Online only', body: 'for those connected', label: 'GREEN' })
      .expect(201);
    const created = events.find((e) => e.type === 'created' && String(e.after._id) === res.body.id)!;
    const everyone = await broadcastCandidates(created);
    assert.ok(everyone.length > 1);
    const asked: string[][] = [];
    const online = async (ids: string[]) => {
      asked.push(ids);
      return ids.filter((id) => id === people.focal.id);
    };
    const narrowed = await broadcastCandidates(created, online);
    assert.deepEqual(
      narrowed.map((c) => (c.actor.kind === 'person' ? c.actor.id : c.actor.kind)),
      [people.focal.id],
    );
    assert.equal(asked.length, 1, 'one question for the whole audience');
    for (const c of everyone)
      assert.ok(
        c.actor.kind === 'person' && asked[0]!.includes(c.actor.id),
        'every candidate was asked about',
      );
    const sent: string[] = [];
    const io: RoomEmitter = { to: (room) => ({ emit: (event) => sent.push(`${room} ${event}`) }) };
    const delivered = await deliverContentEvent(io, created, async () => []);
    assert.deepEqual([delivered, sent], [[], []], 'nobody online: nothing loaded, nothing sent');
  });
});
