/**
 * A token reaches only its own provider's people and groups: a table of every operation of Lyon's
 * token on Amman's user and group (and the reverse), each answering "not found" or "not a member"
 * and changing nothing, and lists and filters that never show the other city.
 */
import assert from 'node:assert/strict';
import { PersonModel } from '../../../server/models/Person.js';
import { ScimGroupModel } from '../../../server/models/ScimGroup.js';
import { ScimUserModel } from '../../../server/models/ScimUser.js';
import { GROUP_URN, patchBody, scimClient, scimWorld, userBody } from './scimKit.js';

describe('SCIM cross-city isolation', () => {
  const w = scimWorld();
  const made: Record<'lyon' | 'amman', { user: string; group: string }> = {
    lyon: { user: '', group: '' },
    amman: { user: '', group: '' },
  };

  before(async () => {
    for (const city of ['lyon', 'amman'] as const) {
      const c = scimClient(w.app, w.tokens[city]);
      // The same userName at both providers is two people (RFC: unique per service provider tenant).
      made[city].user = (await c.post('/Users', userBody('same.name@example.org')).expect(201)).body
        .id as string;
      made[city].group = (
        await c
          .post('/Groups', {
            schemas: [GROUP_URN],
            displayName: 'mayors',
            members: [{ value: made[city].user }],
          })
          .expect(201)
      ).body.id as string;
    }
  });

  const table: [
    string,
    (c: ReturnType<typeof scimClient>, other: { user: string; group: string }) => Promise<{ status: number }>,
    number,
  ][] = [
    ['GET user', (c, o) => c.get(`/Users/${o.user}`), 404],
    ['PUT user', (c, o) => c.put(`/Users/${o.user}`, userBody('taken@example.org')), 404],
    [
      'PATCH user active false',
      (c, o) => c.patch(`/Users/${o.user}`, patchBody({ op: 'replace', path: 'active', value: false })),
      404,
    ],
    ['DELETE user', (c, o) => c.delete(`/Users/${o.user}`), 404],
    ['GET group', (c, o) => c.get(`/Groups/${o.group}`), 404],
    ['PUT group', (c, o) => c.put(`/Groups/${o.group}`, { schemas: [GROUP_URN], displayName: 'x' }), 404],
    [
      'PATCH group',
      (c, o) => c.patch(`/Groups/${o.group}`, patchBody({ op: 'replace', path: 'displayName', value: 'x' })),
      404,
    ],
    ['DELETE group', (c, o) => c.delete(`/Groups/${o.group}`), 404],
    [
      'add the other city’s user to an own group',
      (c, o) =>
        c.post('/Groups', { schemas: [GROUP_URN], displayName: 'steal', members: [{ value: o.user }] }),
      400,
    ],
  ];

  for (const [from, to] of [
    ['lyon', 'amman'],
    ['amman', 'lyon'],
  ] as const) {
    for (const [name, call, status] of table) {
      it(`${from}'s token: ${name} of ${to} answers ${status}`, async () => {
        const before = {
          users: await ScimUserModel.find({}).lean(),
          groups: await ScimGroupModel.find({}).lean(),
          people: await PersonModel.find({}, { status: 1, roles: 1, name: 1 }).lean(),
        };
        const res = await call(scimClient(w.app, w.tokens[from]), made[to]);
        assert.equal(res.status, status);
        assert.deepEqual(await ScimUserModel.find({}).lean(), before.users, 'no user changed');
        assert.deepEqual(await ScimGroupModel.find({}).lean(), before.groups, 'no group changed');
        assert.deepEqual(
          await PersonModel.find({}, { status: 1, roles: 1, name: 1 }).lean(),
          before.people,
          'no person changed',
        );
      });
    }

    it(`${from}'s token lists and filters only ${from}'s people and groups`, async () => {
      const c = scimClient(w.app, w.tokens[from]);
      for (const path of [
        '/Users',
        `/Users?filter=${encodeURIComponent('userName eq "same.name@example.org"')}`,
        `/Users?filter=${encodeURIComponent(`id eq "${made[to].user}"`)}`,
        `/Users?filter=${encodeURIComponent('emails[type eq "work"].value pr or not (userName pr)')}`,
      ]) {
        const res = await c.get(path).expect(200);
        assert.deepEqual(
          res.body.Resources.map((r: { id: string }) => r.id).filter((id: string) => id !== made[from].user),
          [],
          path,
        );
      }
      const groups = await c.get('/Groups').expect(200);
      assert.deepEqual(
        groups.body.Resources.map((g: { id: string }) => g.id),
        [made[from].group],
      );
      const byMember = await c
        .get(`/Groups?filter=${encodeURIComponent(`members[value eq "${made[to].user}"]`)}`)
        .expect(200);
      assert.equal(byMember.body.totalResults, 0);
    });
  }

  it('keeps each person in their provider’s city', async () => {
    const people = await PersonModel.find({ email: 'same.name@example.org' }).lean();
    assert.equal(people.length, 2);
    const lyonUser = await ScimUserModel.findById(made.lyon.user).lean();
    const ammanUser = await ScimUserModel.findById(made.amman.user).lean();
    assert.notEqual(String(lyonUser?.cityId), String(ammanUser?.cityId));
    for (const user of [lyonUser, ammanUser]) {
      const person = people.find((p) => p._id.equals(user!.personId));
      assert.equal(String(person?.cityId), String(user?.cityId));
    }
  });
});
