import assert from 'node:assert/strict';
import { PersonModel } from '../../../../server/models/Person.js';
import { SpaceModel } from '../../../../server/models/Space.js';
import { loadSharingContext } from '../../../../server/policy/loadSharingContext.js';
import { personActor } from '../../../../server/services/people/personActor.js';
import { currentMemberIds } from '../../../../server/services/spaces/spaceMembers.js';
import { resetDatabase } from '../../../support/database.js';
import { seedSharing } from '../../../support/sharingFixtures.js';

describe('currentMemberIds (notification fan-out and the RED audience)', () => {
  before(async () => {
    await resetDatabase();
    await seedSharing();
  });

  it('agrees, space by space, with the participation rules of the policy', async () => {
    const people = await PersonModel.find({ status: 'active' }).lean();
    const contexts = await Promise.all(people.map((p) => loadSharingContext(personActor(p))));
    const spaces = await SpaceModel.find({}).lean();
    assert.ok(spaces.length >= 8);
    for (const space of spaces) {
      const byPolicy = contexts
        .filter((c) => c.spaceIds.includes(String(space._id)))
        .map((c) => (c.actor.kind === 'person' ? c.actor.id : ''))
        .sort();
      assert.deepEqual(await currentMemberIds(space), byPolicy, space.slug);
    }
  });
});
