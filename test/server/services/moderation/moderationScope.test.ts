/**
 * The moderators' console shows nothing the policy refuses: an expected-outcome table of who sees
 * which flagged item in the queue, in the audit view and as an item record (global moderator, a hub's
 * coordinator, another hub's coordinator, people who moderate nothing), and a cross-check that the
 * queue's query filter and the policy's per-flag decision agree on every stored flag.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import type { Express } from 'express';
import { randomUUID } from 'node:crypto';
import { FlagModel } from '../../../../server/models/Flag.js';
import { SpaceModel } from '../../../../server/models/Space.js';
import { allows } from '../../../../server/policy/authorizer.js';
import { loadSharingContext } from '../../../../server/policy/loadSharingContext.js';
import { loadActivePersonActor } from '../../../../server/policy/personActor.js';
import { updateHub } from '../../../../server/services/hubs/updateHub.js';
import { resetDatabase } from '../../../support/database.js';
import { testApp } from '../../../support/app.js';
import { OPERATOR, type TestPerson } from '../../../support/fixtures.js';
import { tableDifferences } from '../../../support/outcomeTables.js';
import { person, seedSharing, space, type SharingPeople } from '../../../support/sharingFixtures.js';

type Who = 'moderator' | 'coordinator' | 'menaCoordinator' | 'practitioner' | 'admin';
type Row = readonly [Who, string, string, string, string];

/** Each flagged item: where, its label, who wrote it and who flagged it. */
const ITEMS = [
  { name: 'europe post GREEN', space: 'europe-forum', label: 'GREEN', kind: 'post' },
  { name: 'europe message GREEN', space: 'europe-forum', label: 'GREEN', kind: 'message' },
  { name: 'network post GREEN', space: 'network', label: 'GREEN', kind: 'post' },
  { name: 'mena post GREEN', space: 'mena-forum', label: 'GREEN', kind: 'post' },
  { name: 'lyon-internal post AMBER+STRICT', space: 'lyon-internal', label: 'AMBER+STRICT', kind: 'post' },
  { name: 'workshop post RED', space: 'workshop', label: 'RED', kind: 'post' },
] as const;

const SEES = 'sees';
const HIDDEN = 'hidden';
const REFUSED = 'refused';

/** The expected outcome: [queue, audit view, item record] for each person and item. */
function expected(who: Who, item: (typeof ITEMS)[number]): [string, string, string] {
  if (who === 'practitioner' || who === 'admin') return [REFUSED, REFUSED, REFUSED];
  const sees =
    who === 'moderator' ||
    (who === 'coordinator' && item.space === 'europe-forum') ||
    (who === 'menaCoordinator' && item.space === 'mena-forum');
  return sees ? [SEES, SEES, SEES] : [HIDDEN, HIDDEN, HIDDEN];
}

describe('the moderators’ console shows nothing the policy refuses', () => {
  let app: Express;
  let p: SharingPeople & { menaCoordinator: TestPerson };
  const ids = new Map<string, string>();

  before(async () => {
    await resetDatabase();
    const seeded = (await seedSharing()).people;
    const menaCoordinator = await person(
      'Mona Mena',
      'mona@test.example',
      ['practitioner'],
      undefined,
      'MENA',
    );
    await updateHub(OPERATOR, 'mena', { coordinatorIds: [menaCoordinator.id] });
    await space('mena-forum', 'hub', 'GREEN', 'GREEN', { hub: 'mena' });
    p = { ...seeded, menaCoordinator };
    app = testApp();
    const europeRoom = String((await SpaceModel.findOne({ slug: 'europe-forum' }).lean())!._id);
    for (const item of ITEMS) {
      const author = item.space === 'mena-forum' ? p.otherCity : p.practitioner;
      const flagger = item.space === 'mena-forum' ? p.isc : p.focal;
      let id: string;
      if (item.kind === 'message') {
        const sent = await request(app)
          .post(`/api/v1/rooms/${europeRoom}/messages`)
          .set(author.auth)
          .send({ clientId: randomUUID(), body: item.name })
          .expect(200);
        id = String(sent.body.id);
      } else {
        const created = await request(app)
          .post(`/api/v1/spaces/${item.space}/posts`)
          .set(author.auth)
          .send({ title: item.name, body: item.name, label: item.label })
          .expect(201);
        id = String(created.body.id);
      }
      ids.set(item.name, id);
      await request(app)
        .post(`/api/v1/${item.kind === 'message' ? 'messages' : 'posts'}/${id}/flags`)
        .set(flagger.auth)
        .send({ reason: 'wrong_space_or_sensitive' })
        .expect(202);
    }
  });

  it('matches the expected-outcome table (queue, audit view, item record)', async () => {
    const observed: Row[] = [];
    const wanted: Row[] = [];
    for (const who of ['moderator', 'coordinator', 'menaCoordinator', 'practitioner', 'admin'] as const) {
      const auth = p[who].auth;
      const queue = await request(app).get('/api/v1/moderation/flags?limit=100').set(auth);
      const audit = await request(app).get('/api/v1/moderation/audit?limit=100').set(auth);
      for (const item of ITEMS) {
        const id = ids.get(item.name)!;
        const type = item.kind === 'message' ? 'Message' : 'Post';
        const inQueue =
          queue.status === 403
            ? REFUSED
            : (queue.body.items as { item: { id: string } }[]).some((f) => f.item.id === id)
              ? SEES
              : HIDDEN;
        const inAudit =
          audit.status === 403
            ? REFUSED
            : (audit.body.items as { target: { id: string } }[]).some((e) => e.target.id === id)
              ? SEES
              : HIDDEN;
        const record = await request(app).get(`/api/v1/moderation/items/${type}/${id}`).set(auth);
        const asRecord = record.status === 200 ? SEES : record.status === 404 ? HIDDEN : REFUSED;
        observed.push([who, item.name, inQueue, inAudit, asRecord]);
        wanted.push([who, item.name, ...expected(who, item)]);
      }
    }
    assert.deepEqual(tableDifferences(observed, wanted, ['who', 'item', 'queue', 'audit', 'record']), []);
  });

  it('the queue filter and the per-flag decision agree on every stored flag', async () => {
    const all = await FlagModel.find({}).lean();
    assert.equal(all.length, ITEMS.length);
    for (const who of ['moderator', 'coordinator', 'menaCoordinator'] as const) {
      const ctx = await loadSharingContext((await loadActivePersonActor(p[who].id))!);
      const listed = new Set(
        (
          (await request(app).get('/api/v1/moderation/flags?limit=100').set(p[who].auth).expect(200)).body
            .items as { id: string }[]
        ).map((f) => f.id),
      );
      for (const flag of all)
        assert.equal(
          listed.has(String(flag._id)),
          allows(ctx, 'read', 'Flag', flag as unknown as Record<string, unknown>),
          `${who}: flag ${String(flag._id)}`,
        );
    }
  });
});
