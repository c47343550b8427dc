/**
 * Invites a person to a space: its owners and moderators, and those who manage its members (admins,
 * moderators, the hub's coordinators, the city's focal points). The policy decides who can be
 * invited (inviteeStanding.ts). One pending invitation per person and space; inviting again after an
 * answer re-opens the same document. Audited.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import { isInvitableKind } from '../../../shared/policy/spaces.js';
import type { SpaceInvitationCreate } from '../../../shared/schemas/invitations.js';
import { Types } from 'mongoose';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { SpaceInvitationModel, type SpaceInvitationDoc } from '../../models/SpaceInvitation.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { ConflictError, InvalidError, isDuplicateKey } from '../../errors.js';
import { visibleSpace } from '../spaces/spaceLookups.js';
import { requireInvitable, requireInvitee } from './inviteeStanding.js';
import { presentInvitation } from './presentInvitations.js';

/** Stores the pending invitation and returns it. */
export async function inviteToSpace(
  actor: Actor,
  slug: string,
  input: z.infer<typeof SpaceInvitationCreate>,
) {
  const ctx = await loadSharingContext(actor);
  const space = await visibleSpace(ctx, slug);
  await authorizeSharing(ctx, 'manageMembers', 'Space', space as unknown as Record<string, unknown>);
  if (!isInvitableKind(space.kind))
    throw new InvalidError('Nobody can be invited to a direct conversation.', [
      { path: 'space', message: 'a direct conversation' },
    ]);
  const invitee = await requireInvitee(input.person);
  await requireInvitable(space, invitee);
  const now = new Date();
  // One invitation document per (space, person), re-opened when invited again: its id is known
  // before the write, so the invitation is stored with its entry (server/audit/auditOutbox.ts).
  const earlier = await SpaceInvitationModel.findOne(
    { spaceId: space._id, personId: invitee.id },
    { _id: 1 },
  ).lean();
  const invitationId = earlier?._id ?? new Types.ObjectId();
  try {
    await SpaceInvitationModel.updateOne(
      { _id: invitationId, spaceId: space._id, personId: invitee.id, status: { $ne: 'pending' } },
      {
        $set: {
          status: 'pending',
          role: input.role,
          invitedBy: actor.kind === 'person' ? actor.id : actor.kind,
          invitedAt: now,
          decidedAt: null,
        },
        ...auditOutboxPush(
          auditOutboxItem(
            actor,
            'space.invited',
            { type: 'Space', id: String(space._id), label: slug },
            { person: invitee.id, role: input.role, invitation: String(invitationId) },
          ),
        ),
      },
      { upsert: true },
    );
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    throw new ConflictError(`${invitee.name} has a pending invitation to this space already.`, {
      reason: 'already_invited',
      params: { person: invitee.name },
    });
  }
  await flushAuditOutbox(SpaceInvitationModel as never, invitationId);
  const stored = (await SpaceInvitationModel.findOne({
    spaceId: space._id,
    personId: invitee.id,
  }).lean()) as SpaceInvitationDoc | null;
  if (!stored) throw new Error('the invitation was not stored');
  return presentInvitation(ctx, stored);
}
