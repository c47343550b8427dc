import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Types, type Model } from 'mongoose';
import type { Actor } from '../../../shared/policy/actor.js';
import { ROLES, type Role } from '../../../shared/roles.js';
import { CITY_STATUSES } from '../../../shared/schemas/cities.js';
import { PERSON_STATUSES } from '../../../shared/schemas/people.js';
import { accessFilter, can } from '../../../server/policy/authorize.js';
import { CityModel } from '../../../server/models/City.js';
import { PersonModel } from '../../../server/models/Person.js';
import { resetDatabase } from '../../support/database.js';

const LYON = new Types.ObjectId().toHexString();
const AMMAN = new Types.ObjectId().toHexString();
const HUB = new Types.ObjectId();

const person = (
  roles: Role[],
  cityId: string | null = LYON,
  id = new Types.ObjectId().toHexString(),
): Actor => ({ kind: 'person', id, name: 'P', cityId, roles });
const actors: Record<string, Actor> = {
  anonymous: { kind: 'anonymous' },
  operator: { kind: 'operator', name: 'cli' },
  admin: person(['admin'], null),
  focalOfLyon: person(['focal_point']),
  practitionerOfLyon: person(['practitioner']),
  leaderOfAmman: person(['leader'], AMMAN),
  expert: person(['expert'], null),
};

/** The table of expected outcomes: actor x item x action -> allowed. */
const table: [
  string,
  string,
  'read' | 'update' | 'create' | 'setStatus' | 'setRoles' | 'decide',
  Record<string, unknown> | null,
  boolean,
][] = [
  ['anonymous', 'City', 'read', { status: 'member', _id: LYON }, true],
  ['anonymous', 'City', 'read', { status: 'applicant', _id: LYON }, false],
  ['anonymous', 'City', 'read', { status: 'suspended', _id: LYON }, false],
  ['anonymous', 'Hub', 'read', {}, true],
  ['anonymous', 'Application', 'create', null, true],
  ['anonymous', 'Person', 'read', { status: 'active' }, false],
  ['anonymous', 'City', 'update', { status: 'member', _id: LYON }, false],
  ['practitionerOfLyon', 'Person', 'read', { status: 'active', cityId: AMMAN }, true],
  ['practitionerOfLyon', 'Person', 'read', { status: 'suspended', cityId: LYON }, false],
  ['practitionerOfLyon', 'City', 'read', { status: 'suspended', _id: LYON }, true],
  ['practitionerOfLyon', 'City', 'read', { status: 'suspended', _id: AMMAN }, false],
  ['practitionerOfLyon', 'City', 'update', { status: 'member', _id: LYON }, false],
  ['practitionerOfLyon', 'Application', 'decide', {}, false],
  ['focalOfLyon', 'Person', 'read', { status: 'suspended', cityId: LYON }, true],
  ['focalOfLyon', 'Person', 'read', { status: 'suspended', cityId: AMMAN }, false],
  ['focalOfLyon', 'City', 'update', { status: 'member', _id: LYON }, true],
  ['focalOfLyon', 'City', 'update', { status: 'member', _id: AMMAN }, false],
  ['focalOfLyon', 'City', 'setStatus', { status: 'member', _id: LYON }, false],
  ['focalOfLyon', 'Person', 'setRoles', { status: 'active', cityId: LYON }, false],
  ['leaderOfAmman', 'City', 'update', { status: 'member', _id: AMMAN }, false],
  ['expert', 'Application', 'decide', {}, false],
  ['expert', 'Person', 'read', { status: 'invited' }, false],
  ['admin', 'City', 'setStatus', { status: 'applicant', _id: AMMAN }, true],
  ['admin', 'Application', 'decide', {}, true],
  ['admin', 'Person', 'setRoles', { status: 'active' }, true],
  ['operator', 'Application', 'decide', {}, true],
];

describe('the directory policy', () => {
  it('matches the table of expected outcomes', () => {
    const mismatches = table.filter(([who, type, action, item, expected]) => {
      const subject = type as 'City' | 'Hub' | 'Person' | 'Application';
      return can(actors[who]!, action, subject, item ?? undefined) !== expected;
    });
    assert.deepEqual(mismatches, []);
  });

  it('shows e-mail only to admins and to the person', () => {
    const self = person(['practitioner']);
    const selfId = (self as { id: string }).id;
    assert.equal(can(self, 'read', 'Person', { _id: selfId, status: 'active' }, 'email'), true);
    assert.equal(
      can(self, 'read', 'Person', { _id: new Types.ObjectId().toHexString(), status: 'active' }, 'email'),
      false,
    );
    assert.equal(
      can(self, 'read', 'Person', { _id: new Types.ObjectId().toHexString(), status: 'active' }, 'name'),
      true,
    );
    assert.equal(can(actors.admin!, 'read', 'Person', { _id: selfId, status: 'active' }, 'email'), true);
  });

  describe('per-item decisions agree with the query filter', () => {
    before(resetDatabase);

    it('for random people, cities and actors', async () => {
      const cityIds = [LYON, AMMAN, new Types.ObjectId().toHexString()];
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({ city: fc.constantFrom(...cityIds), status: fc.constantFrom(...CITY_STATUSES) }),
            { minLength: 1, maxLength: 3 },
          ),
          fc.array(
            fc.record({
              city: fc.option(fc.constantFrom(...cityIds)),
              status: fc.constantFrom(...PERSON_STATUSES),
            }),
            { minLength: 1, maxLength: 6 },
          ),
          fc.record({
            roles: fc.subarray([...ROLES]),
            city: fc.option(fc.constantFrom(...cityIds)),
            anonymous: fc.boolean(),
          }),
          async (cities, people, who) => {
            await CityModel.deleteMany({});
            await PersonModel.deleteMany({});
            const storedCities = await CityModel.insertMany(
              cities.map((c, i) => ({
                _id: i === 0 ? c.city : new Types.ObjectId(),
                slug: `c${i}-${c.city}`,
                name: `C${i}`,
                kind: 'city',
                country: 'FR',
                hubId: HUB,
                status: c.status,
              })),
            );
            const storedPeople = await PersonModel.insertMany(
              people.map((p, i) => ({
                name: `P${i}`,
                email: `p${i}@x.example`,
                cityId: p.city,
                roles: ['practitioner'],
                status: p.status,
              })),
            );
            const actor: Actor = who.anonymous
              ? { kind: 'anonymous' }
              : {
                  kind: 'person',
                  id: String(storedPeople[0]!._id),
                  name: 'A',
                  cityId: who.city,
                  roles: who.roles,
                };
            const checks: ['City' | 'Person', unknown[]][] = [
              ['City', storedCities],
              ['Person', storedPeople],
            ];
            for (const [type, stored] of checks) {
              const model = (type === 'City' ? CityModel : PersonModel) as unknown as Model<
                Record<string, unknown>
              >;
              const all = (await model.find({}).lean()) as Record<string, unknown>[];
              const byPolicy: string[] = all
                .filter((doc) => can(actor, 'read', type, doc))
                .map((d) => String(d._id))
                .sort();
              const mayList = can(actor, 'read', type);
              const byQuery: string[] = mayList
                ? (
                    (await model
                      .find({ $and: [accessFilter(actor, 'read', type)] } as never)
                      .lean()) as Record<string, unknown>[]
                  )
                    .map((d) => String(d._id))
                    .sort()
                : [];
              assert.deepEqual(byQuery, byPolicy, `${type} for ${JSON.stringify(actor)}`);
              assert.ok(stored.length > 0);
            }
          },
        ),
        { numRuns: 40 },
      );
    });
  });
});
