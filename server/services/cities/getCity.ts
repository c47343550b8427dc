/** Reads one city by slug. A city the actor may not read is "not found", so its existence does not leak. */
import type { Actor } from '../../../shared/policy/actor.js';
import { can } from '../../policy/authorize.js';
import { NotFoundError } from '../../errors.js';
import { activeNamesById, cityBySlug, hubSlugsById } from '../lookups.js';
import { presentCity } from '../presenters.js';

/** The city as the actor sees it. */
export async function getCity(actor: Actor, slug: string) {
  const city = await cityBySlug(slug);
  if (!city || !can(actor, 'read', 'City', city)) throw new NotFoundError(`City "${slug}"`);
  const names =
    actor.kind === 'anonymous' ? new Map<string, string>() : await activeNamesById(city.focalPointIds);
  return presentCity(city, actor, await hubSlugsById([city.hubId]), names);
}
