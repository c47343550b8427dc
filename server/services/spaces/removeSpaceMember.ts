/**
 * Removes a person from a space (they keep nothing: reads follow current membership). Owners are not
 * removed (they may leave).
 */
import type { Actor } from '../../../shared/policy/actor.js';
import { isFixedSpaceRole } from '../../../shared/policy/spaces.js';
import { ConflictError } from '../../errors.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { SpaceMembershipModel } from '../../models/SpaceMembership.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { emitMembershipEvent } from '../../events/contentEvents.js';
import { visibleSpace } from './spaceLookups.js';

/** Ends the membership; idempotent. */
export async function removeSpaceMember(
  actor: Actor,
  slug: string,
  personId: string,
): Promise<{ removed: boolean }> {
  const ctx = await loadSharingContext(actor);
  const space = await visibleSpace(ctx, slug);
  await authorizeSharing(ctx, 'manageMembers', 'Space', space);
  const current = await SpaceMembershipModel.findOne(
    { spaceId: space._id, personId, leftAt: null },
    { role: 1 },
  ).lean();
  if (current && isFixedSpaceRole(current.role))
    throw new ConflictError('An owner cannot be removed; they may leave.', { reason: 'owner_role_fixed' });
  const target = { type: 'Space', id: String(space._id), label: slug };
  const details = { person: personId };
  // The membership is ended, not deleted: it carries the entry with its end (server/audit/auditOutbox.ts).
  const result = await SpaceMembershipModel.updateOne(
    { spaceId: space._id, personId, leftAt: null },
    {
      $set: { leftAt: new Date() },
      ...auditOutboxPush(auditOutboxItem(actor, 'space.member_removed', target, details)),
    },
  );
  if (result.matchedCount > 0) {
    const ended = await SpaceMembershipModel.findOne({ spaceId: space._id, personId }, { _id: 1 }).lean();
    if (ended) await flushAuditOutbox(SpaceMembershipModel as never, ended._id);
  } else {
    // Nobody to remove: no stored change to pair the (idempotent) request's entry with.
    await recordAudit(actor, 'space.member_removed', target, details);
  }
  if (result.modifiedCount > 0) emitMembershipEvent({ spaceId: String(space._id), personId, change: 'left' });
  return { removed: result.modifiedCount > 0 };
}
