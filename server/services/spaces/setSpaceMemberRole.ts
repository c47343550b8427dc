/**
 * Makes an explicit member a room moderator, or a moderator a plain member again (the space's
 * owners and moderators, and those who manage its members). Owners keep their role. Audited.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import { isFixedSpaceRole } from '../../../shared/policy/spaces.js';
import type { SpaceMemberRoleChange } from '../../../shared/schemas/spaces.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { SpaceMembershipModel } from '../../models/SpaceMembership.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { emitAccessEvent } from '../../events/contentEvents.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { listSpaceMembers } from './listSpaceMembers.js';
import { visibleSpace } from './spaceLookups.js';

/** Sets the member's role and returns the first page of members. */
export async function setSpaceMemberRole(
  actor: Actor,
  slug: string,
  personId: string,
  input: z.infer<typeof SpaceMemberRoleChange>,
) {
  const ctx = await loadSharingContext(actor);
  const space = await visibleSpace(ctx, slug);
  await authorizeSharing(ctx, 'manageMembers', 'Space', space as unknown as Record<string, unknown>);
  const membership = await SpaceMembershipModel.findOne(
    { spaceId: space._id, personId, leftAt: null },
    { role: 1 },
  ).lean();
  if (!membership) throw new NotFoundError('The member');
  if (isFixedSpaceRole(membership.role))
    throw new ConflictError("An owner's role cannot be changed.", { reason: 'owner_role_fixed' });
  // The role and its entry are stored together (server/audit/auditOutbox.ts).
  const changed = await SpaceMembershipModel.updateOne(
    { _id: membership._id, leftAt: null },
    {
      $set: { role: input.role },
      ...auditOutboxPush(
        auditOutboxItem(
          actor,
          'space.member_role_changed',
          { type: 'Space', id: String(space._id), label: slug },
          { person: personId, from: membership.role, to: input.role },
        ),
      ),
    },
  );
  if (changed.matchedCount > 0) await flushAuditOutbox(SpaceMembershipModel as never, membership._id);
  // Managing the room's material changes with the role: open sockets re-check their grants.
  emitAccessEvent({ personId });
  return listSpaceMembers(actor, slug, { limit: 100, cursor: undefined });
}
