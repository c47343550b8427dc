import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Types } from 'mongoose';
import { ROLES } from '../../../shared/roles.js';
import { LABELS } from '../../../shared/policy/labels.js';
import {
  CONTENT_STATES,
  CONTENT_TYPES,
  onwardAllowed,
  relabelDirection,
} from '../../../shared/policy/content.js';
import { SPACE_KINDS } from '../../../shared/policy/spaces.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import { defineParticipationAbility, type SharingAction } from '../../../shared/policy/sharing.js';
import { asSubject } from '../../../server/policy/authorize.js';
import { MessageModel } from '../../../server/models/Message.js';
import { PostModel } from '../../../server/models/Post.js';
import { SpaceModel } from '../../../server/models/Space.js';
import { canShare, sharingFilter } from '../../../server/policy/sharingAccess.js';
import { readableContentFilter } from '../../../server/policy/contentAccess.js';
import { resetDatabase } from '../../support/database.js';

const id = () => new Types.ObjectId().toHexString();
const ME = id();
const OTHER = id();
const CITIES = [id(), id()];
const HUBS = [id(), id()];
const SPACES = [id(), id(), id()];

const CONTENT_ACTIONS: SharingAction[] = [
  'read',
  'share',
  'download',
  'flag',
  'export',
  'update',
  'delete',
  'moderate',
  'quarantine',
  'publish',
];

const contextArb = fc.record({
  anonymous: fc.boolean(),
  roles: fc.subarray([...ROLES]),
  cityId: fc.option(fc.constantFrom(...CITIES), { nil: null }),
  cityHubId: fc.option(fc.constantFrom(...HUBS), { nil: null }),
  explicitSpaceIds: fc.subarray(SPACES),
  managedSpaceIds: fc.subarray(SPACES),
  coordinatedHubIds: fc.subarray(HUBS),
  spaceIds: fc.subarray(SPACES),
});

type ContextInput = typeof contextArb extends fc.Arbitrary<infer T> ? T : never;

function contextOf(c: ContextInput): SharingContext {
  return {
    actor: c.anonymous
      ? { kind: 'anonymous' }
      : { kind: 'person', id: ME, name: 'Me', cityId: c.cityId, roles: c.roles },
    cityId: c.anonymous ? null : c.cityId,
    cityHubId: c.anonymous ? null : c.cityHubId,
    explicitSpaceIds: c.explicitSpaceIds,
    managedSpaceIds: c.managedSpaceIds,
    coordinatedHubIds: c.coordinatedHubIds,
    spaceIds: c.spaceIds,
  };
}

const postArb = fc.record({
  spaceId: fc.constantFrom(...SPACES),
  spaceHubId: fc.option(fc.constantFrom(...HUBS), { nil: null }),
  label: fc.constantFrom(...LABELS),
  audienceIds: fc.subarray([ME, OTHER]),
  authorId: fc.constantFrom(ME, OTHER),
  authorCityId: fc.option(fc.constantFrom(...CITIES), { nil: null }),
  state: fc.constantFrom(...CONTENT_STATES),
  published: fc.boolean(),
});

const spaceArb = fc.record({
  kind: fc.constantFrom(...SPACE_KINDS),
  hubId: fc.option(fc.constantFrom(...HUBS), { nil: null }),
  cityId: fc.option(fc.constantFrom(...CITIES), { nil: null }),
  leadersOnly: fc.boolean(),
});

