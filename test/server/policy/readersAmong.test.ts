/**
 * readersAmong (notifications to many people at once) agrees, person by person, with the per-item
 * decision of each person's own sharing context, for every label, a published item, a RED audience
 * snapshot, a quarantined item and a space with a non-member city among its people.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import { PersonModel } from '../../../server/models/Person.js';
import { loadContent } from '../../../server/policy/contentAccess.js';
import { loadSharingContext } from '../../../server/policy/loadSharingContext.js';
import { personActor } from '../../../server/policy/personActor.js';
import { readersAmong } from '../../../server/policy/readersAmong.js';
import { canShare } from '../../../server/policy/sharingAccess.js';
import { testApp } from '../../support/app.js';
import { resetDatabase } from '../../support/database.js';
import { addMembers, person, seedSharing } from '../../support/sharingFixtures.js';

describe('readersAmong agrees with each person’s own decision', () => {
  it('for every label, published, RED, quarantined, and people of a non-member city', async function () {
    this.timeout(60_000);
    await resetDatabase();
    const { people } = await seedSharing();
    const gina = await person('Gina Graz', 'gina@graz.test.example', ['practitioner'], 'graz');
    await addMembers('workshop', gina);
    const app = testApp();
    const ids: string[] = [];
    for (const [slug, label] of [
      ['workshop', 'CLEAR'],
      ['workshop', 'GREEN'],
      ['workshop', 'AMBER+STRICT'],
      ['workshop', 'RED'],
      ['network', 'GREEN'],
      ['mayors', 'RED'],
    ] as const) {
      const author = slug === 'mayors' ? people.otherCity : people.practitioner;
      const res = await request(app)
        .post(`/api/v1/spaces/${slug}/posts`)
        .set(author.auth)
        .send({ title: `${slug} ${label}`, body: 'body', label })
        .expect(201);
      ids.push(res.body.id);
    }
    await request(app).post(`/api/v1/posts/${ids[0]}/publish`).set(people.practitioner.auth).expect(200);
    await addMembers('workshop', people.expert); // after the RED snapshot
    await request(app)
      .post(`/api/v1/posts/${ids[1]}/quarantine`)
      .set(people.moderator.auth)
      .send({ reason: 'test' })
      .expect(200);

    const everyone = await PersonModel.find({}).lean();
    const contexts = await Promise.all(everyone.map((p) => loadSharingContext(personActor(p))));
    for (const id of ids) {
      const item = (await loadContent(id))!;
      const expected = everyone
        .filter((p, i) => p.status === 'active' && canShare(contexts[i]!, 'read', 'Post', item as never))
        .map((p) => String(p._id))
        .sort();
      const got = (
        await readersAmong(
          'Post',
          item,
          everyone.map((p) => String(p._id)),
        )
      ).sort();
      assert.deepEqual(got, expected, `${item.title} (${item.label}, ${item.state})`);
    }
  });
});
