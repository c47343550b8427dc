/**
 * What the actor may create from the page: every creatable kind of space, probed in every place it
 * could live (network-wide, each hub, the actor's own city) against the policy's `create` rule on
 * Space, so the form offers exactly what the server would accept and nothing else.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import {
  CITY_SPACE_KINDS,
  CREATABLE_SPACE_KINDS,
  type CreatableSpaceKind,
} from '../../../shared/policy/spaces.js';
import type { SpaceCreationOption } from '../../../shared/schemas/spaces.js';
import { HubModel } from '../../models/Hub.js';
import { allows } from '../../policy/authorizer.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { UnauthenticatedError } from '../../errors.js';
import { citySlugsById } from '../lookups.js';

type Option = z.infer<typeof SpaceCreationOption>;

/** A place a space may be bound to: nothing (network-wide), a hub, or a city. */
interface Place {
  hubId: string | null;
  hub: string | null;
  cityId: string | null;
  city: string | null;
}

/** The places a kind may live in (the same requirements createSpace checks). */
function placesFor(kind: CreatableSpaceKind, hubs: Place[], cities: Place[]): Place[] {
  if (CITY_SPACE_KINDS.includes(kind)) return cities;
  const none: Place = { hubId: null, hub: null, cityId: null, city: null };
  return kind === 'committee' ? [none] : [none, ...hubs];
}

/** The (kind, place) pairs the actor may create, in the order of CREATABLE_SPACE_KINDS. */
export async function listCreationOptions(actor: Actor): Promise<{ options: Option[] }> {
  if (actor.kind === 'anonymous') throw new UnauthenticatedError();
  const ctx = await loadSharingContext(actor);
  const [hubDocs, citySlugs] = await Promise.all([
    HubModel.find({}, { slug: 1 }).sort({ slug: 1 }).lean(),
    citySlugsById(actor, [ctx.cityId]),
  ]);
  const hubs = hubDocs.map((h) => ({ hubId: String(h._id), hub: h.slug, cityId: null, city: null }));
  const cities = ctx.cityId
    ? [{ hubId: null, hub: null, cityId: ctx.cityId, city: citySlugs.get(ctx.cityId) ?? null }]
    : [];
  const options: Option[] = [];
  for (const kind of CREATABLE_SPACE_KINDS)
    for (const place of placesFor(kind, hubs, cities)) {
      if (CITY_SPACE_KINDS.includes(kind) && !place.city) continue;
      const candidate = { _id: null, kind, hubId: place.hubId, cityId: place.cityId, leadersOnly: false };
      if (allows(ctx, 'create', 'Space', candidate))
        options.push({ kind, hub: place.hub, city: place.city, leadersOnly: kind === 'peer_room' });
    }
  return { options };
}
