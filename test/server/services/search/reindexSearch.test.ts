/** Re-indexing existing items: tokens recomputed in batches, idempotent, edits meanwhile kept. */
import assert from 'node:assert/strict';
import request from 'supertest';
import type { Express } from 'express';
import { Types } from 'mongoose';
import { LibraryRecordModel } from '../../../../server/models/LibraryRecord.js';
import { PostModel } from '../../../../server/models/Post.js';
import { reindexSearch, type ReindexProgress } from '../../../../server/services/search/reindexSearch.js';
import { resetDatabase } from '../../../support/database.js';
import { testApp } from '../../../support/app.js';
import { OPERATOR } from '../../../support/fixtures.js';
import { seedSharing, type SharingPeople } from '../../../support/sharingFixtures.js';

describe('search re-indexing', () => {
  let app: Express;
  let p: SharingPeople;
  const ids: string[] = [];
  let portugueseId = '';
  before(async () => {
    await resetDatabase();
    p = (await seedSharing()).people;
    app = testApp();
    const texts: [string, string][] = [
      ['Les discriminations dans le quartier', 'Les habitants mobilisés'],
      ['افتتاح المكتبات', 'مكتبة في كل حي'],
      ['Housing report', 'Tenants organised'],
      ['To delete', 'gone'],
      ['Plain', 'text'],
    ];
    for (const [title, body] of texts) {
      const res = await request(app)
        .post('/api/v1/spaces/network/posts')
        .set(p.practitioner.auth)
        .send({ title, body })
        .expect(201);
      ids.push(res.body.id);
    }
    await request(app).delete(`/api/v1/posts/${ids[3]}`).set(p.practitioner.auth).expect(200);
    // Simulate items indexed by the old normaliser: surface words only, no language.
    await PostModel.updateOne(
      { _id: ids[0] },
      { $set: { tokens: ['les', 'discriminations'], language: null } },
    );
    await PostModel.updateOne({ _id: ids[1] }, { $set: { tokens: ['المكتبات'], language: null } });
    await PostModel.updateOne({ _id: ids[3] }, { $set: { tokens: ['stale'] } });
    // A request and a library record as written: re-indexing reads the same texts their kinds
    // indexed (a difference would update them). One record is in a language search does not stem:
    // indexed in none, and its language kept.
    const create = async (path: string, body: object) =>
      (await request(app).post(`/api/v1${path}`).set(p.practitioner.auth).send(body).expect(201)).body
        .id as string;
    const record = { themes: ['schools'], language: 'en' };
    await create('/requests', {
      title: 'Tenants and schools',
      problem: 'What works?',
      context: 'A district with new housing',
      topics: ['schools'],
      formats: ['remote_advice'],
      languages: ['en'],
    });
    await create('/library', {
      ...record,
      title: 'A tenants forum',
      summary: 'Tenants meet monthly.',
      problem: 'Tenants were not heard.',
      approach: 'A monthly forum with the housing office.',
      results: 'Fewer evictions.',
    });
    portugueseId = await create('/library', {
      ...record,
      title: 'Um fórum de inquilinos',
      problem: 'Os inquilinos não eram ouvidos.',
      approach: 'Um fórum mensal com o serviço de habitação.',
      language: 'pt',
    });
  });

  const found = async (q: string) =>
    (
      await request(app)
        .get(`/api/v1/search?q=${encodeURIComponent(q)}`)
        .set(p.focal.auth)
        .expect(200)
    ).body.items as { id: string }[];

  it('recomputes stale tokens in batches with progress, and a second run changes nothing', async () => {
    assert.deepEqual(await found('mobiliser'), []);
    assert.deepEqual(await found('كتب'), []);
    const progress: ReindexProgress[] = [];
    const first = await reindexSearch(OPERATOR, { batchSize: 2 }, (p) => progress.push(p));
    assert.deepEqual(first, [
      { type: 'post', read: 5, updated: 3, skipped: 0 },
      { type: 'message', read: 0, updated: 0, skipped: 0 },
      { type: 'document', read: 0, updated: 0, skipped: 0 },
      { type: 'request', read: 1, updated: 0, skipped: 0 },
      { type: 'library', read: 2, updated: 0, skipped: 0 },
    ]);
    assert.deepEqual(
      progress.map((p) => [p.type, p.read]),
      [
        ['post', 2],
        ['post', 4],
        ['post', 5],
        ['request', 1],
        ['library', 2],
      ],
    );
    assert.deepEqual(
      (await found('mobiliser')).map((i) => i.id),
      [ids[0]],
    );
    assert.deepEqual(
      (await found('كتب')).map((i) => i.id),
      [ids[1]],
    );
    const stored = await PostModel.collection.findOne({ _id: new Types.ObjectId(ids[0]) });
    assert.equal(stored?.language, 'fr');
    const deleted = await PostModel.collection.findOne({ _id: new Types.ObjectId(ids[3]) });
    assert.deepEqual(deleted?.tokens, []);
    const second = await reindexSearch(OPERATOR, { batchSize: 2 }, () => {});
    assert.deepEqual(second, [
      { type: 'post', read: 5, updated: 0, skipped: 0 },
      { type: 'message', read: 0, updated: 0, skipped: 0 },
      { type: 'document', read: 0, updated: 0, skipped: 0 },
      { type: 'request', read: 1, updated: 0, skipped: 0 },
      { type: 'library', read: 2, updated: 0, skipped: 0 },
    ]);
    const portuguese = await LibraryRecordModel.collection.findOne({ _id: new Types.ObjectId(portugueseId) });
    assert.equal(portuguese?.language, 'pt');
  });
});
