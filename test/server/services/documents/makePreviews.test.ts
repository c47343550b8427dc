/**
 * Previews of PDFs (the first pages as small images) and their words in search, through the real API:
 * drawn after the upload, served to readers only (not found otherwise), recorded as views of
 * AMBER+STRICT material for the originator, and removed with the document.
 */
import assert from 'node:assert/strict';
import type { Express } from 'express';
import request from 'supertest';
import { afterWritesSettled } from '../../../../server/events/afterWrite.js';
import { fileInfo } from '../../../../server/files/fileStore.js';
import { AuditEntryModel } from '../../../../server/models/AuditEntry.js';
import { DocumentVersionModel } from '../../../../server/models/DocumentVersion.js';
import { startDocumentFileRemoval } from '../../../../server/services/documents/fileHousekeeping.js';
import { resetDatabase } from '../../../support/database.js';
import { testApp } from '../../../support/app.js';
import { seedSharing, type SharingPeople } from '../../../support/sharingFixtures.js';
import { pdfWithText } from '../../files/fixtures.js';
import { binaryBody } from '../../../support/binaryBody.js';

describe('documents: previews and words of PDFs', function () {
  this.timeout(60_000);
  let app: Express;
  let p: SharingPeople;
  let id = '';

  before(async () => {
    await resetDatabase();
    p = (await seedSharing()).people;
    app = testApp();
    const res = await request(app)
      .post('/api/v1/spaces/lyon-internal/documents')
      .set(p.practitioner.auth)
      .field('title', 'Threat assessment')
      .field('label', 'AMBER+STRICT')
      .attach('file', pdfWithText(['Vulnerable sites near the station', 'Second page']), 'assessment.pdf');
    assert.equal(res.status, 201, JSON.stringify(res.body));
    id = res.body.id as string;
    await afterWritesSettled();
  });

  it('draws the first pages and serves them to readers as PNG, recording the view', async () => {
    const document = await request(app).get(`/api/v1/documents/${id}`).set(p.focal.auth).expect(200);
    assert.equal(document.body.versions[0].previews, 2);
    const page = await request(app)
      .get(`/api/v1/documents/${id}/versions/1/preview/1`)
      .set(p.focal.auth)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    assert.equal(page.headers['content-type'], 'image/png');
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    assert.match(String(page.headers['content-disposition']), /^inline/);
    assert.deepEqual((page.body as Buffer).subarray(1, 4), Buffer.from('PNG'));
    const viewed = await AuditEntryModel.findOne({
      action: 'content.viewed',
      'target.id': id,
      'details.channel': 'rest.preview',
    }).lean();
    assert.ok(viewed, 'the view is in the originator’s access log');
  });

  it('answers "not found" to someone who may not read it, and refuses a page out of range', async () => {
    await request(app).get(`/api/v1/documents/${id}/versions/1/preview/1`).set(p.otherCity.auth).expect(404);
    await request(app).get(`/api/v1/documents/${id}/versions/1/preview/3`).set(p.focal.auth).expect(404);
    const out = await request(app).get(`/api/v1/documents/${id}/versions/1/preview/9`).set(p.focal.auth);
    assert.equal(out.status, 400);
    assert.match(String(out.headers['content-type']), /application\/problem\+json/);
  });

  it('finds the document by the words of its PDF', async () => {
    const found = await request(app)
      .get('/api/v1/search?q=vulnerable%20station')
      .set(p.focal.auth)
      .expect(200);
    assert.ok(
      JSON.stringify(found.body).includes(id),
      `the search finds the PDF's words: ${JSON.stringify(found.body).slice(0, 400)}`,
    );
  });

  it('removes the preview images with the document', async () => {
    const version = await DocumentVersionModel.findOne({ documentId: id, n: 1 }).lean();
    const keys = version?.previewKeys ?? [];
    assert.equal(keys.length, 2);
    const stopRemoval = startDocumentFileRemoval(); // as main.ts does
    await request(app)
      .post(`/api/v1/moderation/items/Document/${id}/delete`)
      .set(p.moderator.auth)
      .send({ reason: 'Held too long' })
      .expect(200);
    await afterWritesSettled();
    stopRemoval();
    for (const key of keys) assert.equal(await fileInfo('uploads', key), null);
  });
});
