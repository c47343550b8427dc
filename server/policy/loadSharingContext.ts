/**
 * Loads what the sharing policy needs about an actor, once per request, in the service layer: the
 * member city and its hub, explicit space memberships, coordinated hubs, and the spaces taken part in.
 * Nothing is cached across requests, so role and membership changes take effect at once.
 */
import { accessibleBy } from '@casl/mongoose';
import type { Actor } from '../../shared/policy/actor.js';
import { defineSharingAbility } from '../../shared/policy/sharing.js';
import { bareContext, type SharingContext } from '../../shared/policy/sharingContext.js';
import { CityModel } from '../models/City.js';
import { HubModel } from '../models/Hub.js';
import { SpaceModel } from '../models/Space.js';
import { SpaceMembershipModel } from '../models/SpaceMembership.js';

/** The sharing context of an actor. */
export async function loadSharingContext(actor: Actor): Promise<SharingContext> {
  const ctx = bareContext(actor);
  if (actor.kind !== 'person') return ctx;
  const [city, hubs, memberships] = await Promise.all([
    actor.cityId ? CityModel.findOne({ _id: actor.cityId, status: 'member' }, { hubId: 1 }).lean() : null,
    HubModel.find({ coordinatorIds: actor.id }, { _id: 1 }).lean(),
    SpaceMembershipModel.find({ personId: actor.id, leftAt: null }, { spaceId: 1, role: 1 }).lean(),
  ]);
  ctx.cityId = city ? String(city._id) : null;
  ctx.cityHubId = city ? String(city.hubId) : null;
  // A coordinator whose own city is not a member now moderates nowhere, as they take part nowhere.
  ctx.coordinatedHubIds = actor.cityId && !city ? [] : hubs.map((h) => String(h._id));
  ctx.explicitSpaceIds = memberships.map((m) => String(m.spaceId));
  ctx.managedSpaceIds = memberships.filter((m) => m.role !== 'member').map((m) => String(m.spaceId));
  const ability = defineSharingAbility(ctx);
  if (ability.can('participate', 'Space')) {
    const spaces = await SpaceModel.find(accessibleBy(ability, 'participate').ofType('Space') as never, {
      _id: 1,
    }).lean();
    ctx.spaceIds = spaces.map((s) => String(s._id));
  }
  return ctx;
}
