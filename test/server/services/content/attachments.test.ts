/**
 * Files attached to posts, forum topics and replies, and room messages, through the real API and
 * database (SHARING.md, "Files": a file takes at least the label of the item it is attached to).
 * The refusals come from one table; what readers see of the files from another.
 */
import assert from 'node:assert/strict';
import type { Express } from 'express';
import request from 'supertest';
import { AuditEntryModel } from '../../../../server/models/AuditEntry.js';
import { DocumentModel } from '../../../../server/models/Document.js';
import { PostModel } from '../../../../server/models/Post.js';
import { addSpaceMember } from '../../../../server/services/spaces/addSpaceMember.js';
import { OPERATOR, type TestPerson } from '../../../support/fixtures.js';
import { resetDatabase } from '../../../support/database.js';
import { testApp } from '../../../support/app.js';
import { person, seedSharing, type SharingPeople } from '../../../support/sharingFixtures.js';

type Who = { auth: { Authorization: string } };
type Attachment = { id: string; title: string; label: string; status: string; fileName: string | null };

describe('attachments: files carried by posts, topics, replies and messages', function () {
  this.timeout(120_000);
  let app: Express;
  let p: SharingPeople;
  let lateJoiner: TestPerson;
  const docs: Record<string, string> = {};

  const upload = async (who: Who, space: string, title: string, label: string) => {
    const res = await request(app)
      .post(`/api/v1/spaces/${space}/documents`)
      .set(who.auth)
      .field('title', title)
      .field('label', label)
      .attach('file', Buffer.from(`Notes of ${title}\n`), `${title}.txt`);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.id as string;
  };
  const post = (who: Who, space: string, label: string, attachments: unknown) =>
    request(app)
      .post(`/api/v1/spaces/${space}/posts`)
      .set(who.auth)
      .send({ title: 'With files', body: 'See the attached files.', label, attachments });

  before(async () => {
    await resetDatabase();
    p = (await seedSharing()).people;
    app = testApp();
    // workshop: event, ceiling RED; members practitioner, otherCity, focal.
    docs.green = await upload(p.practitioner, 'workshop', 'green-plan', 'GREEN');
    docs.amber = await upload(p.practitioner, 'workshop', 'amber-assessment', 'AMBER');
    docs.red = await upload(p.practitioner, 'workshop', 'red-sites', 'RED');
    docs.elsewhere = await upload(p.practitioner, 'network', 'network-note', 'GREEN');
    lateJoiner = await person('Lena Late', 'lena@lyon.test.example', ['practitioner'], 'lyon');
    await addSpaceMember(OPERATOR, 'workshop', { person: lateJoiner.id, role: 'member' });
  });

  describe('what may be attached (one row per case)', () => {
    const rows: {
      case: string;
      who: keyof SharingPeople | 'lateJoiner';
      label: string;
      files: () => unknown;
      status: number;
      code?: string;
      reason?: string;
    }[] = [
      {
        case: 'a file at the item’s label',
        who: 'practitioner',
        label: 'GREEN',
        files: () => [docs.green],
        status: 201,
      },
      {
        case: 'a file above the item’s label',
        who: 'practitioner',
        label: 'GREEN',
        files: () => [docs.amber],
        status: 201,
      },
      {
        case: 'a file below the item’s label',
        who: 'practitioner',
        label: 'AMBER',
        files: () => [docs.green],
        status: 400,
        reason: 'attachment_below_label',
      },
      {
        case: 'a RED file with a GREEN item',
        who: 'practitioner',
        label: 'GREEN',
        files: () => [docs.red],
        status: 400,
        reason: 'attachment_narrower',
      },
      {
        case: 'a RED file with a RED item',
        who: 'practitioner',
        label: 'RED',
        files: () => [docs.red],
        status: 201,
      },
      {
        case: 'a file of another space',
        who: 'practitioner',
        label: 'GREEN',
        files: () => [docs.elsewhere],
        status: 400,
        reason: 'attachment_other_space',
      },
      {
        case: 'a RED file shared before the author joined',
        who: 'lateJoiner',
        label: 'RED',
        files: () => [docs.red],
        status: 400,
        reason: 'attachment_not_found',
      },
      {
        case: 'a document that does not exist',
        who: 'practitioner',
        label: 'GREEN',
        files: () => ['0123456789abcdef01234567'],
        status: 400,
        reason: 'attachment_not_found',
      },
      {
        case: 'a malformed id',
        who: 'practitioner',
        label: 'GREEN',
        files: () => ['../etc'],
        status: 400,
        code: 'invalid',
      },
      {
        case: 'the same file twice',
        who: 'practitioner',
        label: 'GREEN',
        files: () => [docs.green, docs.green],
        status: 400,
        code: 'invalid',
      },
      {
        case: 'eleven files',
        who: 'practitioner',
        label: 'GREEN',
        files: () => Array.from({ length: 11 }, () => docs.green),
        status: 400,
        code: 'invalid',
      },
      {
        case: 'not a list',
        who: 'practitioner',
        label: 'GREEN',
        files: () => docs.green,
        status: 400,
        code: 'invalid',
      },
    ];
    for (const row of rows)
      it(`${row.case}: ${row.status}${row.reason ? ` ${row.reason}` : ''}`, async () => {
        const who = row.who === 'lateJoiner' ? lateJoiner : p[row.who];
        const before = await PostModel.countDocuments();
        const res = await post(who, 'workshop', row.label, row.files());
        assert.equal(res.status, row.status, JSON.stringify(res.body));
        if (row.status === 201) {
          assert.deepEqual(
            (res.body.attachments as Attachment[]).map((a) => a.id),
            row.files(),
          );
          return;
        }
        assert.match(String(res.headers['content-type']), /application\/problem\+json/);
        if (row.reason) assert.equal(res.body.code, row.reason);
        if (row.code) assert.equal(res.body.code, row.code);
        assert.ok(res.body.detail, 'a clear sentence');
        assert.equal(await PostModel.countDocuments(), before, 'nothing stored');
      });
  });

  it('lists to each reader only the files that reader may open, and follows the file’s moderation', async () => {
    const created = await post(p.practitioner, 'workshop', 'GREEN', [docs.green, docs.amber]).expect(201);
    const id = created.body.id as string;
    const seen = async (who: Who) =>
      (
        (await request(app).get(`/api/v1/posts/${id}`).set(who.auth).expect(200)).body
          .attachments as Attachment[]
      ).map((a) => a.title);
    assert.deepEqual(await seen(p.otherCity), ['green-plan', 'amber-assessment']);
    assert.deepEqual(await seen(lateJoiner), ['green-plan', 'amber-assessment']);
    const attachment = (created.body.attachments as Attachment[])[0];
    assert.equal(attachment?.fileName, 'green-plan.txt');
    assert.equal(attachment?.status, 'clean');

    // A moderator quarantines one file: it disappears from the post for everyone, and comes back on restore.
    await request(app)
      .post(`/api/v1/moderation/items/Document/${docs.amber}/quarantine`)
      .set(p.moderator.auth)
      .send({ reason: 'Names of people at risk' })
      .expect(200);
    assert.deepEqual(await seen(p.otherCity), ['green-plan']);
    await request(app)
      .post(`/api/v1/moderation/items/Document/${docs.amber}/restore`)
      .set(p.moderator.auth)
      .send({ reason: 'Checked: nothing sensitive' })
      .expect(200);
    assert.deepEqual(await seen(p.otherCity), ['green-plan', 'amber-assessment']);
  });

  it('keeps a RED item within its RED file’s audience: a later joiner sees neither', async () => {
    const created = await post(p.practitioner, 'workshop', 'RED', [docs.red]).expect(201);
    const id = created.body.id as string;
    const stored = await PostModel.findById(id).lean();
    assert.ok(stored);
    assert.ok(
      !stored.audienceIds.map(String).includes(lateJoiner.id),
      'the late joiner is not in its audience',
    );
    await request(app).get(`/api/v1/posts/${id}`).set(lateJoiner.auth).expect(404);
    const forMember = await request(app).get(`/api/v1/posts/${id}`).set(p.otherCity.auth).expect(200);
    assert.deepEqual(
      (forMember.body.attachments as Attachment[]).map((a) => a.id),
      [docs.red],
    );
  });

  it('carries files on forum topics and replies, and refuses a reply’s file below the reply', async () => {
    await request(app)
      .post('/api/v1/spaces/europe-forum/forum/categories')
      .set(p.coordinator.auth)
      .send({ slug: 'general', name: 'General' })
      .expect(201);
    const plan = await upload(p.practitioner, 'europe-forum', 'hub-plan', 'GREEN');
    const topic = await request(app)
      .post('/api/v1/spaces/europe-forum/forum/categories/general/topics')
      .set(p.practitioner.auth)
      .send({ title: 'Our plan', body: 'Attached.', attachments: [plan] })
      .expect(201);
    assert.deepEqual(
      (topic.body.attachments as Attachment[]).map((a) => a.title),
      ['hub-plan'],
    );
    const reply = await request(app)
      .post(`/api/v1/forum/topics/${topic.body.id}/replies`)
      .set(p.practitioner.auth)
      .send({ body: 'And the same again.', attachments: [plan] })
      .expect(201);
    assert.deepEqual(
      (reply.body.attachments as Attachment[]).map((a) => a.id),
      [plan],
    );
    const refused = await request(app)
      .post(`/api/v1/forum/topics/${topic.body.id}/replies`)
      .set(p.practitioner.auth)
      .send({ body: 'Raised.', label: 'AMBER', attachments: [plan] });
    assert.equal(refused.status, 400);
  });

  it('raises the attached files with the item: a file never stays below what it is attached to', async () => {
    const file = await upload(p.practitioner, 'workshop', 'spilled-list', 'GREEN');
    const created = await post(p.practitioner, 'workshop', 'GREEN', [file]).expect(201);
    const newcomer = await person('Nia New', 'nia@lyon.test.example', ['practitioner'], 'lyon');
    await addSpaceMember(OPERATOR, 'workshop', { person: newcomer.id, role: 'member' });
    await request(app).get(`/api/v1/documents/${file}`).set(newcomer.auth).expect(200);
    await request(app)
      .post(`/api/v1/posts/${created.body.id}/relabel`)
      .set(p.practitioner.auth)
      .send({ label: 'RED', justification: 'Names of people at risk' })
      .expect(200);
    const raised = await DocumentModel.findById(file).lean();
    const item = await PostModel.findById(created.body.id).lean();
    assert.equal(raised?.label, 'RED');
    assert.deepEqual(raised?.audienceIds.map(String).sort(), item?.audienceIds.map(String).sort());
    await request(app).get(`/api/v1/documents/${file}`).set(newcomer.auth).expect(404);
    assert.ok(
      await AuditEntryModel.exists({ action: 'content.relabelled', 'target.id': file }),
      'the file’s raise is audited',
    );
  });

  it('names in the personal export only the attached files the export may hold', async () => {
    const theirs = await upload(p.otherCity, 'workshop', 'their-assessment', 'AMBER');
    const mine = await upload(p.practitioner, 'workshop', 'my-notes', 'AMBER');
    const created = await post(p.practitioner, 'workshop', 'GREEN', [theirs, mine]).expect(201);
    const exported = await request(app).get('/api/v1/me/export').set(p.practitioner.auth).expect(200);
    const entry = (exported.body.posts as { id: string; attachments: Attachment[] }[]).find(
      (x) => x.id === created.body.id,
    );
    assert.deepEqual(
      entry?.attachments.map((a) => a.title),
      ['my-notes'],
      'someone else’s AMBER file is not named',
    );
  });
});
