/**
 * Who sees an expert request, from a table of expected outcomes (SHARING.md; issue #14): by person and
 * label, the request read by id, listed as "mine" and in the triage queue, found by search (readers
 * only: triage is not reading), and whether an offer could be made to the expert (cleared for AMBER
 * only). The requester's city sees it through the requester
 * and the focal point; the hub's coordinator and the global moderators triage it; nobody else, and the
 * expert only once they accepted.
 */
import assert from 'node:assert/strict';
import type { Express } from 'express';
import request from 'supertest';
import { ExpertProfileModel } from '../../../../server/models/ExpertProfile.js';
import { SpaceModel } from '../../../../server/models/Space.js';
import { resetDatabase } from '../../../support/database.js';
import { testApp } from '../../../support/app.js';
import { tableDifferences } from '../../../support/outcomeTables.js';
import { seedSharing, type SharingPeople } from '../../../support/sharingFixtures.js';

const LABELS = ['GREEN', 'AMBER', 'AMBER+STRICT'] as const;
const WHO = [
  'anonymous',
  'practitioner',
  'focal',
  'otherCity',
  'partner',
  'observer',
  'expert',
  'coordinator',
  'moderator',
  'admin',
] as const;
const COLUMNS = ['who', 'label', 'get', 'mine', 'triage', 'search'] as const;

// get: the HTTP status of GET /requests/{id}; mine / triage: listed there; search: found by
// GET /search (with its problem's words shown only then). The expert column is read
// after the coordinator offered the request and the expert accepted where the hard filters allowed
// (their clearance is AMBER: an AMBER+STRICT request is never offered to them).
const EXPECTED: readonly (readonly [string, string, number, boolean, boolean, boolean])[] = LABELS.flatMap(
  (label) => [
    ['anonymous', label, 401, false, false, false] as const,
    ['practitioner', label, 200, true, false, true] as const, // the requester
    ['focal', label, 200, true, false, true] as const, // the requester city's focal point
    ['otherCity', label, 404, false, false, false] as const,
    ['partner', label, 404, false, false, false] as const, // a community partner of the same city
    ['observer', label, 404, false, false, false] as const,
    [
      'expert',
      label,
      label === 'AMBER+STRICT' ? 404 : 200,
      label !== 'AMBER+STRICT',
      false,
      label !== 'AMBER+STRICT',
    ] as const,
    // Coordinates the city's hub; joined the room as its moderator when the expert took their offer.
    ['coordinator', label, 200, label !== 'AMBER+STRICT', true, label !== 'AMBER+STRICT'] as const,
    ['moderator', label, 200, false, true, false] as const, // global moderator: triages, reads no list
    ['admin', label, 404, false, false, false] as const, // administers the directory; triage is the moderators'
  ],
);

describe('expert requests: who sees them (expected-outcome table)', function () {
  this.timeout(120_000);
  let app: Express;
  let p: SharingPeople;
  const ids: Record<string, string> = {};

  before(async () => {
    await resetDatabase();
    p = (await seedSharing()).people;
    app = testApp();
    await ExpertProfileModel.create({
      personId: p.expert.id,
      topics: ['schools'],
      languages: [{ code: 'en', proficiency: 'native' }],
      formats: ['remote_advice'],
      clearance: 'AMBER',
    });
    for (const label of LABELS) {
      const res = await request(app)
        .post('/api/v1/requests')
        .set(p.practitioner.auth)
        .send({
          title: `A ${label} question`,
          problem: 'What works in schools?',
          topics: ['schools'],
          formats: ['remote_advice'],
          languages: ['en'],
          label,
        });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      ids[label] = res.body.id;
      await request(app)
        .post(`/api/v1/requests/${res.body.id}/transitions`)
        .set(p.coordinator.auth)
        .send({ to: 'matching' })
        .expect(200);
      const offer = await request(app)
        .post(`/api/v1/requests/${res.body.id}/offers`)
        .set(p.coordinator.auth)
        .send({ expertIds: [p.expert.id] });
      assert.equal(offer.status, label === 'AMBER+STRICT' ? 400 : 201, JSON.stringify(offer.body));
      if (offer.status === 201) {
        await request(app)
          .post(`/api/v1/offers/${offer.body.items[0].id}/accept`)
          .set(p.expert.auth)
          .expect(200);
        const room = await SpaceModel.findById(res.body.roomId).lean();
        assert.equal(room?.ceiling, 'AMBER', "the room's ceiling comes within the expert's clearance");
      }
    }
  });

  it('matches the table on every channel', async () => {
    const observed: (readonly [string, string, number, boolean, boolean, boolean])[] = [];
    for (const label of LABELS)
      for (const who of WHO) {
        const auth = who === 'anonymous' ? {} : p[who].auth;
        const id = ids[label] as string;
        const get = await request(app).get(`/api/v1/requests/${id}`).set(auth);
        const listed = async (scope: string) => {
          const res = await request(app).get(`/api/v1/requests?scope=${scope}&limit=100`).set(auth);
          return res.status === 200 && JSON.stringify(res.body).includes(id);
        };
        const search = await request(app)
          .get('/api/v1/search?q=schools&types=request&limit=50')
          .set(auth)
          .expect(200);
        const found = JSON.stringify(search.body).includes(id);
        observed.push([who, label, get.status, await listed('mine'), await listed('triage'), found]);
        if (get.status !== 200) assert.ok(!JSON.stringify(get.body).includes('What works in schools'));
        if (!found)
          assert.ok(!JSON.stringify(search.body).includes(`A ${label} question`), `${who} ${label}`);
      }
    assert.deepEqual(tableDifferences(observed, EXPECTED, COLUMNS), []);
  });
});
