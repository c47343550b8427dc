/**
 * From answer to lesson, and the good-practice library, through the real API and database (issue
 * #14): a closed request's expert drafts a lesson; the checks find the names, places and contact
 * details left in it; once sanitised and submitted with the checklist it needs the focal point's and
 * an editor's approvals; the published CLEAR lesson is read by a signed-out visitor with no trace of
 * its request; GREEN records stay with members. Each hostile case is refused and changes nothing.
 */
import assert from 'node:assert/strict';
import type { Express } from 'express';
import request from 'supertest';
import { ExpertProfileModel } from '../../../../server/models/ExpertProfile.js';
import { LibraryRecordModel } from '../../../../server/models/LibraryRecord.js';
import { SpaceModel } from '../../../../server/models/Space.js';
import { resetDatabase } from '../../../support/database.js';
import { testApp } from '../../../support/app.js';
import type { TestPerson } from '../../../support/fixtures.js';
import { seedSharing, type SharingPeople } from '../../../support/sharingFixtures.js';

const CHECKLIST = { noGroupTargeting: true, noPersonalData: true, placesChecked: true };

describe('library: lessons from requests, review, and the public library', function () {
  this.timeout(120_000);
  let app: Express;
  let p: SharingPeople;
  let requestId = '';
  let lessonId = '';

  const api = (who: TestPerson | null) => ({
    get: (path: string) =>
      request(app)
        .get(`/api/v1${path}`)
        .set(who ? who.auth : {}),
    post: (path: string, body: object = {}) =>
      request(app)
        .post(`/api/v1${path}`)
        .set(who ? who.auth : {})
        .send(body),
    patch: (path: string, body: object) =>
      request(app)
        .patch(`/api/v1${path}`)
        .set(who ? who.auth : {})
        .send(body),
  });
  const lesson = {
    title: 'Bringing schools into a youth prevention network',
    summary: 'How a city joined schools and youth workers against online recruitment.',
    problem:
      'Pierre Practitioner from Lyon saw teenagers recruited online; call +33 4 72 10 30 30 or pierre@lyon.example.',
    approach: 'Weekly meetings of school staff and youth workers, with a shared referral route.',
    results: 'Referrals doubled within a term.',
    transferability: 'Works where schools already meet youth services.',
    label: 'CLEAR',
    themes: ['youth-engagement', 'schools'],
    regions: ['europe'],
    language: 'en',
  };

  before(async () => {
    await resetDatabase();
    p = (await seedSharing()).people;
    app = testApp();
    await ExpertProfileModel.create({
      personId: p.expert.id,
      topics: ['youth-engagement'],
      languages: [{ code: 'en', proficiency: 'native' }],
      formats: ['remote_advice'],
      clearance: 'AMBER',
    });
    const asked = await api(p.practitioner)
      .post('/requests', {
        title: 'Teenagers recruited online',
        problem: 'What works with schools?',
        topics: ['youth-engagement'],
        formats: ['remote_advice'],
        languages: ['en'],
      })
      .expect(201);
    requestId = asked.body.id;
    await api(p.coordinator).post(`/requests/${requestId}/transitions`, { to: 'matching' }).expect(200);
    const offers = await api(p.coordinator)
      .post(`/requests/${requestId}/offers`, { expertIds: [p.expert.id] })
      .expect(201);
    await api(p.expert).post(`/offers/${offers.body.items[0].id}/accept`).expect(200);
    for (const to of ['in_progress', 'answered'])
      await api(p.expert).post(`/requests/${requestId}/transitions`, { to }).expect(200);
  });

  it('drafts a lesson only from a closed request, by its expert or a moderator', async () => {
    const early = await api(p.expert).post('/library', { ...lesson, fromRequest: requestId });
    assert.equal(early.status, 409);
    assert.equal(early.body.code, 'request_not_closed');
    await api(p.practitioner).post(`/requests/${requestId}/transitions`, { to: 'closed' }).expect(200);
    assert.equal(
      (await api(p.otherCity).post('/library', { ...lesson, fromRequest: requestId })).status,
      404,
    );
    assert.equal(
      (await api(p.practitioner).post('/library', { ...lesson, fromRequest: requestId })).status,
      403,
    );
    const amber = await api(p.expert).post('/library', { ...lesson, label: 'AMBER', fromRequest: requestId });
    assert.equal(amber.status, 400, 'a lesson above GREEN is refused');
    assert.equal(await LibraryRecordModel.countDocuments(), 0);
  });

  it('flags the names, places and contact details left in a lesson from an AMBER request', async () => {
    const res = await api(p.expert).post('/library', { ...lesson, fromRequest: requestId });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    lessonId = res.body.id;
    assert.equal(res.body.stage, 'draft');
    assert.equal(res.body.review.sanitise, true);
    assert.equal(res.body.review.fromRequest, true);
    const kinds = new Set(res.body.review.findings.map((f: { kind: string }) => f.kind));
    assert.deepEqual([...kinds].sort(), ['email', 'name', 'phone', 'place']);
    assert.deepEqual(res.body.review.missing, ['focal_point', 'editor']);
    // The draft is the request's people's and the editors' only.
    for (const who of [p.practitioner, p.focal, p.moderator])
      assert.equal((await api(who).get(`/library/${lessonId}`)).status, 200);
    for (const who of [p.otherCity, p.partner])
      assert.equal((await api(who).get(`/library/${lessonId}`)).status, 404);
    assert.equal((await api(null).get(`/public/library/${lessonId}`)).status, 404);
    const list = await api(p.otherCity).get('/library?stage=review').expect(200);
    assert.equal(list.body.items.length, 0);
  });

  it('refuses to submit while findings remain or without the checklist, and changes nothing', async () => {
    const blocked = await api(p.expert).post(`/library/${lessonId}/submit`, { checklist: CHECKLIST });
    assert.equal(blocked.status, 400);
    assert.equal(blocked.body.code, 'findings_remain');
    assert.ok(
      blocked.body.errors.some((e: { message: string }) => e.message === 'email: pierre@lyon.example'),
    );
    await api(p.expert)
      .patch(`/library/${lessonId}`, {
        problem: 'A city saw teenagers recruited online and asked how to work with schools.',
      })
      .expect(200);
    const unchecked = await api(p.expert).post(`/library/${lessonId}/submit`, {
      checklist: { ...CHECKLIST, noGroupTargeting: false },
    });
    assert.equal(unchecked.status, 400);
    assert.equal((await LibraryRecordModel.findById(lessonId).lean())?.stage, 'draft');
    const submitted = await api(p.expert)
      .post(`/library/${lessonId}/submit`, { checklist: CHECKLIST })
      .expect(200);
    assert.equal(submitted.body.stage, 'in_review');
    assert.deepEqual(submitted.body.review.findings, []);
    // Under review, the label changes only by an edit (which asks for the approvals again), never by
    // a relabel that would publish approvals given for another label.
    for (const who of [p.expert, p.moderator]) {
      const relabel = await api(who).post(`/moderation/items/LibraryRecord/${lessonId}/relabel`, {
        label: 'GREEN',
        justification: 'Network only after all',
      });
      assert.equal(relabel.status, 409, JSON.stringify(relabel.body));
      assert.equal(relabel.body.code, 'record_in_review');
    }
    assert.equal((await LibraryRecordModel.findById(lessonId).lean())?.label, 'CLEAR');
  });

  /** The library records `who` finds by search for a word of the lesson's approach only. */
  const searchLibrary = async (who: TestPerson | null) =>
    (await api(who).get('/search?q=referral&types=library').expect(200)).body.items as {
      id: string;
      space: { slug: string };
      excerptHtml: string;
      createdAt: string;
    }[];

  it('publishes only with both approvals; the public page never leads back to the request', async () => {
    // In review, search finds the lesson for those who read it in the request's room only.
    assert.deepEqual(
      (await searchLibrary(p.expert)).map((r) => r.id),
      [lessonId],
    );
    assert.deepEqual(await searchLibrary(p.otherCity), []);
    assert.deepEqual(await searchLibrary(null), []);
    const notYours = await api(p.expert).post(`/library/${lessonId}/approvals`, { checklist: CHECKLIST });
    assert.equal(notYours.status, 403);
    assert.equal(notYours.body.code, 'approval_not_yours');
    const focal = await api(p.focal)
      .post(`/library/${lessonId}/approvals`, { checklist: CHECKLIST })
      .expect(200);
    assert.equal(focal.body.stage, 'in_review', 'one approval is not enough');
    assert.deepEqual(focal.body.review.missing, ['editor']);
    assert.equal(
      (await api(p.focal).post(`/library/${lessonId}/approvals`, { checklist: CHECKLIST })).status,
      403,
    );
    assert.equal((await api(null).get(`/public/library/${lessonId}`)).status, 404);

    const editor = await api(p.moderator)
      .post(`/library/${lessonId}/approvals`, { checklist: CHECKLIST })
      .expect(200);
    assert.equal(editor.body.stage, 'published');
    const stored = await LibraryRecordModel.findById(lessonId).lean();
    const space = await SpaceModel.findById(stored?.spaceId).lean();
    assert.equal(space?.slug, 'good-practice-library');
    assert.equal(String(stored?.source?.requestId), requestId, 'the provenance is kept internally');

    // Members who neither wrote nor approved it see the record without its review (no names).
    const member = await api(p.otherCity).get(`/library/${lessonId}`).expect(200);
    assert.equal(member.body.review, undefined);
    assert.ok(
      (await api(p.focal).get(`/library/${lessonId}`).expect(200)).body.review,
      'an approver sees it',
    );
    const visitor = await api(null).get(`/public/library/${lessonId}`).expect(200);
    const text = JSON.stringify(visitor.body);
    assert.equal(visitor.body.review, undefined);
    for (const secret of [requestId, String(stored?.spaceId), 'Lyon', 'Pierre', 'fromRequest'])
      assert.ok(!text.includes(secret), `the public page shows ${secret}`);
    const publicList = await api(null).get('/public/library?theme=schools').expect(200);
    assert.deepEqual(
      publicList.body.items.map((r: { id: string }) => r.id),
      [lessonId],
    );
    assert.equal((await api(null).get(`/requests/${requestId}`)).status, 401);
    // Published, search finds it for members and visitors, in the library, with the match from its
    // approach (its summary has none), and nothing that leads back to the request.
    for (const who of [p.otherCity, null]) {
      const found = await searchLibrary(who);
      assert.deepEqual(
        found.map((r) => [r.id, r.space.slug]),
        [[lessonId, 'good-practice-library']],
      );
      assert.match(found[0]!.excerptHtml, /<mark>referral<\/mark> route/);
      // Its date is its publication, as on the public page, not its draft's in the request's room.
      assert.equal(found[0]!.createdAt, stored?.publishedAt?.toISOString());
      const text = JSON.stringify(found);
      for (const secret of [requestId, 'Pierre']) assert.ok(!text.includes(secret), `search shows ${secret}`);
    }
  });

  it('keeps GREEN records with members; a record without a source city needs two editors', async () => {
    const green = await api(p.admin)
      .post('/library', {
        ...lesson,
        title: 'Coordinating national and local prevention',
        problem: 'National and local plans did not meet.',
        approach: 'A joint plan reviewed each quarter.',
        results: 'One plan instead of two.',
        label: 'GREEN',
        themes: ['national-local-coordination'],
      })
      .expect(201);
    const id = green.body.id as string;
    assert.deepEqual(green.body.review.missing, ['editor', 'editor']);
    await api(p.admin).post(`/library/${id}/submit`, { checklist: CHECKLIST }).expect(200);
    await api(p.admin).post(`/library/${id}/approvals`, { checklist: CHECKLIST }).expect(200);
    assert.equal((await api(p.admin).post(`/library/${id}/approvals`, { checklist: CHECKLIST })).status, 403);
    const published = await api(p.moderator)
      .post(`/library/${id}/approvals`, { checklist: CHECKLIST })
      .expect(200);
    assert.equal(published.body.stage, 'published');
    assert.equal((await api(null).get(`/public/library/${id}`)).status, 404);
    const publicList = await api(null).get('/public/library').expect(200);
    assert.ok(!publicList.body.items.some((r: { id: string }) => r.id === id));
    const member = await api(p.otherCity).get('/library?theme=national-local-coordination').expect(200);
    assert.deepEqual(
      member.body.items.map((r: { id: string }) => r.id),
      [id],
    );
    assert.equal(
      (await api(p.observer).get(`/library/${id}`)).status,
      404,
      'an invited observer is no network member',
    );
  });

  it('adds a marked translation, marks peer review, and finds records by word, language and status', async () => {
    const translated = await api(p.moderator)
      .post(`/library/${lessonId}/translations`, {
        language: 'fr',
        origin: 'machine',
        title: 'Associer les écoles à un réseau de prévention',
        problem: 'Une ville a vu des adolescents recrutés en ligne.',
        approach: 'Des réunions hebdomadaires entre écoles et animateurs jeunesse.',
      })
      .expect(200);
    assert.deepEqual(
      translated.body.texts.map((t: { language: string; origin: string }) => [t.language, t.origin]),
      [
        ['en', 'original'],
        ['fr', 'machine'],
      ],
    );
    await api(p.moderator).post(`/library/${lessonId}/peer-review`).expect(200);
    assert.equal((await api(p.practitioner).post(`/library/${lessonId}/peer-review`)).status, 403);
    const reviewed = await api(null).get('/public/library?status=peer_reviewed&language=fr').expect(200);
    assert.deepEqual(
      reviewed.body.items.map((r: { id: string }) => r.id),
      [lessonId],
    );
    const found = await api(p.otherCity).get('/library?q=referral').expect(200);
    assert.deepEqual(
      found.body.items.map((r: { id: string }) => r.id),
      [lessonId],
    );
    const none = await api(p.otherCity).get('/library?q=astrology').expect(200);
    assert.equal(none.body.items.length, 0);
    // A published record is not edited.
    const edit = await api(p.expert).patch(`/library/${lessonId}`, { title: 'Changed' });
    assert.equal(edit.status, 409);
  });
});
