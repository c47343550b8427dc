import assert from 'node:assert/strict';
import { ScimGroupModel } from '../../../../server/models/ScimGroup.js';
import { ScimUserModel } from '../../../../server/models/ScimUser.js';
import { PersonModel } from '../../../../server/models/Person.js';
import { removePersonalRecords } from '../../../../server/services/erasure/removePersonalRecords.js';
import { GROUP_URN, scimClient, scimWorld, userBody } from '../../scim/scimKit.js';

describe('removePersonalRecords: what a city directory provisioned goes with the account', () => {
  const world = scimWorld();

  it('deletes the SCIM copy of the person (name, e-mails) and takes them out of every group', async () => {
    const lyon = scimClient(world.app, world.tokens.lyon);
    const created = await lyon.post('/Users', userBody('erased@lyon.example'));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const kept = await lyon.post('/Users', userBody('kept@lyon.example'));
    const group = await lyon.post('/Groups', {
      schemas: [GROUP_URN],
      displayName: 'Prevention team',
      members: [{ value: created.body.id }, { value: kept.body.id }],
    });
    assert.equal(group.status, 201, JSON.stringify(group.body));
    const person = await PersonModel.findOne({ email: 'erased@lyon.example' }).lean();
    assert.ok(person);

    await removePersonalRecords(String(person._id));

    assert.equal(await ScimUserModel.countDocuments({ personId: person._id }), 0);
    assert.ok(!JSON.stringify(await ScimUserModel.find().lean()).includes('erased@lyon.example'));
    const stored = await ScimGroupModel.findById(group.body.id).lean();
    assert.deepEqual(
      stored?.memberIds.map(String),
      [String(kept.body.id)],
      'only the other member stays in the group',
    );
    await lyon.get(`/Users/${created.body.id}`).expect(404);
  });
});
