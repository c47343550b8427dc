/**
 * After an expert's profile changed (a lower clearance, a new conflict, a language dropped): the
 * requests they work on that the hard filters would now refuse them are left at once. They leave the
 * request's experts and its room (open sockets drop it through the membership event), and each
 * departure is audited. Returns how many requests they left.
 */
import { FINAL_REQUEST_STATES } from '../../../shared/policy/requestWorkflow.js';
import type { Actor } from '../../../shared/policy/actor.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { emitMembershipEvent } from '../../events/contentEvents.js';
import { ExpertRequestModel, type ExpertRequestDoc } from '../../models/ExpertRequest.js';
import { SpaceMembershipModel } from '../../models/SpaceMembership.js';
import { rankCandidates } from './rankCandidates.js';

/** The most requests looked at for one expert (the load limit is ten at most). */
const MAX_ACTIVE = 100;

/** Releases `expertId` from the open requests the hard filters now refuse them. */
export async function releaseExcludedExpert(actor: Actor, expertId: string): Promise<number> {
  const requests = (await ExpertRequestModel.find({
    expertIds: expertId,
    state: { $ne: 'deleted' },
    status: { $nin: [...FINAL_REQUEST_STATES] },
  })
    .limit(MAX_ACTIVE)
    .lean()) as ExpertRequestDoc[];
  let released = 0;
  for (const request of requests) {
    if ((await rankCandidates(request)).some((c) => c.expertId === expertId)) continue;
    // The release is stored with its entry (server/audit/auditOutbox.ts), appended once the room follows.
    await ExpertRequestModel.updateOne(
      { _id: request._id },
      {
        $pull: { expertIds: expertId },
        ...auditOutboxPush(
          auditOutboxItem(
            actor,
            'request.expert_released',
            { type: 'ExpertRequest', id: String(request._id), label: request.label },
            { expert: expertId, why: 'hard filter' },
          ),
        ),
      },
    );
    const left = await SpaceMembershipModel.updateOne(
      { spaceId: request.spaceId, personId: expertId, leftAt: null },
      { $set: { leftAt: new Date() } },
    );
    if (left.modifiedCount > 0)
      emitMembershipEvent({ spaceId: String(request.spaceId), personId: expertId, change: 'left' });
    await flushAuditOutbox(ExpertRequestModel as never, request._id);
    released++;
  }
  return released;
}
