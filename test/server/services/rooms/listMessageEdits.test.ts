/**
 * GET /messages/{message}/edits: a message's former bodies for its author and the room's moderators
 * who may read it; everyone else is answered "not found". Real app, real database.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import type { Express } from 'express';
import { SpaceModel } from '../../../../server/models/Space.js';
import { addSpaceMember } from '../../../../server/services/spaces/addSpaceMember.js';
import { resetDatabase } from '../../../support/database.js';
import { testApp } from '../../../support/app.js';
import { OPERATOR } from '../../../support/fixtures.js';
import { seedSharing, type SharingPeople } from '../../../support/sharingFixtures.js';

describe('a message edit history', function () {
  this.timeout(60_000);
  let app: Express;
  let p: SharingPeople;
  let message: string;

  before(async () => {
    await resetDatabase();
    p = (await seedSharing()).people;
    app = testApp();
    // The expert moderates the workshop room (an explicit room role).
    await addSpaceMember(OPERATOR, 'workshop', { person: p.expert.id, role: 'moderator' });
    const room = String((await SpaceModel.findOne({ slug: 'workshop' }).lean())?._id);
    const sent = await request(app)
      .post(`/api/v1/rooms/${room}/messages`)
      .set(p.practitioner.auth)
      .send({ clientId: crypto.randomUUID(), body: 'first words', label: 'AMBER' })
      .expect(200);
    message = String(sent.body.id);
    for (const body of ['second words', 'third words'])
      await request(app)
        .patch(`/api/v1/messages/${message}`)
        .set(p.practitioner.auth)
        .send({ body })
        .expect(200);
  });

  const edits = (auth: Record<string, string>, query = '') =>
    request(app).get(`/api/v1/messages/${message}/edits${query}`).set(auth);

  it('shows the author and the room moderators the former bodies, newest first, by cursor', async () => {
    for (const who of [p.practitioner, p.expert]) {
      const first = await edits(who.auth, '?limit=1').expect(200);
      assert.deepEqual(
        first.body.items.map((e: { body: string }) => e.body),
        ['second words'],
      );
      assert.ok(first.body.nextCursor);
      const second = await edits(who.auth, `?limit=1&cursor=${String(first.body.nextCursor)}`).expect(200);
      assert.deepEqual(
        second.body.items.map((e: { body: string }) => e.body),
        ['first words'],
      );
      assert.equal(second.body.nextCursor, null);
    }
  });

  it('answers everyone else "not found", revealing nothing', async () => {
    // A room member who reads the message but does not moderate, a global moderator outside the room,
    // an outsider: all the same answer as for a message that does not exist.
    const unknown = await request(app)
      .get('/api/v1/messages/0123456789abcdef01234567/edits')
      .set(p.otherCity.auth)
      .expect(404);
    for (const who of [p.otherCity, p.moderator, p.isc, p.admin]) {
      const res = await edits(who.auth).expect(404);
      assert.equal(res.body.detail, unknown.body.detail);
      assert.equal(JSON.stringify(res.body).includes('words'), false);
    }
    await edits({}).expect(401);
    await edits(p.practitioner.auth, '?cursor=bm90LWEtY3Vyc29y').expect(400);
    await edits(p.practitioner.auth, '?limit=0').expect(400);
    await request(app).get('/api/v1/messages/not-an-id/edits').set(p.practitioner.auth).expect(400);
  });

  it('is gone once the message is quarantined, for moderators of the room too', async () => {
    // The global moderator may quarantine the message but not read it: the answer has no former bodies.
    const quarantined = await request(app)
      .post(`/api/v1/messages/${message}/quarantine`)
      .set(p.moderator.auth)
      .send({ reason: 'review' })
      .expect(200);
    assert.equal(quarantined.body.state, 'quarantined');
    assert.deepEqual(quarantined.body.edits, []);
    assert.equal(JSON.stringify(quarantined.body).includes('words'), false);
    await edits(p.expert.auth).expect(404);
    await edits(p.practitioner.auth).expect(404);
  });

  it('gives the former bodies back on restore only to a moderator who may read the message', async () => {
    const restored = await request(app)
      .post(`/api/v1/messages/${message}/restore`)
      .set(p.moderator.auth)
      .send({ reason: 'fine after all' })
      .expect(200);
    assert.equal(restored.body.state, 'visible');
    assert.equal(JSON.stringify(restored.body).includes('words'), false);
    await edits(p.expert.auth).expect(200);
  });
});
