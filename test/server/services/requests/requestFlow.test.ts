/**
 * The Expert Pool's request flow through the real API and database (issue #14): a practitioner asks,
 * the hub's coordinator triages and matching ranks the expected expert first with reasons, the expert
 * sees only a summary until they accept, they work in the request's room (a message and a document),
 * and the request closes; with the hostile cases, each refused with a clear error and nothing changed.
 */
import assert from 'node:assert/strict';
import type { Express } from 'express';
import request from 'supertest';
import { ExpertProfileModel } from '../../../../server/models/ExpertProfile.js';
import { ExpertRequestModel } from '../../../../server/models/ExpertRequest.js';
import { RequestOfferModel } from '../../../../server/models/RequestOffer.js';
import { SpaceModel } from '../../../../server/models/Space.js';
import { CityModel } from '../../../../server/models/City.js';
import { expireOffers } from '../../../../server/services/requests/offers.js';
import { remindDueRequests } from '../../../../server/services/requests/remindDueRequests.js';
import { NotificationModel } from '../../../../server/models/Notification.js';
import { resetDatabase } from '../../../support/database.js';
import { testApp } from '../../../support/app.js';
import { OPERATOR, type TestPerson } from '../../../support/fixtures.js';
import { person, seedSharing, type SharingPeople } from '../../../support/sharingFixtures.js';
import { binaryBody } from '../../../support/binaryBody.js';

