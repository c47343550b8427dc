/** Lists cities by name, filtered by hub, country, kind or status, within what the actor may read. */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { CityListQuery } from '../../../shared/schemas/cities.js';
import { CityModel, type CityDoc } from '../../models/City.js';
import { accessFilter, authorize } from '../../policy/authorize.js';
import { activeNamesById, hubBySlug, hubSlugsById } from '../lookups.js';
import { readPage } from '../../db/pagination.js';
import { presentCity } from '../presenters.js';

/** One page of cities. An unknown hub filter yields an empty page. */
export async function listCities(actor: Actor, query: z.infer<typeof CityListQuery>) {
  await authorize(actor, 'read', 'City');
  const filter: Record<string, unknown> = {};
  if (query.hub) {
    const hub = await hubBySlug(query.hub);
    if (!hub) return { items: [], nextCursor: null };
    filter.hubId = hub._id;
  }
  if (query.country) filter.country = query.country;
  if (query.kind) filter.kind = query.kind;
  if (query.status) filter.status = query.status;
  const stored = await readPage<CityDoc>(CityModel as never, {
    filters: [accessFilter(actor, 'read', 'City'), filter],
    sortField: 'name',
    limit: query.limit,
    cursor: query.cursor,
  });
  const hubSlugs = await hubSlugsById(stored.items.map((c) => c.hubId));
  const names =
    actor.kind === 'anonymous'
      ? new Map<string, string>()
      : await activeNamesById(stored.items.flatMap((c) => c.focalPointIds));
  return {
    items: stored.items.map((c) => presentCity(c, actor, hubSlugs, names)),
    nextCursor: stored.nextCursor,
  };
}
