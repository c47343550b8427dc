/** Reads one hub by slug. */
import type { Actor } from '../../../shared/policy/actor.js';
import { authorize } from '../../policy/authorize.js';
import { NotFoundError } from '../../errors.js';
import { activeNamesById, hubBySlug } from '../lookups.js';
import { presentHub } from '../presenters.js';

/** The hub, or NotFound. */
export async function getHub(actor: Actor, slug: string) {
  const hub = await hubBySlug(slug);
  if (!hub) throw new NotFoundError(`Hub "${slug}"`);
  await authorize(actor, 'read', 'Hub', hub);
  const names =
    actor.kind === 'anonymous' ? new Map<string, string>() : await activeNamesById(hub.coordinatorIds);
  return presentHub(hub, actor, names);
}
