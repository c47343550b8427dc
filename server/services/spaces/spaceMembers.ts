/**
 * Who belongs to a space right now: explicit members who have not left, and derived members (a hub
 * space's member cities, a city's people, ISC members, the whole network). Used for notification
 * fan-out and for the RED audience snapshot.
 */
import { DERIVED_MEMBERSHIP_ROLES, LEADER_ROLES } from '../../../shared/policy/spaces.js';
import { CityModel } from '../../models/City.js';
import { HubModel } from '../../models/Hub.js';
import { PersonModel } from '../../models/Person.js';
import type { SpaceDoc } from '../../models/Space.js';
import { SpaceMembershipModel } from '../../models/SpaceMembership.js';

type SpaceFacts = Pick<SpaceDoc, '_id' | 'kind' | 'hubId' | 'cityId' | 'leadersOnly'>;

async function derivedFilter(space: SpaceFacts): Promise<Record<string, unknown> | null> {
  const derivedRoles = { roles: { $in: [...DERIVED_MEMBERSHIP_ROLES] } };
  switch (space.kind) {
    case 'network':
      return derivedRoles;
    case 'committee':
      return { roles: 'isc_member' };
    case 'hub': {
      const cities = await CityModel.find({ hubId: space.hubId, status: 'member' }, { _id: 1 }).lean();
      const hub = await HubModel.findById(space.hubId, { coordinatorIds: 1 }).lean();
      return {
        $or: [
          { ...derivedRoles, cityId: { $in: cities.map((c) => c._id) } },
          { _id: { $in: hub?.coordinatorIds ?? [] } },
        ],
      };
    }
    case 'city':
    case 'city_partners': {
      const city = await CityModel.findOne({ _id: space.cityId, status: 'member' }, { _id: 1 }).lean();
      return city ? { ...derivedRoles, cityId: city._id } : null;
    }
    default:
      return null;
  }
}

/** The ids of the active people who take part in the space now. */
export async function currentMemberIds(space: SpaceFacts): Promise<string[]> {
  const explicit = await SpaceMembershipModel.find(
    { spaceId: space._id, leftAt: null },
    { personId: 1 },
  ).lean();
  const explicitFilter: Record<string, unknown> = { _id: { $in: explicit.map((m) => m.personId) } };
  if (space.leadersOnly) explicitFilter.roles = { $in: [...LEADER_ROLES] };
  const derived = await derivedFilter(space);
  const people = await PersonModel.find(
    { $and: [{ status: 'active' }, { $or: derived ? [explicitFilter, derived] : [explicitFilter] }] },
    { _id: 1 },
  ).lean();
  return people.map((p) => String(p._id)).sort();
}