describe('expert requests: ask, triage, match, offer, work, close', function () {
  this.timeout(120_000);
  let app: Express;
  let p: SharingPeople;
  let experts: Record<'carl' | 'lou' | 'nadia' | 'ben', TestPerson>;
  let requestId = '';
  const PROBLEM = 'Young people in the Croix-Rousse district are being recruited online.';

  const profile = async (who: TestPerson, fields: Record<string, unknown>) =>
    ExpertProfileModel.create({
      personId: who.id,
      topics: ['youth-engagement'],
      languages: [{ code: 'fr', proficiency: 'fluent' }],
      regions: ['europe'],
      countries: [],
      formats: ['remote_advice'],
      clearance: 'AMBER+STRICT',
      maxConcurrent: 3,
      verifiedAt: new Date(),
      ...fields,
    });

  const ask = (who: TestPerson, body: Record<string, unknown>) =>
    request(app).post('/api/v1/requests').set(who.auth).send(body);
  const move = (who: TestPerson, id: string, to: string, note?: string) =>
    request(app)
      .post(`/api/v1/requests/${id}/transitions`)
      .set(who.auth)
      .send(note ? { to, note } : { to });
  const template = {
    title: 'Online recruitment of teenagers',
    problem: PROBLEM,
    context: 'Two schools raised it; the police know.',
    topics: ['youth-engagement', 'online-hate-disinformation'],
    formats: ['remote_advice'],
    languages: ['fr'],
    urgency: 'high',
  };

  before(async () => {
    await resetDatabase();
    p = (await seedSharing()).people;
    app = testApp();
    const lyon = await CityModel.findOne({ slug: 'lyon' }).lean();
    experts = {
      carl: await person('Carl Conflicted', 'carl@test.example', ['expert'], undefined, 'Expert Pool'),
      lou: await person('Lou Lowclear', 'lou@test.example', ['expert'], undefined, 'Expert Pool'),
      nadia: await person('Nadia Nofrench', 'nadia@test.example', ['expert'], undefined, 'Expert Pool'),
      ben: await person('Ben Backup', 'ben@test.example', ['expert'], undefined, 'Expert Pool'),
    };
    await profile(p.expert, {
      topics: ['youth-engagement', 'schools', 'online-hate-disinformation'],
      formats: ['remote_advice', 'workshop'],
    });
    await profile(experts.carl, { conflicts: { cityIds: [lyon?._id], countries: [], organisations: [] } });
    await profile(experts.lou, { clearance: 'GREEN' });
    await profile(experts.nadia, { languages: [{ code: 'ar', proficiency: 'native' }] });
    await profile(experts.ben, {
      topics: ['monitoring-evaluation'],
      languages: [{ code: 'fr', proficiency: 'working' }],
      regions: [],
      verifiedAt: null,
    });
  });

  it('refuses bad input with a clear error and stores nothing', async () => {
    const before = await ExpertRequestModel.countDocuments();
    const spaces = await SpaceModel.countDocuments();
    for (const bad of [
      { ...template, topics: ['astrology'] },
      { ...template, languages: [] },
      { ...template, problem: '   ' },
      { ...template, deadline: '2020-01-01' },
      { ...template, label: 'RED' },
      { ...template, extra: true },
    ]) {
      const res = await ask(p.practitioner, bad);
      assert.ok([400, 409].includes(res.status), `${JSON.stringify(bad)} → ${res.status}`);
      assert.ok(res.body.detail || res.body.title, 'a problem document with words');
    }
    // An expert or partner without a member city cannot ask for a city.
    assert.equal((await ask(p.expert, template)).status, 403);
    assert.equal((await request(app).post('/api/v1/requests').send(template)).status, 401);
    assert.equal(await ExpertRequestModel.countDocuments(), before);
    assert.equal(await SpaceModel.countDocuments(), spaces, 'no half-made request space');
  });

  it('a practitioner asks; the request is AMBER by default, submitted, due, and private to the city', async () => {
    const res = await ask(p.practitioner, template);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    requestId = res.body.id;
    assert.equal(res.body.label, 'AMBER');
    assert.equal(res.body.state, 'submitted');
    assert.equal(res.body.city.slug, 'lyon');
    assert.ok(res.body.dueAt);
    assert.deepEqual(res.body.abilities.transitions, ['withdrawn']);
    // The city's focal point reads it; a practitioner of another city and the expert do not.
    assert.equal((await request(app).get(`/api/v1/requests/${requestId}`).set(p.focal.auth)).status, 200);
    for (const outsider of [p.otherCity, p.expert]) {
      const res2 = await request(app).get(`/api/v1/requests/${requestId}`).set(outsider.auth);
      assert.equal(res2.status, 404);
      const list = await request(app).get('/api/v1/requests').set(outsider.auth).expect(200);
      assert.ok(!JSON.stringify(list.body).includes(requestId));
    }
  });

  it('refuses a move the workflow forbids, and changes nothing', async () => {
    const res = await move(p.practitioner, requestId, 'matching');
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'transition_refused');
    assert.equal((await move(p.otherCity, requestId, 'withdrawn')).status, 404);
    const stored = await ExpertRequestModel.findById(requestId).lean();
    assert.equal(stored?.status, 'submitted');
    assert.equal(stored?.history.length, 1);
  });

  it("the hub's coordinator triages; matching ranks the expected expert first and explains why", async () => {
    const queue = await request(app).get('/api/v1/requests?scope=triage').set(p.coordinator.auth).expect(200);
    assert.ok(queue.body.items.some((r: { id: string }) => r.id === requestId));
    const triage = await request(app)
      .get('/api/v1/requests?scope=triage')
      .set(p.practitioner.auth)
      .expect(200);
    assert.equal(triage.body.items.length, 0, 'a practitioner triages nothing');
    assert.equal((await move(p.coordinator, requestId, 'matching', 'Clear enough')).status, 200);
    assert.equal(
      (await request(app).get(`/api/v1/requests/${requestId}/matches`).set(p.practitioner.auth)).status,
      403,
    );
    const res = await request(app)
      .get(`/api/v1/requests/${requestId}/matches`)
      .set(p.coordinator.auth)
      .expect(200);
    const names = res.body.items.map((m: { expert: { name: string } }) => m.expert.name);
    assert.deepEqual(
      names,
      ['Eve Expert', 'Ben Backup'],
      'conflicted, under-cleared and non-French experts are never matched',
    );
    const first = res.body.items[0];
    const reason = (code: string) => first.reasons.find((r: { code: string }) => r.code === code);
    assert.deepEqual(reason('topic').values, ['youth-engagement', 'online-hate-disinformation']);
    assert.deepEqual(reason('language').values, ['fr:fluent']);
    assert.deepEqual(reason('region').values, ['europe']);
    assert.ok(first.score > res.body.items[1].score);
  });

  it('never offers a request to a conflicted or under-cleared expert', async () => {
    for (const who of [experts.carl, experts.lou, experts.nadia]) {
      const res = await request(app)
        .post(`/api/v1/requests/${requestId}/offers`)
        .set(p.coordinator.auth)
        .send({ expertIds: [who.id] });
      assert.equal(res.status, 400);
      assert.equal(res.body.code, 'expert_not_matching');
    }
    assert.equal(await RequestOfferModel.countDocuments({ requestId }), 0);
    assert.equal((await ExpertRequestModel.findById(requestId).lean())?.status, 'matching');
  });

  it('an offered expert sees a summary without the city or the text, and cannot read the request', async () => {
    await request(app)
      .post(`/api/v1/requests/${requestId}/offers`)
      .set(p.coordinator.auth)
      .send({ expertIds: [p.expert.id], hours: 48 })
      .expect(201);
    const offers = await request(app).get('/api/v1/offers').set(p.expert.auth).expect(200);
    assert.equal(offers.body.items.length, 1);
    const [offer] = offers.body.items;
    assert.equal(offer.state, 'pending');
    assert.equal(offer.requestId, null);
    assert.equal(offer.summary.title, null, 'no title above GREEN');
    assert.equal(offer.summary.region, 'europe');
    const text = JSON.stringify(offers.body);
    for (const secret of ['Lyon', 'lyon', 'Croix-Rousse', template.title, template.context])
      assert.ok(!text.includes(secret), `the summary leaks ${secret}`);
    assert.equal((await request(app).get(`/api/v1/requests/${requestId}`).set(p.expert.auth)).status, 404);
    // Someone else cannot take the expert's offer.
    assert.equal(
      (await request(app).post(`/api/v1/offers/${offer.id}/accept`).set(experts.ben.auth)).status,
      404,
    );
  });

  it('the expert accepts; they work in the request room with a message and a document; the request closes', async () => {
    const [offer] = (await request(app).get('/api/v1/offers').set(p.expert.auth)).body.items;
    const accepted = await request(app)
      .post(`/api/v1/offers/${offer.id}/accept`)
      .set(p.expert.auth)
      .expect(200);
    assert.equal(accepted.body.requestId, requestId);
    assert.equal(
      (await request(app).post(`/api/v1/offers/${offer.id}/accept`).set(p.expert.auth)).status,
      409,
    );
    const read = await request(app).get(`/api/v1/requests/${requestId}`).set(p.expert.auth).expect(200);
    // Nobody is added to a request room by hand, not even by its moderators.
    const roomSpace = await SpaceModel.findById(read.body.roomId).lean();
    const added = await request(app)
      .post(`/api/v1/spaces/${roomSpace?.slug}/members`)
      .set(p.moderator.auth)
      .send({ person: p.otherCity.id });
    assert.equal(added.status, 400, JSON.stringify(added.body));
    assert.equal(read.body.state, 'accepted');
    assert.equal(read.body.problem, PROBLEM);
    assert.equal(read.body.abilities.openRoom, true);
    assert.deepEqual(
      read.body.experts.map((e: { name: string }) => e.name),
      ['Eve Expert'],
    );

    const room = read.body.roomId as string;
    const answer = await request(app)
      .post(`/api/v1/rooms/${room}/messages`)
      .set(p.expert.auth)
      .send({
        clientId: '6f1c5a4e-8a4b-4c5d-9e0f-1a2b3c4d5e6f',
        body: 'Which schools? I can call on Thursday.',
      })
      .expect(200);
    const history = await request(app)
      .get(`/api/v1/rooms/${room}/messages`)
      .set(p.practitioner.auth)
      .expect(200);
    assert.ok(history.body.items.some((m: { body: string }) => m.body.startsWith('Which schools?')));
    // The requester marks the expert's message as the accepted answer; their own is no answer.
    const own = await request(app)
      .post(`/api/v1/rooms/${room}/messages`)
      .set(p.practitioner.auth)
      .send({ clientId: '7a2d6b5f-9b5c-4d6e-8f10-2b3c4d5e6f70', body: 'Thanks, Thursday works.' })
      .expect(200);
    const mark = (who: TestPerson, messageId: string) =>
      request(app).post(`/api/v1/requests/${requestId}/accepted-answer`).set(who.auth).send({ messageId });
    assert.equal((await mark(p.practitioner, own.body.id)).status, 400);
    assert.equal((await mark(p.otherCity, answer.body.id)).status, 404);
    assert.equal(
      (await mark(p.expert, answer.body.id)).status,
      403,
      'the expert does not accept their own answer',
    );
    const marked = await mark(p.practitioner, answer.body.id);
    assert.equal(marked.status, 200, JSON.stringify(marked.body));
    assert.equal(marked.body.acceptedAnswerId, answer.body.id);
    const space = await SpaceModel.findById(room).lean();
    const upload = await request(app)
      .post(`/api/v1/spaces/${space?.slug}/documents`)
      .set(p.practitioner.auth)
      .field('title', 'School notes')
      .field('label', 'AMBER')
      .attach('file', Buffer.from('Notes from the two schools\n'.repeat(20)), 'notes.txt');
    assert.equal(upload.status, 201, JSON.stringify(upload.body));
    const file = await request(app)
      .get(`/api/v1/documents/${upload.body.id}/download`)
      .set(p.expert.auth)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    assert.match(String(file.body), /Notes from the two schools/);
    // Another city's member still sees nothing of the room.
    assert.equal(
      (await request(app).get(`/api/v1/rooms/${room}/messages`).set(p.otherCity.auth)).status,
      404,
    );

    assert.equal((await move(p.expert, requestId, 'in_progress')).status, 200);
    assert.equal(
      (await move(p.practitioner, requestId, 'answered')).status,
      409,
      'only the expert says it is answered',
    );
    assert.equal((await move(p.expert, requestId, 'answered', 'See the plan in the room')).status, 200);
    const closed = await move(p.practitioner, requestId, 'closed', 'Thank you');
    assert.equal(closed.status, 200);
    assert.equal(closed.body.state, 'closed');
    assert.deepEqual(closed.body.abilities.transitions, []);
    assert.deepEqual(
      closed.body.history.map((h: { to: string }) => h.to),
      ['submitted', 'matching', 'offered', 'accepted', 'in_progress', 'answered', 'closed'],
    );
    assert.equal((await move(p.practitioner, requestId, 'in_progress')).status, 409, 'closed is final');
  });

  it('an offer that runs out passes to the next candidate; with none left the request is declined', async () => {
    const second = await ask(p.practitioner, { ...template, title: 'A second question' }).expect(201);
    const id = second.body.id as string;
    await move(p.coordinator, id, 'matching').expect(200);
    await request(app)
      .post(`/api/v1/requests/${id}/offers`)
      .set(p.coordinator.auth)
      .send({ expertIds: [p.expert.id], hours: 1 })
      .expect(201);
    const later = new Date(Date.now() + 2 * 3_600_000);
    assert.equal(await expireOffers(OPERATOR, later), 1);
    const offers = await RequestOfferModel.find({ requestId: id }).sort({ _id: 1 }).lean();
    assert.deepEqual(
      offers.map((o) => [String(o.expertId), o.state]),
      [
        [p.expert.id, 'expired'],
        [experts.ben.id, 'pending'],
      ],
    );
    const ben = await request(app).get('/api/v1/offers').set(experts.ben.auth).expect(200);
    const benOffer = ben.body.items[0];
    await request(app)
      .post(`/api/v1/offers/${benOffer.id}/decline`)
      .set(experts.ben.auth)
      .send({ reason: 'Not my field' })
      .expect(200);
    assert.equal((await ExpertRequestModel.findById(id).lean())?.status, 'declined');
    // Matching again: those who declined or let their offer run out may be asked again, all or none.
    await move(p.coordinator, id, 'matching').expect(200);
    const again = await request(app)
      .post(`/api/v1/requests/${id}/offers`)
      .set(p.coordinator.auth)
      .send({ expertIds: [experts.ben.id, p.expert.id] });
    assert.equal(again.status, 201, JSON.stringify(again.body));
    assert.equal(again.body.items.length, 2);
    const twice = await request(app)
      .post(`/api/v1/requests/${id}/offers`)
      .set(p.coordinator.auth)
      .send({ expertIds: [experts.ben.id] });
    assert.equal(twice.status, 409);
    assert.equal(twice.body.code, 'already_offered');
    assert.equal(await RequestOfferModel.countDocuments({ requestId: id, state: 'pending' }), 2);
    // Withdrawal by the requester is final, and withdraws the open offers.
    assert.equal((await move(p.practitioner, id, 'withdrawn')).status, 200);
    assert.equal(await RequestOfferModel.countDocuments({ requestId: id, state: 'pending' }), 0);
    assert.equal((await move(p.coordinator, id, 'matching')).status, 409);
  });

  it("reminds the request's people two days before the due date and once it has passed, once each", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const res = await ask(p.practitioner, { ...template, title: 'Due today', deadline: today }).expect(201);
    const reminders = async () =>
      NotificationModel.countDocuments({
        recipientId: p.practitioner.id,
        itemId: res.body.id,
        kind: /^request\.(due_soon|overdue)$/,
      });
    const now = new Date();
    assert.equal(await remindDueRequests(now), 1, 'due soon');
    assert.equal(await remindDueRequests(now), 0, 'never twice');
    assert.equal(await remindDueRequests(new Date(now.getTime() + 2 * 86_400_000)), 1, 'overdue');
    assert.equal(await reminders(), 2);
    const overdue = await request(app)
      .get('/api/v1/requests?scope=overdue')
      .set(p.moderator.auth)
      .expect(200);
    assert.equal(overdue.body.items.length, 0, 'not overdue yet by the clock');
  });

  it('keeps an expert out of a room holding material above their clearance, and the room within it', async () => {
    const asked = await ask(p.practitioner, { ...template, title: 'A room with strict material' }).expect(
      201,
    );
    const id = asked.body.id as string;
    await request(app)
      .post(`/api/v1/rooms/${asked.body.roomId}/messages`)
      .set(p.practitioner.auth)
      .send({
        clientId: '8b3e7c60-ac6d-4e7f-9021-3c4d5e6f7081',
        body: 'Names of the two teachers',
        label: 'AMBER+STRICT',
      })
      .expect(200);
    await ExpertProfileModel.updateOne({ personId: experts.ben.id }, { $set: { clearance: 'AMBER' } });
    await move(p.coordinator, id, 'matching').expect(200);
    const matches = await request(app)
      .get(`/api/v1/requests/${id}/matches`)
      .set(p.coordinator.auth)
      .expect(200);
    const names = matches.body.items.map((m: { expert: { name: string } }) => m.expert.name);
    assert.ok(!names.includes('Ben Backup'), 'cleared for AMBER only: the room holds AMBER+STRICT');
    const offered = await request(app)
      .post(`/api/v1/requests/${id}/offers`)
      .set(p.coordinator.auth)
      .send({ expertIds: [experts.ben.id] });
    assert.equal(offered.status, 400);
    const offer = await request(app)
      .post(`/api/v1/requests/${id}/offers`)
      .set(p.coordinator.auth)
      .send({ expertIds: [p.expert.id] })
      .expect(201);
    // Withdrawn before she answers: her offer closes and she never joins.
    await move(p.practitioner, id, 'withdrawn').expect(200);
    const late = await request(app)
      .post(`/api/v1/offers/${offer.body.items[0].id}/accept`)
      .set(p.expert.auth);
    assert.equal(late.status, 409);
    assert.equal((await request(app).get(`/api/v1/requests/${id}`).set(p.expert.auth)).status, 404);
  });

  it('takes an expert out of the request room when their clearance is lowered below it', async () => {
    const asked = await ask(p.practitioner, { ...template, title: 'A question for Eve' }).expect(201);
    const id = asked.body.id as string;
    await move(p.coordinator, id, 'matching').expect(200);
    const offer = await request(app)
      .post(`/api/v1/requests/${id}/offers`)
      .set(p.coordinator.auth)
      .send({ expertIds: [p.expert.id] })
      .expect(201);
    await request(app).post(`/api/v1/offers/${offer.body.items[0].id}/accept`).set(p.expert.auth).expect(200);
    await request(app).get(`/api/v1/requests/${id}`).set(p.expert.auth).expect(200);
    const lowered = await request(app)
      .post(`/api/v1/experts/${p.expert.id}/verification`)
      .set(p.admin.auth)
      .send({ verified: true, clearance: 'GREEN' });
    assert.equal(lowered.status, 200, JSON.stringify(lowered.body));
    assert.equal((await request(app).get(`/api/v1/requests/${id}`).set(p.expert.auth)).status, 404);
    assert.equal(
      (await request(app).get(`/api/v1/rooms/${asked.body.roomId}/messages`).set(p.expert.auth)).status,
      404,
    );
    const stored = await ExpertRequestModel.findById(id).lean();
    assert.deepEqual(stored?.expertIds.map(String), []);
  });
});
