/**
 * Who belongs to a space: explicit members who have not left, and derived members (a hub space's
 * member cities and coordinators, a city's people, ISC members, the whole network). People of a city
 * that is not a member now belong nowhere (SHARING.md, "Readings settled"). Used for notification
 * fan-out and for the RED audience: {@link currentMemberIds} when material is shared at RED, and
 * {@link memberIdsSince} when it is raised to RED later (the members present when it was first shared).
 */
import { DERIVED_MEMBERSHIP_ROLES, LEADER_ROLES } from '../../shared/policy/spaces.js';
import { batchLoader } from '../db/batchLoader.js';
import { CityModel } from '../models/City.js';
import { HubModel } from '../models/Hub.js';
import { PersonModel } from '../models/Person.js';
import type { SpaceDoc } from '../models/Space.js';
import { SpaceMembershipModel } from '../models/SpaceMembership.js';

type SpaceFacts = Pick<SpaceDoc, '_id' | 'kind' | 'hubId' | 'cityId' | 'leadersOnly'>;
type Filter = Record<string, unknown>;

/** A member city and the moment its present membership began. */
interface MemberCity {
  _id: unknown;
  hubId: unknown;
  since: number;
}

/** The member cities, read once for the member lookups asked for close together (db/batchLoader.ts). */
const ALL = 'all';
const loadMemberCities = batchLoader(async () => new Map([[ALL, await readMemberCities()]]));

async function memberCities(): Promise<MemberCity[]> {
  return (await loadMemberCities(ALL)) ?? [];
}

async function readMemberCities(): Promise<MemberCity[]> {
  const cities = await CityModel.find(
    { status: 'member' },
    { hubId: 1, memberSince: 1, statusChangedAt: 1, createdAt: 1 },
  ).lean();
  return cities.map((c) => ({
    _id: c._id,
    hubId: c.hubId,
    since: (c.statusChangedAt ?? c.memberSince ?? c.createdAt).getTime(),
  }));
}

function derivedFilter(space: SpaceFacts, cities: MemberCity[], coordinatorIds: unknown[]): Filter | null {
  const derivedRoles = { roles: { $in: [...DERIVED_MEMBERSHIP_ROLES] } };
  switch (space.kind) {
    case 'network':
      return derivedRoles;
    case 'committee':
      return { roles: 'isc_member' };
    case 'hub': {
      const inHub = cities.filter((c) => String(c.hubId) === String(space.hubId)).map((c) => c._id);
      return { $or: [{ ...derivedRoles, cityId: { $in: inHub } }, { _id: { $in: coordinatorIds } }] };
    }
    case 'city':
    case 'city_partners': {
      const city = cities.find((c) => String(c._id) === String(space.cityId));
      return city ? { ...derivedRoles, cityId: city._id } : null;
    }
    default:
      return null;
  }
}

/**
 * The people of the space, as of now (`at` null) or present both now and at `at`: explicit members
 * who joined by then, people whose participation began by then (created, roles gained, reactivated),
 * of cities that were members by then, and hub coordinators named by then.
 */
async function memberIds(space: SpaceFacts, at: Date | null, among?: string[]): Promise<string[]> {
  const [allCities, hub] = await Promise.all([
    memberCities(),
    space.kind === 'hub' ? HubModel.findById(space.hubId, { coordinatorIds: 1, updatedAt: 1 }).lean() : null,
  ]);
  const cities = at ? allCities.filter((c) => c.since <= at.getTime()) : allCities;
  const coordinatorIds = hub && (!at || hub.updatedAt <= at) ? hub.coordinatorIds : [];
  const explicit = await SpaceMembershipModel.find(
    {
      spaceId: space._id,
      leftAt: null,
      ...(at ? { joinedAt: { $lte: at } } : {}),
      ...(among ? { personId: { $in: among } } : {}),
    },
    { personId: 1 },
  ).lean();
  const explicitFilter: Filter = { _id: { $in: explicit.map((m) => m.personId) } };
  if (space.leadersOnly) explicitFilter.roles = { $in: [...LEADER_ROLES] };
  const derived = derivedFilter(space, cities, coordinatorIds);
  const conditions: Filter[] = [
    among ? { status: 'active', _id: { $in: among } } : { status: 'active' },
    { $or: derived ? [explicitFilter, derived] : [explicitFilter] },
    // No city, or a member city (present since `at`): people of other cities take part nowhere.
    { $or: [{ cityId: null }, { cityId: { $in: cities.map((c) => c._id) } }] },
  ];
  if (at)
    conditions.push(
      { createdAt: { $lte: at } },
      { $or: [{ participationSince: null }, { participationSince: { $lte: at } }] },
    );
  const people = await PersonModel.find({ $and: conditions }, { _id: 1 }).lean();
  return people.map((p) => String(p._id)).sort();
}

/** The ids of the active people who take part in the space now (only those among `among`, if given). */
export async function currentMemberIds(space: SpaceFacts, among?: string[]): Promise<string[]> {
  return memberIds(space, null, among);
}

/**
 * The ids of the people who take part in the space now and already did at `at` (when an item was
 * first shared): the RED audience of an item raised to RED, which never widens its audience.
 */
export async function memberIdsSince(space: SpaceFacts, at: Date): Promise<string[]> {
  return memberIds(space, at);
}
