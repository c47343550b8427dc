/**
 * Retention by label, run with an injected `now` over the real database, policy and notification
 * service: a document whose label's period has ended since its newest version is marked as expiring
 * (audited, its author and the moderators told, no AMBER title in what they are told); after the grace
 * period it is deleted to a tombstone through the kernel (audited `content.deleted` by `retention`) and
 * its files are removed. A moderator's hold, a quarantine, a new version or a relabel to a label
 * without a period keeps a document; a label without a period is never touched; the per-type
 * RETENTION_DAYS_DOCUMENTS sweep also leaves held documents alone.
 */
import assert from 'node:assert/strict';
import type { Express } from 'express';
import { Types } from 'mongoose';
import request from 'supertest';
import { afterWritesSettled } from '../../../../server/events/afterWrite.js';
import { fileInfo } from '../../../../server/files/fileStore.js';
import { AuditEntryModel } from '../../../../server/models/AuditEntry.js';
import { DocumentModel } from '../../../../server/models/Document.js';
import { DocumentVersionModel } from '../../../../server/models/DocumentVersion.js';
import { NotificationModel } from '../../../../server/models/Notification.js';
import { loadActivePersonActor } from '../../../../server/policy/personActor.js';
import {
  expireContent,
  RETENTION_REASON,
  retentionCutoff,
} from '../../../../server/services/content/expireContent.js';
import { DOCUMENT_KIND } from '../../../../server/services/documents/documentKind.js';
import { expireDocuments } from '../../../../server/services/documents/expireDocuments.js';
import { startDocumentFileRemoval } from '../../../../server/services/documents/fileHousekeeping.js';
import { relabelDocument } from '../../../../server/services/documents/moderateDocument.js';
import { testApp, testConfig } from '../../../support/app.js';
import { resetDatabase } from '../../../support/database.js';
import { seedSharing, type SharingPeople } from '../../../support/sharingFixtures.js';

const DAY = 86_400_000;
const SETTINGS = { RETENTION_DAYS_GREEN: '30', RETENTION_DAYS_AMBER: '10', RETENTION_GRACE_DAYS: '14' };

/** How many of the files `keys` the uploads bucket still holds. */
async function storedFiles(keys: string[]): Promise<number> {
  let found = 0;
  for (const key of keys) if (await fileInfo('uploads', key)) found += 1;
  return found;
}

