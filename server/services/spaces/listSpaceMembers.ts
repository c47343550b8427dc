/** Lists a space's explicit members (derived members are described by the space's kind). */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { PageQuery, SpaceMember } from '../../../shared/schemas/index.js';
import { SpaceMembershipModel, type SpaceMembershipDoc } from '../../models/SpaceMembership.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { activeNamesById } from '../lookups.js';
import { readPage } from '../../db/pagination.js';
import { visibleSpace } from './spaceLookups.js';

/** One page of current explicit members. */
export async function listSpaceMembers(
  actor: Actor,
  slug: string,
  query: Pick<z.infer<typeof PageQuery>, 'limit' | 'cursor'>,
): Promise<{ items: z.infer<typeof SpaceMember>[]; nextCursor: string | null }> {
  const ctx = await loadSharingContext(actor);
  const space = await visibleSpace(ctx, slug);
  const stored = await readPage<SpaceMembershipDoc>(SpaceMembershipModel as never, {
    filters: [{ spaceId: space._id, leftAt: null }],
    sortField: '_id',
    limit: query.limit,
    cursor: query.cursor,
  });
  const names = await activeNamesById(stored.items.map((m) => m.personId));
  return {
    items: stored.items.map((m) => ({
      person: { id: String(m.personId), name: names.get(String(m.personId)) ?? '(inactive)' },
      role: m.role,
      joinedAt: m.joinedAt.toISOString(),
      leftAt: m.leftAt ? m.leftAt.toISOString() : null,
    })),
    nextCursor: stored.nextCursor,
  };
}
