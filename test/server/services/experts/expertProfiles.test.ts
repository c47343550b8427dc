/**
 * Expert profiles and the experts directory over HTTP (issue 14, part 1): an expert keeps their
 * profile, members find them by topic and language, the Management Unit verifies and sets clearance;
 * and the hostile cases, each a clear error with nothing stored: a non-expert's save, a bad time
 * zone, country, topic, region or conflict city, a practitioner verifying, the private part (conflicts,
 * clearance) shown to other members, a partner observer in the directory, a signed-out caller.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import type { Express } from 'express';
import { AuditEntryModel } from '../../../../server/models/AuditEntry.js';
import { ExpertProfileModel } from '../../../../server/models/ExpertProfile.js';
import { resetDatabase } from '../../../support/database.js';
import { testApp } from '../../../support/app.js';
import { seedDirectory, type Directory, type TestPerson } from '../../../support/fixtures.js';
import { person } from '../../../support/sharingFixtures.js';

const PROFILE = {
  summary: 'Twenty years of municipal youth work in Lyon and Nairobi.',
  topics: ['youth-engagement', 'schools'],
  languages: [
    { code: 'fr', proficiency: 'native' },
    { code: 'es', proficiency: 'working' },
  ],
  regions: ['europe'],
  countries: ['FR', 'KE'],
  formats: ['remote_advice', 'workshop'],
  availability: 'available',
  timeZone: 'Europe/Paris',
  maxConcurrent: 3,
  conflicts: { cities: ['amman'], countries: ['JO'], organisations: ['Acme Security'] },
};

describe('expert profiles and the experts directory', () => {
  let app: Express;
  let dir: Directory;
  let moderator: TestPerson;
  let observer: TestPerson;
  let partner: TestPerson;
  let second: TestPerson;
  before(async () => {
    await resetDatabase();
    dir = await seedDirectory();
    moderator = await person('Mo Moderator', 'mo@test.example', ['moderator'], undefined, 'Management Unit');
    observer = await person('Obi Observer', 'obi@test.example', ['partner_observer'], undefined, 'UN');
    partner = await person('Pat Partner', 'pat@lyon.test.example', ['community_partner'], 'lyon');
    second = await person('Sol Second', 'sol@test.example', ['expert'], undefined, 'Expert Pool');
    app = testApp({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
  });

  const put = (who: TestPerson, body: unknown) =>
    request(app)
      .put('/api/v1/me/expert-profile')
      .set(who.auth)
      .send(body as object);

  it('gives an expert a blank profile before the first save, and saves it (audited)', async () => {
    const blank = await request(app).get('/api/v1/me/expert-profile').set(dir.people.expert.auth).expect(200);
    assert.equal(blank.body.updatedAt, null);
    assert.deepEqual(blank.body.topics, []);
    assert.deepEqual(blank.body.abilities, { edit: true, verify: false });

    const saved = await put(dir.people.expert, PROFILE).expect(200);
    assert.deepEqual(saved.body.topics, ['youth-engagement', 'schools']);
    assert.deepEqual(saved.body.conflicts, {
      cities: ['amman'],
      countries: ['JO'],
      organisations: ['Acme Security'],
    });
    assert.equal(saved.body.clearance, 'GREEN');
    assert.equal(saved.body.timeZone, 'Europe/Paris');
    assert.equal(saved.body.verified, false);
    assert.ok(saved.body.updatedAt);
    const again = await request(app).get('/api/v1/me/expert-profile').set(dir.people.expert.auth).expect(200);
    assert.deepEqual(again.body, saved.body);
    assert.equal(await AuditEntryModel.countDocuments({ action: 'expert_profile.created' }), 1);
  });

  it('refuses a non-expert, storing nothing', async () => {
    const res = await put(dir.people.practitioner, PROFILE).expect(403);
    assert.equal(res.body.code, 'not_an_expert');
    await request(app).get('/api/v1/me/expert-profile').set(dir.people.practitioner.auth).expect(403);
    await put(dir.people.admin, PROFILE).expect(403);
    assert.equal(await ExpertProfileModel.countDocuments({ personId: dir.people.practitioner.id }), 0);
  });

  for (const [what, change, path] of [
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'body.timeZone'],
    ['an unknown country', { countries: ['FR', 'QQ'] }, 'body.countries.1'],
    ['a topic outside the taxonomy', { topics: ['astrology'] }, 'body.topics.0'],
    ['an unknown region', { regions: ['atlantis'] }, 'body.regions.0'],
    ['an unknown conflict city', { conflicts: { cities: ['gotham'] } }, 'body.conflicts.cities.0'],
    ['a load limit above 10', { maxConcurrent: 11 }, 'body.maxConcurrent'],
    ['an unknown field', { clearance: 'RED' }, 'body'],
  ] as const) {
    it(`refuses ${what} with a 400 naming the field, storing nothing`, async () => {
      const res = await put(second, { ...PROFILE, ...change }).expect(400);
      assert.equal(res.headers['content-type']?.split(';')[0], 'application/problem+json');
      const paths = (res.body.errors as { path: string }[]).map((e) => e.path);
      assert.ok(
        paths.some((p) => p === path || p.startsWith(`${path}.`) || path === 'body'),
        `${JSON.stringify(paths)} names ${path}`,
      );
      assert.equal(await ExpertProfileModel.countDocuments({ personId: second.id }), 0);
    });
  }

  it('lists experts for members by topic and language, without the private part', async () => {
    await put(second, {
      ...PROFILE,
      topics: ['online-hate-disinformation'],
      languages: [{ code: 'ar', proficiency: 'fluent' }],
      regions: ['mena'],
      conflicts: { cities: [], countries: [], organisations: [] },
    }).expect(200);
    const byTopic = await request(app)
      .get('/api/v1/experts?topic=youth-engagement&language=es')
      .set(dir.people.practitioner.auth)
      .expect(200);
    assert.deepEqual(
      byTopic.body.items.map((e: { person: { name: string } }) => e.person.name),
      ['Eve Expert'],
    );
    const eve = byTopic.body.items[0];
    assert.equal(eve.person.organisation, 'Expert Pool');
    assert.equal(eve.conflicts, null);
    assert.equal(eve.clearance, null);
    assert.equal(eve.timeZone, null);
    assert.equal(eve.maxConcurrent, null);
    assert.deepEqual(eve.abilities, { edit: false, verify: false });
    assert.ok(!JSON.stringify(byTopic.body).includes('Acme Security'));
    const one = await request(app)
      .get(`/api/v1/experts/${dir.people.expert.id}`)
      .set(dir.people.otherCity.auth)
      .expect(200);
    assert.equal(one.body.conflicts, null);
    assert.equal(one.body.clearance, null);

    const byRegion = await request(app)
      .get('/api/v1/experts?region=mena')
      .set(dir.people.focal.auth)
      .expect(200);
    assert.deepEqual(
      byRegion.body.items.map((e: { person: { name: string } }) => e.person.name),
      ['Sol Second'],
    );
    const all = await request(app).get('/api/v1/experts?limit=1').set(dir.people.focal.auth).expect(200);
    assert.equal(all.body.items.length, 1);
    const next = await request(app)
      .get(`/api/v1/experts?limit=1&cursor=${all.body.nextCursor}`)
      .set(dir.people.focal.auth)
      .expect(200);
    assert.equal(next.body.items.length, 1);
    assert.notEqual(next.body.items[0].person.id, all.body.items[0].person.id);
    assert.equal(next.body.nextCursor, null);
  });

  it('refuses invited partners and signed-out callers the directory', async () => {
    await request(app).get('/api/v1/experts').set(observer.auth).expect(403);
    await request(app).get('/api/v1/experts').set(partner.auth).expect(403);
    await request(app).get(`/api/v1/experts/${dir.people.expert.id}`).set(observer.auth).expect(403);
    await request(app).get('/api/v1/experts').expect(401);
    await request(app).get('/api/v1/me/expert-profile').expect(401);
    await request(app).put('/api/v1/me/expert-profile').send(PROFILE).expect(401);
    await request(app)
      .post(`/api/v1/experts/${dir.people.expert.id}/verification`)
      .send({ verified: true, clearance: 'AMBER' })
      .expect(401);
  });

  it('lets the Management Unit verify and set clearance, and refuses a practitioner (nothing changed)', async () => {
    const refused = await request(app)
      .post(`/api/v1/experts/${dir.people.expert.id}/verification`)
      .set(dir.people.practitioner.auth)
      .send({ verified: true, clearance: 'RED' })
      .expect(403);
    assert.equal(refused.body.status, 403);
    await request(app)
      .post(`/api/v1/experts/${dir.people.expert.id}/verification`)
      .set(dir.people.expert.auth)
      .send({ verified: true, clearance: 'RED' })
      .expect(403);
    let stored = await ExpertProfileModel.findOne({ personId: dir.people.expert.id }).lean();
    assert.equal(stored?.verifiedAt, null);
    assert.equal(stored?.clearance, 'GREEN');

    const byModerator = await request(app)
      .post(`/api/v1/experts/${dir.people.expert.id}/verification`)
      .set(moderator.auth)
      .send({ verified: true, clearance: 'AMBER' })
      .expect(200);
    assert.equal(byModerator.body.verified, true);
    assert.equal(byModerator.body.clearance, 'AMBER');
    assert.deepEqual(byModerator.body.conflicts.organisations, ['Acme Security']);
    assert.deepEqual(byModerator.body.abilities, { edit: false, verify: true });
    const byAdmin = await request(app)
      .get(`/api/v1/experts?verified=true`)
      .set(dir.people.admin.auth)
      .expect(200);
    assert.deepEqual(
      byAdmin.body.items.map((e: { person: { name: string }; clearance: string }) => [
        e.person.name,
        e.clearance,
      ]),
      [['Eve Expert', 'AMBER']],
    );
    assert.equal(await AuditEntryModel.countDocuments({ action: 'expert_profile.verified' }), 1);
    // Bad input and unknown experts.
    await request(app)
      .post(`/api/v1/experts/${dir.people.expert.id}/verification`)
      .set(dir.people.admin.auth)
      .send({ verified: true, clearance: 'PURPLE' })
      .expect(400);
    await request(app)
      .post(`/api/v1/experts/${dir.people.practitioner.id}/verification`)
      .set(dir.people.admin.auth)
      .send({ verified: true, clearance: 'AMBER' })
      .expect(404);
    await request(app).get('/api/v1/experts/not-an-id').set(dir.people.admin.auth).expect(400);
    stored = await ExpertProfileModel.findOne({ personId: dir.people.expert.id }).lean();
    assert.equal(stored?.clearance, 'AMBER');
  });

  it('keeps the verification when the expert changes availability, clears it when topics change', async () => {
    const mine = await put(dir.people.expert, {
      ...PROFILE,
      availability: 'limited',
      summary: 'Now part time.',
    }).expect(200);
    assert.equal(mine.body.verified, true);
    assert.equal(mine.body.clearance, 'AMBER');
    const changed = await put(dir.people.expert, {
      ...PROFILE,
      topics: ['youth-engagement', 'monitoring-evaluation'],
    }).expect(200);
    assert.equal(changed.body.verified, false);
    assert.equal(changed.body.clearance, 'AMBER');
    const audit = await AuditEntryModel.findOne({ action: 'expert_profile.updated' })
      .sort({ seq: -1 })
      .lean();
    assert.deepEqual((audit?.details as { changed: string[] }).changed, ['topics']);
  });
});
