/** A hub created through the API or the command line comes with its forum and its room. */
import assert from 'node:assert/strict';
import type { Express } from 'express';
import request from 'supertest';
import { SpaceModel } from '../../../../server/models/Space.js';
import { ForumCategoryModel } from '../../../../server/models/ForumCategory.js';
import { createHub } from '../../../../server/services/hubs/createHub.js';
import { resetDatabase } from '../../../support/database.js';
import { OPERATOR, seedDirectory, type Directory } from '../../../support/fixtures.js';
import { testApp } from '../../../support/app.js';

describe('createHub', () => {
  let app: Express;
  let dir: Directory;
  before(async () => {
    await resetDatabase();
    dir = await seedDirectory();
    app = testApp();
  });

  it('creates the hub with its forum (a General category) and its room, both GREEN hub spaces', async () => {
    const res = await request(app)
      .post('/api/v1/hubs')
      .set(dir.people.admin.auth)
      .send({ slug: 'south-asia', name: { en: 'South Asia', fr: 'Asie du Sud' } })
      .expect(201);
    assert.deepEqual(res.body.abilities, { update: true });
    const spaces = await SpaceModel.find({ hubId: res.body.id }).sort({ slug: 1 }).lean();
    assert.deepEqual(
      spaces.map((s) => [s.slug, s.kind, s.ceiling, s.defaultLabel]),
      [
        ['south-asia-forum', 'hub', 'GREEN', 'GREEN'],
        ['south-asia-room', 'hub', 'GREEN', 'GREEN'],
      ],
    );
    const forum = spaces[0];
    const categories = await ForumCategoryModel.find({ spaceId: forum?._id }).lean();
    assert.deepEqual(
      categories.map((c) => c.slug),
      ['general'],
    );
    // Others read the hub without the right to change it.
    const members = await request(app)
      .get('/api/v1/hubs/south-asia')
      .set(dir.people.practitioner.auth)
      .expect(200);
    assert.deepEqual(members.body.abilities, { update: false });
  });

  it('refuses non-admins, creating nothing', async () => {
    await request(app)
      .post('/api/v1/hubs')
      .set(dir.people.focal.auth)
      .send({ slug: 'americas', name: { en: 'Americas' } })
      .expect(403);
    assert.equal(await SpaceModel.countDocuments({ slug: /^americas-/ }), 0);
  });

  it('leaves the spaces out when asked (the demo seeding brings its own forums)', async () => {
    await createHub(OPERATOR, { slug: 'pacific', name: { en: 'Pacific' }, coordinatorIds: [] });
    assert.equal(await SpaceModel.countDocuments({ slug: /^pacific-/ }), 0);
  });
});