describe('retention by label (the hourly sweep, with an injected now)', function () {
  this.timeout(120_000);
  let p: SharingPeople;
  let app: Express;
  const settings = testConfig(SETTINGS).uploads;
  const now = new Date();
  const at = (days: number) => new Date(now.getTime() + days * DAY);

  before(async () => {
    await resetDatabase();
    p = (await seedSharing()).people;
    app = testApp(SETTINGS);
  });

  /** Uploads a document to the workshop as the practitioner, stored `daysAgo` days ago; returns its id. */
  async function stored(title: string, label: string, daysAgo: number): Promise<string> {
    const res = await request(app)
      .post('/api/v1/spaces/workshop/documents')
      .set(p.practitioner.auth)
      .field('title', title)
      .field('label', label)
      .attach('file', Buffer.from(`Notes of ${title}. `.repeat(50)), `${title}.txt`)
      .expect(201);
    const id = res.body.id as string;
    const then = new Date(now.getTime() - daysAgo * DAY);
    await DocumentModel.collection.updateOne({ _id: new Types.ObjectId(id) }, { $set: { createdAt: then } });
    await DocumentVersionModel.collection.updateMany(
      { documentId: new Types.ObjectId(id) },
      { $set: { createdAt: then } },
    );
    return id;
  }

  const document = async (id: string) => (await DocumentModel.findById(id).lean())!;
  const audits = (action: string, id: string) =>
    AuditEntryModel.find({ action, 'target.id': id }).lean() as Promise<
      { actor: { kind: string; name?: string }; details: Record<string, unknown> }[]
    >;

  it('marks, tells, keeps what must be kept, and deletes after the grace period', async () => {
    const due = await stored('Hidden amber plan', 'AMBER', 40);
    const held = await stored('Inquiry evidence', 'GREEN', 40);
    const quarantined = await stored('Disputed minutes', 'GREEN', 40);
    const restarted = await stored('Living handbook', 'GREEN', 40);
    const relabelled = await stored('Public leaflet', 'GREEN', 40);
    const forever = await stored('Charter', 'CLEAR', 400);
    const fresh = await stored('New agenda', 'GREEN', 2);

    // Day 0: the three GREEN ones past 30 days, the AMBER one past 10, are marked and people told.
    const first = await expireDocuments(settings, now);
    assert.deepEqual(first, { due: 5, cleared: 0, purged: 0 });
    const marked = await document(due);
    assert.equal(
      marked.retention?.expiresAt?.getTime(),
      now.getTime() - 30 * DAY,
      'stored 40 days ago, 10 kept',
    );
    assert.equal(
      marked.retention?.purgeAt?.getTime(),
      at(14).getTime(),
      'a whole grace period from the notice',
    );
    const [dueAudit] = await audits('document.retention_due', due);
    assert.equal(dueAudit?.actor.name, 'retention');
    assert.equal(dueAudit?.details.days, 10);
    const told = await NotificationModel.find({ itemId: due, kind: 'document.retention_due' }).lean();
    assert.deepEqual(
      told.map((n) => String(n.recipientId)).sort(),
      [p.practitioner.id, p.moderator.id].sort(),
    );
    const list = await request(app).get('/api/v1/me/notifications').set(p.practitioner.auth).expect(200);
    const notice = (list.body.items as { text: string; notice?: { kind: string } }[]).find(
      (n) => n.notice?.kind === 'document.retention_due',
    );
    assert.ok(notice, 'the author sees the notice');
    assert.doesNotMatch(JSON.stringify(list.body), /Hidden amber plan/, 'no AMBER title leaves the space');
    for (const untouched of [forever, fresh])
      assert.equal((await document(untouched)).retention?.purgeAt ?? null, null);
    assert.equal(
      (await request(app).get(`/api/v1/documents/${due}`).set(p.practitioner.auth)).body.retention.purgeAt,
      at(14).toISOString(),
    );

    // A second run the same hour changes nothing and tells nobody again.
    assert.deepEqual(await expireDocuments(settings, at(0.01)), { due: 0, cleared: 0, purged: 0 });

    // Meanwhile: a moderator holds one, another is quarantined, one gets a new version, one a label without a period.
    await request(app)
      .post(`/api/v1/documents/${held}/hold`)
      .set(p.moderator.auth)
      .send({ reason: 'Evidence for the inquiry' })
      .expect(200);
    await DocumentModel.updateOne({ _id: quarantined }, { $set: { state: 'quarantined' } });
    await request(app)
      .post(`/api/v1/documents/${restarted}/versions`)
      .set(p.practitioner.auth)
      .attach('file', Buffer.from('Second edition. '.repeat(40)), 'handbook-2.txt')
      .expect(201);
    const moderator = await loadActivePersonActor(p.moderator.id);
    await relabelDocument(moderator!, relabelled, 'CLEAR', 'Published as a leaflet');

    const second = await expireDocuments(settings, at(1));
    assert.deepEqual(second, { due: 0, cleared: 3, purged: 0 }, 'quarantined, restarted, relabelled');
    for (const kept of [held, quarantined, restarted, relabelled])
      assert.equal((await document(kept)).retention?.purgeAt ?? null, null);
    assert.equal((await audits('document.retention_cleared', restarted)).length, 1);

    // After the grace period: only the AMBER one is deleted, with its files.
    const dueKeys = (await DocumentVersionModel.find({ documentId: due }).lean()).map((v) => v.fileKey);
    assert.equal(await storedFiles(dueKeys), 1);
    const stopRemoval = startDocumentFileRemoval();
    try {
      const third = await expireDocuments(settings, at(15));
      assert.deepEqual(third, { due: 0, cleared: 0, purged: 1 });
      await afterWritesSettled();
    } finally {
      stopRemoval();
    }
    const gone = await document(due);
    assert.equal(gone.state, 'deleted');
    assert.equal(gone.title, '(deleted)');
    assert.deepEqual(
      gone.moderation.map((m) => [m.action, m.reason]),
      [['delete', RETENTION_REASON]],
    );
    const [deleted] = await audits('content.deleted', due);
    assert.equal(deleted?.actor.kind, 'operator');
    assert.equal(deleted?.actor.name, 'retention');
    assert.equal(deleted?.details.reason, RETENTION_REASON);
    assert.equal(deleted?.details.retention, 'label');
    assert.equal(await storedFiles(dueKeys), 0, 'its files are removed');
    for (const kept of [held, quarantined, restarted, relabelled, forever, fresh])
      assert.notEqual((await document(kept)).state, 'deleted');

    // The quarantined one, restored, starts a new notice and a whole grace period; the held one never does.
    await DocumentModel.updateOne({ _id: quarantined }, { $set: { state: 'visible' } });
    assert.deepEqual(await expireDocuments(settings, at(16)), { due: 1, cleared: 0, purged: 0 });
    assert.equal((await document(quarantined)).retention?.purgeAt?.getTime(), at(30).getTime());
    // Much later: the restored one goes, the new version and the new agenda are due in their turn.
    assert.deepEqual(await expireDocuments(settings, at(400)), { due: 2, cleared: 0, purged: 1 });
    assert.equal((await document(quarantined)).state, 'deleted');
    assert.ok((await document(restarted)).retention?.purgeAt, 'its newest version is 30 days old now');
    assert.equal((await document(held)).state, 'visible', 'the hold stands');
    assert.equal((await document(held)).retention?.purgeAt ?? null, null);
  });

  it('leaves held documents to the per-type RETENTION_DAYS_DOCUMENTS sweep too', async () => {
    const held = await stored('Kept on hold', 'CLEAR', 100);
    const other = await stored('Not held', 'CLEAR', 100);
    await request(app)
      .post(`/api/v1/documents/${held}/hold`)
      .set(p.moderator.auth)
      .send({ reason: 'Legal hold' })
      .expect(200);
    const result = await expireContent(DOCUMENT_KIND, retentionCutoff(90, now));
    assert.ok(result.deleted >= 1);
    assert.equal((await document(other)).state, 'deleted');
    assert.equal((await document(held)).state, 'visible');
  });
});
