/** Withdraws a pending invitation (those who manage the space's members). Audited. */
import type { Actor } from '../../../shared/policy/actor.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { SpaceInvitationModel, type SpaceInvitationDoc } from '../../models/SpaceInvitation.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { visibleSpace } from '../spaces/spaceLookups.js';
import { presentInvitation } from './presentInvitations.js';

/** Marks the invitation revoked and returns it. */
export async function revokeInvitation(actor: Actor, slug: string, invitationId: string) {
  const ctx = await loadSharingContext(actor);
  const space = await visibleSpace(ctx, slug);
  await authorizeSharing(ctx, 'manageMembers', 'Space', space as unknown as Record<string, unknown>);
  const pending = await SpaceInvitationModel.findOne(
    { _id: invitationId, spaceId: space._id, status: 'pending' },
    { personId: 1 },
  ).lean();
  // Stored with the revocation (server/audit/auditOutbox.ts).
  const revoked = (
    pending
      ? await SpaceInvitationModel.findOneAndUpdate(
          { _id: invitationId, spaceId: space._id, status: 'pending' },
          {
            $set: { status: 'revoked', decidedAt: new Date() },
            ...auditOutboxPush(
              auditOutboxItem(
                actor,
                'space.invitation_revoked',
                { type: 'Space', id: String(space._id), label: slug },
                { invitation: invitationId, person: String(pending.personId) },
              ),
            ),
          },
          { returnDocument: 'after' },
        ).lean()
      : null
  ) as SpaceInvitationDoc | null;
  if (!revoked) {
    const stored = await SpaceInvitationModel.findOne(
      { _id: invitationId, spaceId: space._id },
      { status: 1 },
    ).lean();
    if (!stored) throw new NotFoundError('The invitation');
    throw new ConflictError(`This invitation was ${stored.status} already.`, {
      reason: 'invitation_not_pending',
      params: { status: stored.status },
    });
  }
  await flushAuditOutbox(SpaceInvitationModel as never, revoked._id);
  delete (revoked as { auditOutbox?: unknown }).auditOutbox;
  return presentInvitation(ctx, revoked);
}
