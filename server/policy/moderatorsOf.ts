/**
 * Who moderates an item (SHARING.md, "Moderation"), for telling them of flags and moderation
 * actions: the global moderators, and the coordinators of its space's hub, with the policy's proviso
 * that a coordinator whose own city is not a member now moderates nowhere (loadSharingContext.ts);
 * only active people are told.
 */
import { CityModel } from '../models/City.js';
import { HubModel } from '../models/Hub.js';
import { PersonModel } from '../models/Person.js';

/** The ids of the people who moderate items of the hub `spaceHubId` (global moderators only without one). */
export async function moderatorIdsFor(spaceHubId: unknown): Promise<string[]> {
  const [globals, hub] = await Promise.all([
    PersonModel.find({ roles: 'moderator', status: 'active' }, { _id: 1 }).lean(),
    spaceHubId ? HubModel.findById(spaceHubId, { coordinatorIds: 1 }).lean() : null,
  ]);
  const ids = globals.map((p) => String(p._id));
  const coordinatorIds = hub?.coordinatorIds ?? [];
  if (coordinatorIds.length === 0) return ids;
  const coordinators = await PersonModel.find(
    { _id: { $in: coordinatorIds }, status: 'active' },
    { cityId: 1 },
  ).lean();
  const cityIds = coordinators.map((p) => p.cityId).filter((c) => c);
  const members = new Set(
    cityIds.length === 0
      ? []
      : (await CityModel.find({ _id: { $in: cityIds }, status: 'member' }, { _id: 1 }).lean()).map((c) =>
          String(c._id),
        ),
  );
  for (const person of coordinators)
    if (!person.cityId || members.has(String(person.cityId))) ids.push(String(person._id));
  return ids;
}
