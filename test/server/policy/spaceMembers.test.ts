import assert from 'node:assert/strict';
import { PersonModel } from '../../../server/models/Person.js';
import { SpaceModel } from '../../../server/models/Space.js';
import { loadSharingContext } from '../../../server/policy/loadSharingContext.js';
import { changeCityStatus } from '../../../server/services/cities/changeCityStatus.js';
import { personActor } from '../../../server/policy/personActor.js';
import { setPersonRoles } from '../../../server/services/people/setPersonRoles.js';
import { updateCity } from '../../../server/services/cities/updateCity.js';
import { HubModel } from '../../../server/models/Hub.js';
import { currentMemberIds, memberIdsSince } from '../../../server/policy/spaceMembers.js';
import { resetDatabase } from '../../support/database.js';
import { OPERATOR } from '../../support/fixtures.js';
import { addMembers, person, seedSharing, type SharingPeople } from '../../support/sharingFixtures.js';

/** A practitioner of `city`, made through the real service. */
function practitioner(email: string, city: string) {
  return person(email, email, ['practitioner'], city);
}

describe('currentMemberIds and memberIdsSince (notification fan-out and the RED audience)', () => {
  let people: SharingPeople;

  before(async () => {
    await resetDatabase();
    people = (await seedSharing()).people;
    // A person of an applicant city, even with an explicit membership, takes part nowhere.
    await addMembers('workshop', await practitioner('gina@graz.test.example', 'graz'));
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

  it('keeps to the people present since a moment: later people, joins, roles and reinstatements are left out', async () => {
    const network = (await SpaceModel.findOne({ slug: 'network' }).lean())!;
    const workshop = (await SpaceModel.findOne({ slug: 'workshop' }).lean())!;
    const committee = (await SpaceModel.findOne({ slug: 'isc' }).lean())!;
    await new Promise((r) => setTimeout(r, 5));
    const sharedAt = new Date();
    await new Promise((r) => setTimeout(r, 5));
    const newcomer = await practitioner('new@lyon.test.example', 'lyon');
    await addMembers('workshop', people.expert);
    await setPersonRoles(OPERATOR, people.practitioner.id, ['practitioner', 'isc_member']);
    // A role that changes no membership (the focal point becomes an expert too) counts nothing.
    await setPersonRoles(OPERATOR, people.focal.id, ['focal_point', 'expert']);
    await changeCityStatus(OPERATOR, 'amman', { status: 'suspended', reason: 'test' });
    await changeCityStatus(OPERATOR, 'amman', { status: 'member', reason: 'test' });

    const now = await currentMemberIds(network);
    const since = await memberIdsSince(network, sharedAt);
    assert.ok(now.includes(newcomer.id) && !since.includes(newcomer.id), 'a person created later');
    for (const amman of [people.otherCity.id, people.isc.id])
      assert.ok(now.includes(amman) && !since.includes(amman), 'a city reinstated later');
    assert.ok(since.includes(people.focal.id) && since.includes(people.expert.id), 'present all along');
    assert.ok((await memberIdsSince(workshop, sharedAt)).includes(people.focal.id), 'an unrelated role');
    assert.ok(
      since.every((id) => now.includes(id)),
      'never wider than the members now',
    );

    const workshopSince = await memberIdsSince(workshop, sharedAt);
    assert.ok(!workshopSince.includes(people.expert.id), 'an explicit member who joined later');
    assert.ok(workshopSince.includes(people.focal.id));

    const committeeNow = await currentMemberIds(committee);
    assert.ok(committeeNow.includes(people.practitioner.id));
    assert.ok(
      !(await memberIdsSince(committee, sharedAt)).includes(people.practitioner.id),
      'a role gained later',
    );

    // A city moved to another hub: its people take part in the new hub's spaces from the move on.
    await updateCity(OPERATOR, 'lyon', { hub: 'mena' });
    const menaHubId = (await HubModel.findOne({ slug: 'mena' }).lean())!._id;
    const menaSpace = (
      await SpaceModel.create({
        slug: 'mena-room',
        name: 'MENA room',
        kind: 'hub',
        hubId: menaHubId,
        ceiling: 'RED',
        defaultLabel: 'GREEN',
        createdBy: 'test',
      })
    ).toObject();
    assert.ok((await currentMemberIds(menaSpace)).includes(people.focal.id));
    assert.ok(!(await memberIdsSince(menaSpace, sharedAt)).includes(people.focal.id), 'moved in later');
  });
});
