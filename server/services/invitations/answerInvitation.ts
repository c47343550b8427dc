/**
 * The invitee accepts or declines an invitation. Only the invitee may answer (anyone else is told
 * "not found", so invitations do not leak); an answered invitation cannot be answered again. On
 * accepting, the policy is asked again (roles or the city may have changed since) and the person
 * becomes an explicit member with the invited role. Audited.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { SpaceModel, type SpaceDoc } from '../../models/Space.js';
import { SpaceInvitationModel, type SpaceInvitationDoc } from '../../models/SpaceInvitation.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { emitMembershipEvent } from '../../events/contentEvents.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { ensureMembership } from '../spaces/ensureMembership.js';
import { invitationRefusalFor, requireInvitable } from './inviteeStanding.js';
import { presentInvitation } from './presentInvitations.js';
import { requirePerson } from '../rooms/roomAccess.js';

/** The invitee's answer. */
export type InvitationAnswer = 'accept' | 'decline';

function notPending(status: string): ConflictError {
  return new ConflictError(`This invitation was ${status} already.`, {
    reason: 'invitation_not_pending',
    params: { status },
  });
}

/** Records the answer and returns the invitation (with the space's slug to open after accepting). */
export async function answerInvitation(actor: Actor, invitationId: string, answer: InvitationAnswer) {
  const person = requirePerson(actor);
  const invitation = (await SpaceInvitationModel.findOne({
    _id: invitationId,
    personId: person.id,
  }).lean()) as SpaceInvitationDoc | null;
  if (!invitation) throw new NotFoundError('The invitation');
  if (invitation.status !== 'pending') throw notPending(invitation.status);
  const space = (await SpaceModel.findById(invitation.spaceId).lean()) as SpaceDoc | null;
  if (!space) throw new NotFoundError('The invitation');
  // Someone who takes part already (derived, or added meanwhile) keeps their membership as it is.
  const alreadyMember =
    answer === 'accept' && (await invitationRefusalFor(space, person)) === 'already_member';
  if (answer === 'accept' && !alreadyMember) await requireInvitable(space, person);

  const decided = (await SpaceInvitationModel.findOneAndUpdate(
    { _id: invitation._id, personId: person.id, status: 'pending' },
    {
      $set: { status: answer === 'accept' ? 'accepted' : 'declined', decidedAt: new Date() },
      // Stored with the answer (server/audit/auditOutbox.ts), appended once the membership follows.
      ...auditOutboxPush(
        auditOutboxItem(
          person,
          answer === 'accept' ? 'space.invitation_accepted' : 'space.invitation_declined',
          { type: 'Space', id: String(space._id), label: space.slug },
          { invitation: String(invitation._id) },
        ),
      ),
    },
    { returnDocument: 'after' },
  ).lean()) as SpaceInvitationDoc | null;
  if (!decided) {
    const now = await SpaceInvitationModel.findById(invitation._id, { status: 1 }).lean();
    throw notPending(now?.status ?? 'answered');
  }
  if (
    answer === 'accept' &&
    !alreadyMember &&
    (await ensureMembership(space._id, person.id, invitation.role))
  )
    emitMembershipEvent({ spaceId: String(space._id), personId: person.id, change: 'joined' });
  await flushAuditOutbox(SpaceInvitationModel as never, invitation._id);
  delete (decided as { auditOutbox?: unknown }).auditOutbox;
  return presentInvitation(await loadSharingContext(person), decided);
}
