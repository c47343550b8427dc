/**
 * Sharing a document onward into another space, through the real API and database, from a table of
 * expected outcomes (SHARING.md, "Onward sharing"): the copy keeps its label, its bytes are its own,
 * the form's destinations agree with the share, and refusals store nothing.
 */
import assert from 'node:assert/strict';
import type { Express } from 'express';
import request from 'supertest';
import { AuditEntryModel } from '../../../../server/models/AuditEntry.js';
import { DocumentModel } from '../../../../server/models/Document.js';
import { resetDatabase } from '../../../support/database.js';
import { testApp } from '../../../support/app.js';
import { seedSharing, type SharingPeople } from '../../../support/sharingFixtures.js';
import { binaryBody } from '../../../support/binaryBody.js';

type Who = { auth: { Authorization: string } };

describe('documents: sharing onward into another space', function () {
  this.timeout(120_000);
  let app: Express;
  let p: SharingPeople;
  const docs: Record<string, string> = {};
  const bytes = (label: string) => Buffer.from(`Plan for the ${label} exchange\n`.repeat(50));

  const upload = async (who: Who, space: string, label: string) => {
    const res = await request(app)
      .post(`/api/v1/spaces/${space}/documents`)
      .set(who.auth)
      .field('title', `${label} plan`)
      .field('label', label)
      .field('tags', 'plan')
      .attach('file', bytes(label), `${label.toLowerCase()}-plan.txt`);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.id as string;
  };
  const download = async (who: Who, id: string) =>
    (
      await request(app)
        .get(`/api/v1/documents/${id}/download`)
        .set(who.auth)
        .buffer(true)
        .parse(binaryBody)
        .expect(200)
    ).body as Buffer;

  before(async () => {
    await resetDatabase();
    p = (await seedSharing()).people;
    app = testApp();
    // workshop: event, ceiling RED; members practitioner (Lyon), otherCity (Amman), focal (Lyon).
    for (const label of ['GREEN', 'AMBER', 'AMBER+STRICT', 'RED'])
      docs[label] = await upload(p.practitioner, 'workshop', label);
  });

  const rows: { label: string; who: 'practitioner' | 'otherCity'; to: string; status: number }[] = [
    { label: 'GREEN', who: 'practitioner', to: 'network', status: 201 },
    { label: 'GREEN', who: 'otherCity', to: 'network', status: 201 },
    { label: 'GREEN', who: 'practitioner', to: 'workshop', status: 409 },
    { label: 'AMBER', who: 'practitioner', to: 'network', status: 403 },
    { label: 'AMBER', who: 'practitioner', to: 'lyon-partners', status: 201 },
    { label: 'AMBER', who: 'otherCity', to: 'lyon-partners', status: 404 },
    { label: 'AMBER', who: 'otherCity', to: 'amman-internal', status: 201 },
    { label: 'AMBER+STRICT', who: 'practitioner', to: 'lyon-partners', status: 403 },
    { label: 'AMBER+STRICT', who: 'practitioner', to: 'lyon-internal', status: 201 },
    { label: 'RED', who: 'practitioner', to: 'lyon-internal', status: 403 },
    { label: 'RED', who: 'practitioner', to: 'network', status: 403 },
    { label: 'GREEN', who: 'practitioner', to: 'no-such-space', status: 404 },
  ];
  for (const row of rows)
    it(`${row.who} shares a ${row.label} document to ${row.to}: ${row.status}`, async () => {
      const who = p[row.who];
      const before = await DocumentModel.countDocuments();
      const res = await request(app)
        .post(`/api/v1/documents/${docs[row.label]}/share`)
        .set(who.auth)
        .send({ to: row.to });
      assert.equal(res.status, row.status, JSON.stringify(res.body));
      const offered = await request(app)
        .get(`/api/v1/documents/${docs[row.label]}/share-destinations`)
        .set(who.auth)
        .expect(200);
      const slugs = (offered.body.items as { slug: string }[]).map((s) => s.slug);
      assert.equal(slugs.includes(row.to), row.status === 201, `the form offers ${row.to} only when allowed`);
      if (row.status !== 201) {
        assert.match(String(res.headers['content-type']), /application\/problem\+json/);
        assert.ok(res.body.detail, 'a clear sentence');
        assert.equal(await DocumentModel.countDocuments(), before, 'nothing stored');
        return;
      }
      assert.equal(res.body.label, row.label, 'the copy keeps its label');
      assert.equal(res.body.space.slug, row.to);
      assert.equal(res.body.status, 'clean');
      assert.deepEqual(res.body.tags, ['plan']);
      assert.notEqual(res.body.id, docs[row.label]);
      assert.deepEqual(await download(who, res.body.id as string), bytes(row.label), 'byte for byte');
      const audit = await AuditEntryModel.findOne({ action: 'content.shared', 'target.id': docs[row.label] })
        .sort({ _id: -1 })
        .lean();
      assert.ok(audit, 'the share is audited');
    });

  it('keeps the copy when the original is deleted: its bytes are its own', async () => {
    const original = await upload(p.practitioner, 'workshop', 'GREEN');
    const copy = await request(app)
      .post(`/api/v1/documents/${original}/share`)
      .set(p.practitioner.auth)
      .send({ to: 'network' })
      .expect(201);
    await request(app)
      .post(`/api/v1/moderation/items/Document/${original}/delete`)
      .set(p.moderator.auth)
      .send({ reason: 'Duplicate' })
      .expect(200);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the deleted document's files go in the background
    assert.deepEqual(await download(p.otherCity, copy.body.id as string), bytes('GREEN'));
  });

  it('refuses a malformed destination and an unknown document in clear words', async () => {
    const bad = await request(app)
      .post(`/api/v1/documents/${docs.GREEN}/share`)
      .set(p.practitioner.auth)
      .send({ to: '../network' });
    assert.equal(bad.status, 400);
    const unknown = await request(app)
      .post('/api/v1/documents/0123456789abcdef01234567/share')
      .set(p.practitioner.auth)
      .send({ to: 'network' });
    assert.equal(unknown.status, 404);
  });

  it('keeps a shared copy the sharer’s to raise but not to lower, out of their export above GREEN, and shows the copy in the originator’s access log', async () => {
    const original = await upload(p.practitioner, 'workshop', 'AMBER+STRICT');
    const copy = await request(app)
      .post(`/api/v1/documents/${original}/share`)
      .set(p.focal.auth)
      .send({ to: 'lyon-internal' })
      .expect(201);
    const lower = await request(app)
      .post(`/api/v1/moderation/items/Document/${copy.body.id}/relabel`)
      .set(p.focal.auth)
      .send({ label: 'GREEN', justification: 'Fine to share widely' });
    assert.equal(lower.status, 403, JSON.stringify(lower.body));
    const exported = await request(app).get('/api/v1/me/export').set(p.focal.auth).expect(200);
    assert.ok(
      !(exported.body.documents as { id: string }[]).some((d) => d.id === copy.body.id),
      'a copy of someone else’s AMBER+STRICT document stays out of the sharer’s export',
    );
    const log = await request(app)
      .get(`/api/v1/documents/${original}/access`)
      .set(p.practitioner.auth)
      .expect(200);
    assert.ok(
      (log.body.items as { person: { name: string | null } | null }[]).some(
        (e) => e.person?.name === 'Fatou Focal',
      ),
      JSON.stringify(log.body.items),
    );
  });
});
