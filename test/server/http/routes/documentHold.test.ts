/**
 * POST and DELETE /api/v1/documents/{id}/hold: a moderator of the document's space places a hold with
 * a written reason and lifts it, both audited; the document then carries `retention.held` for its
 * readers and `abilities.hold` for its moderators. Refusals: a reader who does not moderate it is
 * forbidden (403), someone who may not read it is told "not found" (404), the signed-out are asked to
 * sign in (401), an empty reason is a 400 problem, a second hold or a lift of nothing a 409.
 */
import assert from 'node:assert/strict';
import type { Express } from 'express';
import request from 'supertest';
import { AuditEntryModel } from '../../../../server/models/AuditEntry.js';
import { testApp } from '../../../support/app.js';
import { resetDatabase } from '../../../support/database.js';
import { seedSharing, type SharingPeople } from '../../../support/sharingFixtures.js';

describe('/api/v1 documents: the moderation hold', function () {
  this.timeout(60_000);
  let app: Express;
  let p: SharingPeople;
  let id = '';

  before(async () => {
    await resetDatabase();
    p = (await seedSharing()).people;
    app = testApp({ RETENTION_DAYS_GREEN: '365' });
    const res = await request(app)
      .post('/api/v1/spaces/workshop/documents')
      .set(p.practitioner.auth)
      .field('title', 'Site safety audit')
      .field('label', 'GREEN')
      .attach('file', Buffer.from('Lighting, exits, cameras. '.repeat(40)), 'audit.txt')
      .expect(201);
    id = res.body.id as string;
  });

  const hold = (who: { auth: Record<string, string> } | null, body: unknown) => {
    const req = request(app).post(`/api/v1/documents/${id}/hold`);
    return (who ? req.set(who.auth) : req).send(body as object);
  };
  const lift = (who: { auth: Record<string, string> } | null) => {
    const req = request(app).delete(`/api/v1/documents/${id}/hold`);
    return who ? req.set(who.auth) : req;
  };
  const read = async (who: { auth: Record<string, string> }) =>
    (await request(app).get(`/api/v1/documents/${id}`).set(who.auth).expect(200)).body;

  it('presents the retention period and who may hold it', async () => {
    const asAuthor = await read(p.practitioner);
    assert.equal(asAuthor.retention.held, null);
    assert.equal(asAuthor.retention.purgeAt, null, 'not expiring');
    const kept =
      Date.parse(asAuthor.retention.expiresAt as string) - Date.parse(asAuthor.createdAt as string);
    assert.ok(Math.abs(kept - 365 * 86_400_000) < 60_000, 'kept a year from its newest version');
    assert.equal(asAuthor.abilities.hold, false);
    assert.equal((await read(p.moderator)).abilities.hold, true);
  });

  it('refuses an empty or missing reason with a 400 problem, and keeps nothing', async () => {
    for (const body of [{ reason: '   ' }, {}, { reason: 'x', extra: true }]) {
      const res = await hold(p.moderator, body).expect(400);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
      assert.equal(res.body.code, 'invalid');
    }
    assert.equal((await read(p.moderator)).retention.held, null);
  });

  it('refuses those who do not moderate it: 403 to a reader, 404 to others, 401 signed out', async () => {
    await hold(p.practitioner, { reason: 'Mine to keep' }).expect(403);
    await hold(p.otherCity, { reason: 'Keep it' }).expect(403);
    await hold(p.partner, { reason: 'Keep it' }).expect(404);
    await hold(null, { reason: 'Keep it' }).expect(401);
    const refused = await AuditEntryModel.countDocuments({ action: 'authz.refused', 'target.id': id });
    assert.ok(refused >= 2, 'refusals are recorded');
    assert.equal(await AuditEntryModel.countDocuments({ action: 'document.held' }), 0);
  });

  it('places a hold with its reason, shown to readers; a second one conflicts', async () => {
    assert.deepEqual((await hold(p.moderator, { reason: 'Evidence for the inquiry' }).expect(200)).body, {
      done: true,
    });
    const shown = await read(p.otherCity);
    assert.equal(shown.retention.held.reason, 'Evidence for the inquiry');
    assert.ok(Date.parse(shown.retention.held.at as string) > 0);
    const audit = await AuditEntryModel.findOne({ action: 'document.held', 'target.id': id }).lean();
    assert.equal(audit?.actor.id, p.moderator.id);
    assert.equal((audit?.details as { reason?: string }).reason, 'Evidence for the inquiry');
    const again = await hold(p.moderator, { reason: 'Twice' }).expect(409);
    assert.match(String(again.headers['content-type']), /application\/problem\+json/);
  });

  it('lifts it for moderators only, audited; lifting nothing conflicts', async () => {
    await lift(p.practitioner).expect(403);
    await lift(p.partner).expect(404);
    await lift(null).expect(401);
    assert.deepEqual((await lift(p.moderator).expect(200)).body, { done: true });
    assert.equal((await read(p.practitioner)).retention.held, null);
    const audit = await AuditEntryModel.findOne({ action: 'document.hold_lifted', 'target.id': id }).lean();
    assert.equal(audit?.actor.id, p.moderator.id);
    assert.equal((audit?.details as { heldFor?: string }).heldFor, 'Evidence for the inquiry');
    await lift(p.moderator).expect(409);
  });
});