describe('the sharing policy', () => {
  it('keeps the onward-sharing table', () => {
    const lyon = CITIES[0]!;
    const amman = CITIES[1]!;
    const dest = (kind: (typeof SPACE_KINDS)[number], cityId: string | null = null) => ({ kind, cityId });
    const cases: [string, ReturnType<typeof dest>, string | null, boolean][] = [
      ['CLEAR', dest('network'), null, true],
      ['GREEN', dest('hub'), null, true],
      ['AMBER', dest('city', lyon), lyon, true],
      ['AMBER', dest('city_partners', lyon), lyon, true],
      ['AMBER', dest('city', amman), lyon, false],
      ['AMBER', dest('hub'), lyon, false],
      ['AMBER', dest('city', lyon), null, false],
      ['AMBER+STRICT', dest('city', lyon), lyon, true],
      ['AMBER+STRICT', dest('city_partners', lyon), lyon, false],
      ['AMBER+STRICT', dest('peer_room'), lyon, false],
      ['RED', dest('city', lyon), lyon, false],
      ['RED', dest('peer_room'), lyon, false],
    ];
    for (const [label, destination, sharer, expected] of cases)
      assert.equal(
        onwardAllowed(label as never, destination, sharer),
        expected,
        `${label} to ${destination.kind}`,
      );
    assert.equal(relabelDirection('GREEN', 'RED'), 'raise');
    assert.equal(relabelDirection('RED', 'CLEAR'), 'lower');
    assert.equal(relabelDirection('AMBER', 'AMBER'), null);
  });

  it('keeps the rules that differ by content type (each rule is written once for its types)', () => {
    const person = (roles: string[], extra: Partial<SharingContext> = {}): SharingContext => ({
      actor: { kind: 'person', id: ME, name: 'Me', cityId: CITIES[0]!, roles: roles as never },
      cityId: CITIES[0]!,
      cityHubId: null,
      explicitSpaceIds: [],
      managedSpaceIds: [],
      coordinatedHubIds: [],
      spaceIds: [SPACES[0]!],
      ...extra,
    });
    const item = (fields: Record<string, unknown>) => ({
      _id: id(),
      spaceId: SPACES[0],
      spaceHubId: null,
      label: 'GREEN',
      audienceIds: [],
      authorId: OTHER,
      authorCityId: null,
      state: 'visible',
      published: false,
      topicHidden: false,
      forwardedFrom: null,
      ...fields,
    });
    const typesWhere = (ctx: SharingContext, action: SharingAction, doc: Record<string, unknown>) =>
      CONTENT_TYPES.filter((type) => canShare(ctx, action, type, doc));
    const practitioner = person(['practitioner']);
    // One's own forwarded copy above GREEN: exported for the types that are never shared onward only.
    assert.deepEqual(
      typesWhere(practitioner, 'export', item({ authorId: ME, label: 'AMBER', forwardedFrom: id() })),
      ['Message', 'ExpertRequest', 'LibraryRecord'],
    );
    assert.deepEqual(typesWhere(practitioner, 'export', item({ authorId: ME, label: 'AMBER' })), [
      ...CONTENT_TYPES,
    ]);
    // A room's owner or moderator deletes others' messages there, and nothing else of theirs.
    const roomManager = person(['practitioner'], { managedSpaceIds: [SPACES[0]!] });
    assert.deepEqual(typesWhere(roomManager, 'delete', item({})), ['Message']);
    assert.deepEqual(typesWhere(practitioner, 'delete', item({})), []);
    // An admin edits the library (moderates its records), and moderates nothing else.
    const admin = person(['admin'], { spaceIds: [] });
    assert.deepEqual(typesWhere(admin, 'moderate', item({})), ['LibraryRecord']);
    assert.deepEqual(typesWhere(admin, 'quarantine', item({})), ['LibraryRecord']);
    // One flags others' readable material of every type, and one's own of none.
    assert.deepEqual(typesWhere(practitioner, 'flag', item({})), [...CONTENT_TYPES]);
    assert.deepEqual(typesWhere(practitioner, 'flag', item({ authorId: ME })), []);
  });

  describe('per-item decisions agree with the query filter (accessibleBy)', () => {
    before(resetDatabase);

    it('for random people and posts (replies hidden with their topic too), on every content action', async () => {
      const withTopic = fc.tuple(postArb, fc.boolean());
      await fc.assert(
        fc.asyncProperty(
          contextArb,
          fc.array(withTopic, { minLength: 1, maxLength: 8 }),
          async (c, posts) => {
            const ctx = contextOf(c);
            await PostModel.deleteMany({});
            await PostModel.insertMany(
              posts.map(([p, topicHidden], i) => ({
                ...p,
                topicHidden,
                title: `T${i}`,
                body: 'b',
                tokens: [],
                moderation: [],
              })),
            );
            const all = (await PostModel.find({}).lean()) as unknown as Record<string, unknown>[];
            for (const action of CONTENT_ACTIONS) {
              const byItem = all
                .filter((doc) => canShare(ctx, action, 'Post', doc))
                .map((d) => String(d._id))
                .sort();
              const byQuery = (
                (await PostModel.find({
                  $and: [readableContentFilter(ctx, action as never)],
                } as never).lean()) as unknown as Record<string, unknown>[]
              )
                .map((d) => String(d._id))
                .sort();
              assert.deepEqual(byQuery, byItem, `${action} for ${JSON.stringify(ctx)}`);
            }
          },
        ),
        { numRuns: 40 },
      );
    });

    it('for random people and room messages, on every content action (room moderators delete)', async () => {
      await fc.assert(
        fc.asyncProperty(contextArb, fc.array(postArb, { minLength: 1, maxLength: 8 }), async (c, items) => {
          const ctx = contextOf(c);
          await MessageModel.deleteMany({});
          await MessageModel.insertMany(
            items.map((m, i) => ({
              ...m,
              authorName: 'A',
              clientId: `client-${i}`,
              body: 'b',
              html: '<p>b</p>',
              tokens: [],
            })),
          );
          const all = (await MessageModel.find({}).lean()) as unknown as Record<string, unknown>[];
          for (const action of CONTENT_ACTIONS) {
            const byItem = all
              .filter((doc) => canShare(ctx, action, 'Message', doc))
              .map((d) => String(d._id))
              .sort();
            const byQuery = (
              (await MessageModel.find({
                $and: [readableContentFilter(ctx, action as never, 'Message')],
              } as never).lean()) as unknown as Record<string, unknown>[]
            )
              .map((d) => String(d._id))
              .sort();
            assert.deepEqual(byQuery, byItem, `${action} for ${JSON.stringify(ctx)}`);
          }
          // A room owner or moderator taking part in the room may delete its messages.
          for (const doc of all) {
            const room = String(doc.spaceId);
            if (ctx.managedSpaceIds.includes(room) && ctx.spaceIds.includes(room) && doc.state !== 'deleted')
              assert.ok(ctx.actor.kind !== 'person' || canShare(ctx, 'delete', 'Message', doc));
          }
        }),
        { numRuns: 40 },
      );
    });

    it('for random people and spaces, on participation, reading and managing', async () => {
      await fc.assert(
        fc.asyncProperty(
          contextArb,
          fc.array(spaceArb, { minLength: 1, maxLength: 6 }),
          async (c, spaces) => {
            const ctx = contextOf(c);
            await SpaceModel.deleteMany({});
            await SpaceModel.insertMany(
              spaces.map((s, i) => ({
                ...s,
                _id: i < SPACES.length ? SPACES[i] : id(),
                slug: `s${i}`,
                name: `S${i}`,
                ceiling: 'RED',
                defaultLabel: 'GREEN',
                createdBy: 'test',
              })),
            );
            const all = (await SpaceModel.find({}).lean()) as unknown as Record<string, unknown>[];
            for (const action of ['participate', 'read', 'manageMembers'] as SharingAction[]) {
              const byItem = all
                .filter((doc) => canShare(ctx, action, 'Space', doc))
                .map((d) => String(d._id))
                .sort();
              const byQuery = (
                (await SpaceModel.find({
                  $and: [sharingFilter(ctx, action, 'Space')],
                } as never).lean()) as unknown as Record<string, unknown>[]
              )
                .map((d) => String(d._id))
                .sort();
              assert.deepEqual(byQuery, byItem, `${action} for ${JSON.stringify(ctx)}`);
            }
            // The participation-only ability (a batch's space query) answers as the whole one.
            const participation = defineParticipationAbility(ctx);
            for (const doc of all)
              assert.equal(
                participation.can('participate', asSubject('Space' as never, doc) as never),
                canShare(ctx, 'participate', 'Space', doc),
                `participation of ${JSON.stringify(ctx)} in ${JSON.stringify(doc)}`,
              );
          },
        ),
        { numRuns: 40 },
      );
    });
  });
});
