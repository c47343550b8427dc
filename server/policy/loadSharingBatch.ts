/**
 * The sharing contexts of many people in four queries: the member city and its hub, coordinated hubs,
 * explicit memberships (with each one's role) and the spaces taken part in, read for all of them
 * together. One request's context is this for one person (loadSharingContext.ts); the sockets'
 * sharing cache asks for many at once when a storm of clients comes back. Which spaces a person takes
 * part in is decided by the policy itself (their ability's `participate` on each candidate space),
 * over the spaces any of the people's participation conditions match.
 */
import { accessibleBy } from '@casl/mongoose';
import type { PersonActor } from '../../shared/policy/actor.js';
import { bareContext, type SharingContext } from '../../shared/policy/sharingContext.js';
import { defineParticipationAbility } from '../../shared/policy/sharing.js';
import { managesSpace } from '../../shared/policy/spaces.js';
import { CityModel } from '../models/City.js';
import { HubModel } from '../models/Hub.js';
import { SpaceModel } from '../models/Space.js';
import { SpaceMembershipModel } from '../models/SpaceMembership.js';
import { asSubject } from './authorize.js';

/** A person's context with their explicit roles by space id. */
export interface LoadedSharing {
  actor: PersonActor;
  ctx: SharingContext;
  roles: ReadonlyMap<string, string>;
}

const ids = (values: unknown[]) => values.map(String);

/** Loads the contexts of `actors` (people only) together; keyed by person id. */
export async function loadSharingBatch(actors: PersonActor[]): Promise<Map<string, LoadedSharing>> {
  const loaded = new Map<string, LoadedSharing>();
  if (actors.length === 0) return loaded;
  const personIds = actors.map((a) => a.id);
  const cityIds = [...new Set(actors.flatMap((a) => (a.cityId ? [a.cityId] : [])))];
  const [cities, hubs, memberships] = await Promise.all([
    cityIds.length > 0
      ? CityModel.find({ _id: { $in: cityIds }, status: 'member' }, { hubId: 1 }).lean()
      : Promise.resolve([]),
    HubModel.find({ coordinatorIds: { $in: personIds } }, { coordinatorIds: 1 }).lean(),
    SpaceMembershipModel.find(
      { personId: { $in: personIds }, leftAt: null },
      { spaceId: 1, personId: 1, role: 1 },
    ).lean(),
  ]);
  const hubOfCity = new Map(cities.map((c) => [String(c._id), String(c.hubId)]));
  for (const actor of actors) {
    const ctx = bareContext(actor);
    const cityHubId = actor.cityId ? hubOfCity.get(actor.cityId) : undefined;
    ctx.cityId = cityHubId !== undefined ? actor.cityId : null;
    ctx.cityHubId = cityHubId ?? null;
    const coordinated = hubs
      .filter((h) => ids(h.coordinatorIds).includes(actor.id))
      .map((h) => String(h._id));
    // A coordinator whose own city is not a member now moderates nowhere, as they take part nowhere.
    ctx.coordinatedHubIds = actor.cityId && cityHubId === undefined ? [] : coordinated;
    const own = memberships.filter((m) => String(m.personId) === actor.id);
    ctx.explicitSpaceIds = own.map((m) => String(m.spaceId));
    ctx.managedSpaceIds = own.filter((m) => managesSpace(m.role)).map((m) => String(m.spaceId));
    loaded.set(actor.id, { actor, ctx, roles: new Map(own.map((m) => [String(m.spaceId), m.role])) });
  }
  // The spaces any of them may take part in, decided per person by the policy's participation rules.
  // These abilities are built before `spaceIds` is known, never kept with the context (whose own
  // ability, built on first use, sees the whole context).
  const participation = [...loaded.values()].map(({ ctx }) => ({
    ctx,
    ability: defineParticipationAbility(ctx),
  }));
  // People of one city share their conditions: each distinct one is asked once.
  const distinct = new Map<string, unknown>();
  for (const { ability } of participation) {
    if (!ability.can('participate', 'Space')) continue;
    const condition = accessibleBy(ability, 'participate').ofType('Space');
    distinct.set(JSON.stringify(condition), condition);
  }
  const conditions = [...distinct.values()];
  if (conditions.length === 0) return loaded;
  const spaces = await SpaceModel.find({ $or: conditions } as never, {
    kind: 1,
    hubId: 1,
    cityId: 1,
    leadersOnly: 1,
  }).lean();
  for (const { ctx, ability } of participation)
    ctx.spaceIds = spaces
      .filter((s) => ability.can('participate', asSubject('Space' as never, s) as never))
      .map((s) => String(s._id));
  return loaded;
}
