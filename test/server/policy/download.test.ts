import assert from 'node:assert/strict';
import request from 'supertest';
import { authorizeDownload } from '../../../server/policy/download.js';
import { loadContent } from '../../../server/policy/contentAccess.js';
import { AuditEntryModel } from '../../../server/models/AuditEntry.js';
import { actorFromApiToken } from '../../../server/services/tokens/apiTokens.js';
import { ANONYMOUS } from '../../../shared/policy/actor.js';
import { resetDatabase } from '../../support/database.js';
import { testApp } from '../../support/app.js';
import { addMembers, seedSharing, type SharingPeople } from '../../support/sharingFixtures.js';

describe('authorizeDownload (the hook documents will use)', () => {
  let people: SharingPeople;
  before(async () => {
    await resetDatabase();
    people = (await seedSharing()).people;
  });

  const actorOf = (p: { auth: { Authorization: string } }) =>
    actorFromApiToken(p.auth.Authorization.slice(7));

  it('lets only the named recipients download RED, records each download, and refuses later joiners', async () => {
    const app = testApp();
    const res = await request(app)
      .post('/api/v1/spaces/workshop/posts')
      .set(people.practitioner.auth)
      .send({ title: 'Names', body: 'list', label: 'RED' })
      .expect(201);
    await addMembers('workshop', people.expert);
    const item = (await loadContent(res.body.id))!;
    await authorizeDownload(await actorOf(people.otherCity), item);
    await assert.rejects(authorizeDownload(await actorOf(people.expert), item), /not found/);
    await assert.rejects(authorizeDownload(ANONYMOUS, item), /not found/);
    await assert.rejects(authorizeDownload(await actorOf(people.moderator), item), /not found/);
    const downloads = await AuditEntryModel.find({
      action: 'content.downloaded',
      'target.id': res.body.id,
    }).lean();
    assert.equal(downloads.length, 1);
    const refusals = await AuditEntryModel.find({ action: 'authz.refused', 'target.id': res.body.id }).lean();
    assert.equal(refusals.length, 3);
  });

  it('does not record downloads of GREEN material', async () => {
    const app = testApp();
    const res = await request(app)
      .post('/api/v1/spaces/workshop/posts')
      .set(people.practitioner.auth)
      .send({ title: 'Report', body: 'summary', label: 'GREEN' })
      .expect(201);
    const item = (await loadContent(res.body.id))!;
    await authorizeDownload(await actorOf(people.expert), item);
    assert.equal(
      await AuditEntryModel.countDocuments({ action: 'content.downloaded', 'target.id': res.body.id }),
      0,
    );
  });
});
