/**
 * Pending invitations: the signed-in person's own (/invitations), and a space's (its page shows them
 * to whoever may read the space, as its member list is).
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { InvitationListQuery } from '../../../shared/schemas/invitations.js';
import { SpaceInvitationModel, type SpaceInvitationDoc } from '../../models/SpaceInvitation.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { readPage } from '../../db/pagination.js';
import { visibleSpace } from '../spaces/spaceLookups.js';
import { requirePerson } from '../rooms/roomAccess.js';
import { presentInvitations } from './presentInvitations.js';

type Query = z.infer<typeof InvitationListQuery>;

/** One page of the actor's pending invitations, newest first. */
export async function listMyInvitations(actor: Actor, query: Query) {
  const person = requirePerson(actor);
  const ctx = await loadSharingContext(person);
  const page = await readPage<SpaceInvitationDoc>(SpaceInvitationModel as never, {
    filters: [{ personId: person.id, status: 'pending' }],
    sortField: '_id',
    direction: 'desc',
    limit: query.limit,
    cursor: query.cursor,
  });
  return { items: await presentInvitations(ctx, page.items), nextCursor: page.nextCursor };
}

/** One page of a space's pending invitations, oldest first. */
export async function listSpaceInvitations(actor: Actor, slug: string, query: Query) {
  const ctx = await loadSharingContext(actor);
  const space = await visibleSpace(ctx, slug);
  const page = await readPage<SpaceInvitationDoc>(SpaceInvitationModel as never, {
    filters: [{ spaceId: space._id, status: 'pending' }],
    sortField: '_id',
    limit: query.limit,
    cursor: query.cursor,
  });
  return { items: await presentInvitations(ctx, page.items), nextCursor: page.nextCursor };
}
