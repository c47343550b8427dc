import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { freePort } from '../../../../server/db/childProcess.js';
import { UnavailableError } from '../../../../server/errors.js';
import { AuditEntryModel } from '../../../../server/models/AuditEntry.js';
import { DocumentModel } from '../../../../server/models/Document.js';
import { DocumentVersionModel } from '../../../../server/models/DocumentVersion.js';
import { FlagModel } from '../../../../server/models/Flag.js';
import { NotificationModel } from '../../../../server/models/Notification.js';
import { runFileHousekeeping } from '../../../../server/services/documents/fileHousekeeping.js';
import { rescanFiles } from '../../../../server/services/documents/rescanFiles.js';
import { testApp, testConfig } from '../../../support/app.js';
import { startTestClamd, type TestClamd } from '../../../support/clamd.js';
import { resetDatabase } from '../../../support/database.js';
import { seedSharing, type SharingPeople } from '../../../support/sharingFixtures.js';

const DAY = 86_400_000;
/** Bytes the first scanner thinks clean and the second, with newer signatures, knows as malware. */
const LATER_FOUND = Buffer.from('Minutes of the prevention board. '.repeat(40), 'utf8');
const LATER_SIGNATURE = `${createHash('md5').update(LATER_FOUND).digest('hex')}:${LATER_FOUND.length}:Concordia-Test-Later`;
const HARMLESS = Buffer.from('Agenda: youth outreach and mentoring. '.repeat(30), 'utf8');

describe('the periodic rescan of stored files (real database, real clamd, signatures that change)', function () {
  this.timeout(120_000);
  let first: TestClamd | undefined;
  let second: TestClamd | undefined;
  let p: SharingPeople;

  before(async () => {
    await resetDatabase();
    p = (await seedSharing()).people;
  });
  after(async () => {
    await first?.stop();
    await second?.stop();
  });

  const upload = (app: Express, title: string, bytes: Buffer) =>
    request(app)
      .post('/api/v1/spaces/workshop/documents')
      .set(p.practitioner.auth)
      .field('title', title)
      .field('label', 'GREEN')
      .attach('file', bytes, 'minutes.txt')
      .expect(201);

  it('scans again what newer signatures or no scanner at all let through, and holds what is now found', async () => {
    first = await startTestClamd();
    const scanning = testApp({ CLAMD_URL: first.url });
    const unscanned = testApp();
    const board = await upload(scanning, 'Board minutes', HARMLESS);
    await request(scanning)
      .post(`/api/v1/documents/${board.body.id}/versions`)
      .set(p.practitioner.auth)
      .attach('file', LATER_FOUND, 'minutes-v2.txt')
      .expect(201);
    const early = await upload(unscanned, 'Before the scanner', HARMLESS);
    assert.equal(early.body.scanned, false);

    // The same scanner, an hour later: only the file stored without a scanner is due.
    const firstSettings = testConfig({ CLAMD_URL: first.url }).uploads;
    const now = new Date();
    assert.deepEqual(await rescanFiles(firstSettings, new Date(now.getTime() + 3_600_000)), {
      rescanned: 1,
      infected: 0,
      failed: 0,
    });
    const earlyVersion = await DocumentVersionModel.findOne({ documentId: early.body.id }).lean();
    assert.equal(earlyVersion?.scanned, true);
    assert.match(String(earlyVersion?.scannerVersion), /^ClamAV /);
    assert.deepEqual(await rescanFiles(firstSettings, new Date(now.getTime() + 3_600_000)), {
      rescanned: 0,
      infected: 0,
      failed: 0,
    });

    // Newer signatures: local signature files keep clamd's VERSION, so the age decides (31 days on).
    await first.stop();
    second = await startTestClamd({ signatures: [LATER_SIGNATURE] });
    const secondSettings = testConfig({ CLAMD_URL: second.url }).uploads;
    const report = await rescanFiles(secondSettings, new Date(now.getTime() + 31 * DAY));
    assert.deepEqual(report, { rescanned: 3, infected: 1, failed: 0 });

    const versions = await DocumentVersionModel.find({ documentId: board.body.id }).sort({ n: 1 }).lean();
    assert.deepEqual(
      versions.map((v) => [v.n, v.status, v.bucket, v.signature]),
      [
        [1, 'clean', 'uploads', null],
        [2, 'infected', 'isolated', 'Concordia-Test-Later.UNOFFICIAL'],
      ],
    );
    const document = await DocumentModel.findById(board.body.id).lean();
    assert.equal(document?.state, 'quarantined');
    assert.equal(document?.status, 'infected');
    assert.equal(document?.cleanVersion, 1);
    const flag = await FlagModel.findOne({ postId: board.body.id, reason: 'malware', state: 'open' }).lean();
    assert.ok(flag, 'queued for the moderators');
    const audit = await AuditEntryModel.findOne({
      action: 'document.infected',
      'target.id': board.body.id,
    }).lean();
    assert.equal((audit?.details as { version?: number }).version, 2);
    const told = await NotificationModel.find({ itemId: board.body.id }).lean();
    assert.ok(
      told.some((n) => String(n.recipientId) === p.practitioner.id),
      'the uploader is told',
    );
    // Nobody reads the quarantined document, whichever version they ask for.
    const app = testApp({ CLAMD_URL: second.url });
    await request(app).get(`/api/v1/documents/${board.body.id}/download`).set(p.otherCity.auth).expect(404);
    await request(app)
      .get(`/api/v1/documents/${board.body.id}/versions/2/download`)
      .set(p.otherCity.auth)
      .expect(404);

    // A new signature database (another VERSION) makes every clean file due at once.
    await DocumentVersionModel.updateMany(
      { status: 'clean' },
      { $set: { scannerVersion: 'ClamAV 1.0.0/1/old' } },
    );
    const changed = await rescanFiles(secondSettings, new Date(now.getTime() + 31 * DAY + 3_600_000));
    assert.deepEqual(changed, { rescanned: 2, infected: 0, failed: 0 });
  });

  it('skips the rescan while the scanner is down, and does the rest of the housekeeping', async () => {
    const settings = testConfig({ CLAMD_URL: `tcp://127.0.0.1:${await freePort()}` }).uploads;
    await assert.rejects(rescanFiles(settings), UnavailableError);
    const done = await runFileHousekeeping(settings);
    assert.equal(done.rescan, null);
    assert.ok(done.rescanError instanceof UnavailableError);
    assert.equal(typeof done.purged, 'number');
  });

  it('does nothing without a scanner', async () => {
    assert.deepEqual(await rescanFiles(testConfig().uploads), { rescanned: 0, infected: 0, failed: 0 });
  });
});
