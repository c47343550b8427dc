import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import net from 'node:net';
import type { Express } from 'express';
import mongoose from 'mongoose';
import request from 'supertest';
import { AuditEntryModel } from '../../../../server/models/AuditEntry.js';
import { DocumentModel } from '../../../../server/models/Document.js';
import { DocumentVersionModel } from '../../../../server/models/DocumentVersion.js';
import { FlagModel } from '../../../../server/models/Flag.js';
import { NotificationModel } from '../../../../server/models/Notification.js';
import { freePort } from '../../../../server/db/childProcess.js';
import { reindexSearch } from '../../../../server/services/search/reindexSearch.js';
import { OPERATOR } from '../../../support/fixtures.js';
import { resetDatabase } from '../../../support/database.js';
import { testApp } from '../../../support/app.js';
import { EICAR, EICAR_SIGNATURE, startTestClamd, type TestClamd } from '../../../support/clamd.js';
import { addMembers, seedSharing, type SharingPeople } from '../../../support/sharingFixtures.js';
import { buildZip, docm, docx, pdf, zerosDeflated } from '../../files/fixtures.js';
import { binaryBody } from '../../../support/binaryBody.js';

type Who = { auth: { Authorization: string } };

/** How many stored files and chunks there are in each bucket, and how many documents. */
async function stored() {
  const db = mongoose.connection.db!;
  const count = (name: string) => db.collection(name).countDocuments();
  return {
    files: await count('files_uploads.files'),
    chunks: await count('files_uploads.chunks'),
    isolated: await count('files_isolated.files'),
    documents: await DocumentModel.countDocuments(),
    versions: await DocumentVersionModel.countDocuments(),
  };
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A text file of `size` bytes of valid UTF-8. */
function text(size: number, seed = 'Local prevention network, minutes. '): Buffer {
  return Buffer.from(seed.repeat(Math.ceil(size / seed.length)).slice(0, size), 'utf8');
}

describe('/api/v1 documents (real database and a real clamd)', function () {
  this.timeout(120_000);
  let clamd: TestClamd;
  let app: Express;
  let p: SharingPeople;
  const LIMIT = 300_000;

  before(async () => {
    clamd = await startTestClamd({ streamMaxLength: '200K' });
    await resetDatabase();
    p = (await seedSharing()).people;
    app = testApp({
      CLAMD_URL: clamd.url,
      CLAMD_STREAM_MAX_BYTES: String(200 * 1024),
      UPLOAD_MAX_BYTES: String(LIMIT),
      UPLOAD_CHUNK_BYTES: '65536',
    });
  });
  after(async () => {
    await clamd?.stop();
  });

  const upload = (
    who: Who,
    space: string,
    name: string,
    bytes: Buffer,
    fields: Record<string, string> = {},
  ) => {
    let req = request(app).post(`/api/v1/spaces/${space}/documents`).set(who.auth);
    for (const [k, v] of Object.entries({ title: 'Action plan', label: 'GREEN', ...fields }))
      req = req.field(k, v);
    return req.attach('file', bytes, name);
  };

  async function refusedLeavesNothing(res: request.Response, status: number, code: string) {
    assert.equal(res.status, status, JSON.stringify(res.body));
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    assert.equal(res.body.code, code);
    assert.ok(res.body.detail, 'a clear sentence');
  }

  it('stores a clean file, lists it, and downloads it byte-identical, whole and by range with an ETag', async () => {
    const before = await stored();
    const bytes = text(150_000);
    const res = await upload(p.practitioner, 'workshop', 'minutes.txt', bytes, {
      tags: 'schools, youth',
    }).expect(201);
    assert.equal(res.body.status, 'clean');
    assert.equal(res.body.scanned, true);
    assert.deepEqual(res.body.tags, ['schools', 'youth']);
    assert.equal(res.body.versions[0].sha256, sha(bytes));
    assert.match(res.body.versions[0].mediaType, /^text\/plain/);
    const after = await stored();
    assert.equal(after.files, before.files + 1);
    assert.equal(after.documents, before.documents + 1);

    const list = await request(app)
      .get('/api/v1/spaces/workshop/documents')
      .set(p.otherCity.auth)
      .expect(200);
    assert.ok(list.body.items.some((d: { id: string }) => d.id === res.body.id));

    const whole = await request(app)
      .get(`/api/v1/documents/${res.body.id}/download`)
      .set(p.otherCity.auth)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    assert.equal(sha(whole.body as Buffer), sha(bytes));
    assert.match(String(whole.headers['content-disposition']), /^attachment; filename="minutes.txt"/);
    assert.equal(whole.headers['x-content-type-options'], 'nosniff');
    assert.match(String(whole.headers['content-security-policy']), /sandbox/);
    assert.equal(whole.headers.etag, `"${sha(bytes)}"`);

    const part = await request(app)
      .get(`/api/v1/documents/${res.body.id}/download`)
      .set(p.otherCity.auth)
      .set('Range', 'bytes=70000-70099')
      .set('If-Range', `"${sha(bytes)}"`)
      .expect(206);
    assert.equal(part.headers['content-range'], `bytes 70000-70099/${bytes.length}`);
    assert.equal(part.text, bytes.subarray(70000, 70100).toString('utf8'));
    await request(app)
      .get(`/api/v1/documents/${res.body.id}/download`)
      .set(p.otherCity.auth)
      .set('Range', `bytes=${bytes.length}-`)
      .expect(416);
  });

  it('takes a file exactly at the limit and refuses one byte more with 413, storing nothing', async () => {
    // Above the scanner's StreamMaxLength (200 KiB here): unscannable, held until a moderator releases it.
    const exact = await upload(p.practitioner, 'europe-forum', 'exact.txt', text(LIMIT)).expect(201);
    assert.equal(exact.body.status, 'unscannable');
    assert.equal(exact.body.abilities.download, false);
    const flag = await FlagModel.findOne({ postId: exact.body.id }).lean();
    assert.equal(flag?.reason, 'unscannable');
    await request(app)
      .post(`/api/v1/documents/${exact.body.id}/versions/1/release`)
      .set(p.practitioner.auth)
      .send({ reason: 'mine' })
      .expect(403);
    await request(app)
      .post(`/api/v1/documents/${exact.body.id}/versions/1/release`)
      .set(p.moderator.auth)
      .send({ reason: 'Checked by hand: meeting minutes' })
      .expect(200);
    await request(app)
      .get(`/api/v1/documents/${exact.body.id}/download`)
      .set(p.practitioner.auth)
      .expect(200);
    const released = await AuditEntryModel.findOne({
      action: 'document.released',
      'target.id': exact.body.id,
    }).lean();
    assert.equal((released?.details as { reason?: string }).reason, 'Checked by hand: meeting minutes');
    const before = await stored();
    const res = await upload(p.practitioner, 'workshop', 'over.txt', text(LIMIT + 1));
    await refusedLeavesNothing(res, 413, 'too_large');
    assert.deepEqual(await stored(), before);
  });

  it('refuses disguised and dangerous files from their bytes, each with its code, storing nothing', async () => {
    const bomb = buildZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', raw: await zerosDeflated(200 * 1024 * 1024) },
    ]);
    const cases: [string, Buffer, string][] = [
      ['report.pdf', Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(2000, 1)]), 'executable'],
      ['report.pdf', Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'), 'html'],
      [
        'logo.svg',
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        'svg_script',
      ],
      ['plan.docx', docm(), 'macro_enabled'],
      ['plan.docx', bomb, 'archive_bomb'],
      ['notes.txt', pdf(), 'extension_mismatch'],
    ];
    for (const [name, bytes, code] of cases) {
      const before = await stored();
      const res = await upload(p.practitioner, 'workshop', name, bytes);
      await refusedLeavesNothing(res, 400, code);
      assert.deepEqual(await stored(), before, `${code}: nothing stored`);
    }
    // A real package passes.
    await upload(p.practitioner, 'workshop', 'plan.docx', docx()).expect(201);
  });

  it('keeps only the base name of a path and removes direction overrides; refuses reserved names', async () => {
    const traversal = await upload(p.practitioner, 'workshop', '../../etc/passwd.txt', text(100)).expect(201);
    assert.equal(traversal.body.versions[0].fileName, 'passwd.txt');
    const bidi = await upload(p.practitioner, 'workshop', 'invoice\u202Egpj.txt', text(100)).expect(201);
    assert.equal(bidi.body.versions[0].fileName, 'invoicegpj.txt');
    const before = await stored();
    await refusedLeavesNothing(
      await upload(p.practitioner, 'workshop', 'CON.txt', text(100)),
      400,
      'reserved_name',
    );
    assert.deepEqual(await stored(), before);
  });

  it('quarantines EICAR in the isolated store, tells the uploader and the moderators, and queues it', async () => {
    const before = await stored();
    const res = await upload(p.practitioner, 'europe-forum', 'eicar.txt', Buffer.from(EICAR));
    await refusedLeavesNothing(res, 400, 'file_infected');
    assert.equal(res.body.params.signature, EICAR_SIGNATURE);
    const id = String(res.body.params.document);
    const doc = await DocumentModel.findById(id).lean();
    assert.equal(doc?.state, 'quarantined');
    assert.equal(doc?.status, 'infected');
    const after = await stored();
    assert.equal(after.files, before.files, 'not in the uploads bucket');
    assert.equal(after.isolated, before.isolated + 1, 'kept in the isolated store');
    const flag = await FlagModel.findOne({ postId: id }).lean();
    assert.equal(flag?.reason, 'malware');
    assert.equal(flag?.itemType, 'Document');
    const told = await NotificationModel.find({ itemId: id, kind: 'document.quarantined' }).lean();
    const recipients = told.map((n) => String(n.recipientId));
    assert.ok(recipients.includes(p.practitioner.id), 'the uploader is told');
    assert.ok(recipients.includes(p.moderator.id), `the moderators are told: ${JSON.stringify(told)}`);
    await request(app).get(`/api/v1/documents/${id}/download`).set(p.practitioner.auth).expect(404);
    await request(app).get(`/api/v1/documents/${id}`).set(p.otherCity.auth).expect(404);
    const queue = await request(app)
      .get('/api/v1/moderation/flags?state=open&kind=Document')
      .set(p.moderator.auth);
    assert.equal(queue.status, 200, JSON.stringify(queue.body));
    assert.ok(
      queue.body.items.some((f: { item: { id: string } }) => f.item.id === id),
      JSON.stringify(queue.body),
    );
  });

  it('refuses with 503 and stores nothing when the configured scanner cannot be reached', async () => {
    const closed = await freePort();
    const down = testApp({ CLAMD_URL: `tcp://127.0.0.1:${closed}`, UPLOAD_MAX_BYTES: String(LIMIT) });
    const before = await stored();
    const res = await request(down)
      .post('/api/v1/spaces/workshop/documents')
      .set(p.practitioner.auth)
      .field('title', 'Plan')
      .field('label', 'GREEN')
      .attach('file', text(5000), 'plan.txt');
    await refusedLeavesNothing(res, 503, 'scanner_unavailable');
    const tus = await request(down)
      .post('/api/v1/uploads')
      .set(p.practitioner.auth)
      .set('Tus-Resumable', '1.0.0')
      .set('Upload-Length', '5000')
      .set(
        'Upload-Metadata',
        meta({ space: 'workshop', title: 'Plan', label: 'GREEN', filename: 'plan.txt' }),
      );
    assert.equal(tus.status, 503);
    assert.deepEqual(await stored(), before);
  });

  it('refuses a label above the space ceiling, naming it, and stores nothing', async () => {
    const before = await stored();
    const res = await upload(p.practitioner, 'europe-forum', 'threat.txt', text(1000), { label: 'AMBER' });
    await refusedLeavesNothing(res, 400, 'label_above_ceiling');
    assert.deepEqual(await stored(), before);
  });

  it('answers "not found" to a download by someone not allowed, and to a later joiner of a RED file', async () => {
    const red = await upload(p.practitioner, 'workshop', 'sites.txt', text(2000), { label: 'RED' }).expect(
      201,
    );
    await request(app).get(`/api/v1/documents/${red.body.id}/download`).set(p.otherCity.auth).expect(200);
    await request(app).get(`/api/v1/documents/${red.body.id}/download`).set(p.isc.auth).expect(404);
    await addMembers('workshop', p.expert);
    await request(app).get(`/api/v1/documents/${red.body.id}/download`).set(p.expert.auth).expect(404);
    await request(app).get(`/api/v1/documents/${red.body.id}`).set(p.expert.auth).expect(404);
  });

  it("records views and downloads of AMBER+STRICT and RED for the originator's access log, with the version", async () => {
    const red = await upload(p.practitioner, 'workshop', 'assessment.txt', text(3000), {
      label: 'RED',
    }).expect(201);
    await request(app).get(`/api/v1/documents/${red.body.id}`).set(p.otherCity.auth).expect(200);
    await request(app).get(`/api/v1/documents/${red.body.id}/download`).set(p.otherCity.auth).expect(200);
    const log = await request(app)
      .get(`/api/v1/documents/${red.body.id}/access`)
      .set(p.practitioner.auth)
      .expect(200);
    const mine = log.body.items.filter(
      (e: { person: { id: string } | null }) => e.person?.id === p.otherCity.id,
    );
    assert.deepEqual(mine.map((e: { action: string }) => e.action).sort(), ['download', 'view']);
    assert.equal(mine.find((e: { action: string }) => e.action === 'download').version, 1);
    assert.ok(mine[0].city, 'which city');
    await request(app).get(`/api/v1/documents/${red.body.id}/access`).set(p.otherCity.auth).expect(404);
    const green = await upload(p.practitioner, 'workshop', 'open.txt', text(100)).expect(201);
    await request(app).get(`/api/v1/documents/${green.body.id}/download`).set(p.otherCity.auth).expect(200);
    const none = await AuditEntryModel.countDocuments({
      'target.id': green.body.id,
      action: 'content.downloaded',
    });
    assert.equal(none, 0, 'GREEN downloads are not recorded');
  });

  it('adds versions that never lower the label; a higher one raises the document', async () => {
    const doc = await upload(p.practitioner, 'workshop', 'plan.txt', text(500), { label: 'AMBER' }).expect(
      201,
    );
    await request(app)
      .post(`/api/v1/documents/${doc.body.id}/versions`)
      .set(p.practitioner.auth)
      .field('label', 'GREEN')
      .attach('file', text(600), 'plan.txt')
      .expect(400)
      .expect((r) => assert.equal(r.body.code, 'label_below_document'));
    const v2 = await request(app)
      .post(`/api/v1/documents/${doc.body.id}/versions`)
      .set(p.practitioner.auth)
      .field('note', 'names removed')
      .field('label', 'AMBER+STRICT')
      .attach('file', text(700), 'plan-v2.txt')
      .expect(201);
    assert.equal(v2.body.label, 'AMBER+STRICT');
    assert.deepEqual(
      v2.body.versions.map((v: { n: number }) => v.n),
      [2, 1],
    );
    await request(app)
      .get(`/api/v1/documents/${doc.body.id}/versions/1/download`)
      .set(p.otherCity.auth)
      .expect(200);
    await request(app)
      .post(`/api/v1/documents/${doc.body.id}/versions`)
      .set(p.otherCity.auth)
      .attach('file', text(700), 'mine.txt')
      .expect(403);
  });

  function meta(values: Record<string, string>): string {
    return Object.entries(values)
      .map(([k, v]) => `${k} ${Buffer.from(v, 'utf8').toString('base64')}`)
      .join(',');
  }

  const tusCreate = (who: Who, length: number, values: Record<string, string>) =>
    request(app)
      .post('/api/v1/uploads')
      .set(who.auth)
      .set('Tus-Resumable', '1.0.0')
      .set('Upload-Length', String(length))
      .set('Upload-Metadata', meta(values));
  const tusPatch = (who: Who, location: string, offset: number, bytes: Buffer) =>
    request(app)
      .patch(location.replace(/^\/api\/v1/, '/api/v1'))
      .set(who.auth)
      .set('Tus-Resumable', '1.0.0')
      .set('Upload-Offset', String(offset))
      .set('Content-Type', 'application/offset+octet-stream')
      .send(bytes);

  it('finds a document by the words of its file, for those who may read it; a re-index keeps them', async () => {
    const word = 'kaleidoscopic';
    const bytes = docx([
      {
        name: 'word/footer1.xml',
        data: `<w:ftr xmlns:w="w"><w:p><w:r><w:t>A ${word} survey of Mombasa</w:t></w:r></w:p></w:ftr>`,
      },
    ]);
    const made = await upload(p.practitioner, 'workshop', 'survey.docx', bytes, { title: 'Survey' }).expect(
      201,
    );
    assert.ok(!JSON.stringify(made.body).includes(word), 'the words are indexed, never shown');
    const found = async (who: Who) =>
      (
        (await request(app).get(`/api/v1/search?q=${word}&types=document`).set(who.auth).expect(200)).body
          .items as { id: string }[]
      ).map((item) => item.id);
    assert.deepEqual(await found(p.otherCity), [made.body.id]);
    assert.deepEqual(await found(p.isc), [], 'not a member of the workshop');
    await reindexSearch(OPERATOR, { batchSize: 50, types: ['document'] }, () => undefined);
    assert.deepEqual(await found(p.otherCity), [made.body.id], 'a re-index keeps the words of the file');
  });

  it('resumes a tus upload from the stored offset and settles it as multipart does', async () => {
    const bytes = text(200_000);
    const created = await tusCreate(p.practitioner, bytes.length, {
      space: 'workshop',
      title: 'Resumed',
      label: 'GREEN',
      filename: 'resumed.txt',
    }).expect(201);
    const location = String(created.headers.location);
    const id = String(created.headers['concordia-document-id']);
    assert.equal(created.headers['tus-resumable'], '1.0.0');
    const receiving = await request(app).get(`/api/v1/documents/${id}`).set(p.practitioner.auth).expect(200);
    assert.equal(receiving.body.status, 'receiving');
    await tusPatch(p.practitioner, location, 0, bytes.subarray(0, 70_000)).expect(204);
    // Another person cannot see or touch the upload.
    await request(app).head(location).set(p.otherCity.auth).set('Tus-Resumable', '1.0.0').expect(404);
    await tusPatch(p.practitioner, location, 0, bytes.subarray(0, 10)).expect(409);
    const head = await request(app)
      .head(location)
      .set(p.practitioner.auth)
      .set('Tus-Resumable', '1.0.0')
      .expect(200);
    assert.equal(head.headers['upload-offset'], '70000');
    await tusPatch(p.practitioner, location, 70_000, bytes.subarray(70_000)).expect(204);
    const done = await request(app).get(`/api/v1/documents/${id}`).set(p.practitioner.auth).expect(200);
    assert.equal(done.body.status, 'clean');
    assert.equal(done.body.versions[0].sha256, sha(bytes));
  });

  it('finds EICAR split across resumable chunks', async () => {
    const bytes = Buffer.from(EICAR);
    const created = await tusCreate(p.practitioner, bytes.length, {
      space: 'europe-forum',
      title: 'Split',
      label: 'GREEN',
      filename: 'split.txt',
    }).expect(201);
    const location = String(created.headers.location);
    await tusPatch(p.practitioner, location, 0, bytes.subarray(0, 30)).expect(204);
    const last = await tusPatch(p.practitioner, location, 30, bytes.subarray(30)).expect(400);
    assert.equal(last.body.code, 'file_infected');
    const doc = await DocumentModel.findById(created.headers['concordia-document-id']).lean();
    assert.equal(doc?.state, 'quarantined');
  });

  it('leaves nothing behind when a tus upload is terminated part-way', async () => {
    const before = await stored();
    const created = await tusCreate(p.practitioner, 100_000, {
      space: 'workshop',
      title: 'Abandoned',
      label: 'GREEN',
      filename: 'abandoned.txt',
    }).expect(201);
    const location = String(created.headers.location);
    await tusPatch(p.practitioner, location, 0, text(40_000)).expect(204);
    await request(app).delete(location).set(p.practitioner.auth).set('Tus-Resumable', '1.0.0').expect(204);
    assert.deepEqual(await stored(), before);
    await request(app).head(location).set(p.practitioner.auth).set('Tus-Resumable', '1.0.0').expect(404);
  });

  it("shows the admins whether files are scanned, the scanner's state and the file counts, and no one else", async () => {
    const status = await request(app).get('/api/v1/uploads/scanner').set(p.admin.auth).expect(200);
    assert.equal(status.body.scanned, true);
    assert.equal(status.body.scanner.reachable, true);
    assert.match(status.body.scanner.version, /^ClamAV /);
    assert.equal(status.body.maxBytes, LIMIT);
    assert.equal(status.body.scannerMaxBytes, 200 * 1024);
    assert.equal(status.body.files.clean, await DocumentVersionModel.countDocuments({ status: 'clean' }));
    assert.equal(status.body.files.held, 2, 'the EICAR uploads above, multipart and resumable');
    assert.equal(status.body.files.dueForRescan, 1, 'the released unscannable file, never scanned');
    for (const who of [p.practitioner, p.moderator, p.focal])
      await request(app).get('/api/v1/uploads/scanner').set(who.auth).expect(403);
    await request(app).get('/api/v1/uploads/scanner').expect(401);
    const down = testApp({ CLAMD_URL: `tcp://127.0.0.1:${await freePort()}` });
    const unreachable = await request(down).get('/api/v1/uploads/scanner').set(p.admin.auth).expect(200);
    assert.deepEqual(unreachable.body.scanner, { reachable: false, version: null });
    assert.equal(unreachable.body.files.dueForRescan, null);
    const none = await request(testApp()).get('/api/v1/uploads/scanner').set(p.admin.auth).expect(200);
    assert.equal(none.body.scanned, false);
    assert.equal(none.body.scanner, null);
  });

  it('leaves nothing behind when a multipart upload is cut off mid-stream', async () => {
    const before = await stored();
    const server = (app as unknown as { listen(port: number, host: string): net.Server }).listen(
      0,
      '127.0.0.1',
    );
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as net.AddressInfo;
    await new Promise<void>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        const boundary = 'cutoffboundary';
        const head =
          `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nCut\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="label"\r\n\r\nGREEN\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cut.txt"\r\nContent-Type: text/plain\r\n\r\n`;
        socket.write(
          `POST /api/v1/spaces/workshop/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${p.practitioner.auth.Authorization}\r\n` +
            `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: 200000\r\n\r\n${head}`,
        );
        socket.write(text(50_000), () => setTimeout(() => socket.destroy(), 200));
      });
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
    // The store notices the cut-off stream and removes what it had written.
    for (let i = 0; i < 50 && JSON.stringify(await stored()) !== JSON.stringify(before); i += 1)
      await new Promise((r) => setTimeout(r, 100));
    await new Promise<void>((resolve) => server.close(() => resolve()));
    assert.deepEqual(await stored(), before);
  });
});
