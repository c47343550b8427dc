/** Lists hubs by slug, a page at a time. */
import type { Actor } from '../../../shared/policy/actor.js';
import { HubModel, type HubDoc } from '../../models/Hub.js';
import { accessFilter, authorize } from '../../policy/authorize.js';
import { activeNamesById } from '../lookups.js';
import { readPage } from '../../db/pagination.js';
import { presentHub } from '../presenters.js';

/** One page of hubs the actor may read. */
export async function listHubs(actor: Actor, page: { limit: number; cursor?: string | undefined }) {
  await authorize(actor, 'read', 'Hub');
  const stored = await readPage<HubDoc>(HubModel as never, {
    filters: [accessFilter(actor, 'read', 'Hub')],
    sortField: 'slug',
    limit: page.limit,
    cursor: page.cursor,
  });
  const names =
    actor.kind === 'anonymous'
      ? new Map<string, string>()
      : await activeNamesById(stored.items.flatMap((h) => h.coordinatorIds));
  return { items: stored.items.map((h) => presentHub(h, actor, names)), nextCursor: stored.nextCursor };
}
