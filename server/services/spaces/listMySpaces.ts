/** Lists the spaces the actor takes part in (explicitly or by derivation), by name. */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { SpaceListQuery } from '../../../shared/schemas/spaces.js';
import { SpaceModel, type SpaceDoc } from '../../models/Space.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { sharingFilter } from '../../policy/sharingAccess.js';
import { UnauthenticatedError } from '../../errors.js';
import { readPage } from '../../db/pagination.js';
import { presentSpaces } from './spaceLookups.js';

/** One page of "my spaces". */
export async function listMySpaces(actor: Actor, query: z.infer<typeof SpaceListQuery>) {
  if (actor.kind === 'anonymous') throw new UnauthenticatedError();
  const ctx = await loadSharingContext(actor);
  const stored = await readPage<SpaceDoc>(SpaceModel as never, {
    filters: [sharingFilter(ctx, 'participate', 'Space')],
    sortField: 'name',
    limit: query.limit,
    cursor: query.cursor,
  });
  return { items: await presentSpaces(ctx, stored.items), nextCursor: stored.nextCursor };
}
