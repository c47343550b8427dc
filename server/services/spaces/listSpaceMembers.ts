/**
 * Lists a space's explicit members (derived members are described by the space's kind), each with
 * what the viewer may do with the membership.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { PageQuery, SpaceMember } from '../../../shared/schemas/index.js';
import { SpaceMembershipModel, type SpaceMembershipDoc } from '../../models/SpaceMembership.js';
import { isFixedSpaceRole } from '../../../shared/policy/spaces.js';
import { allows } from '../../policy/authorizer.js';
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
  const manages = allows(ctx, 'manageMembers', 'Space', space as unknown as Record<string, unknown>);
  const me = ctx.actor.kind === 'person' ? ctx.actor.id : null;
  return {
    items: stored.items.map((m) => ({
      person: { id: String(m.personId), name: names.get(String(m.personId)) ?? '(inactive)' },
      role: m.role,
      joinedAt: m.joinedAt.toISOString(),
      leftAt: m.leftAt ? m.leftAt.toISOString() : null,
      abilities: {
        changeRole: manages && !isFixedSpaceRole(m.role),
        // One's own membership is left, not removed; owners stay.
        remove: manages && String(m.personId) !== me && !isFixedSpaceRole(m.role),
      },
    })),
    nextCursor: stored.nextCursor,
  };
}
