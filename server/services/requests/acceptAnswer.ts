/**
 * Marks an answer as accepted (issue #14, "The request room"): the requester (or one of the request's
 * moderators) picks a message an accepted expert wrote in the request's room, while the work is under
 * way or answered. The message is read through the policy like any other; the choice is audited and
 * may be changed.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import { ANSWERING_STATES, type RequestState } from '../../../shared/policy/requestWorkflow.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { emitRequestEvent } from '../../events/contentEvents.js';
import { ExpertRequestModel, type ExpertRequestDoc } from '../../models/ExpertRequest.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { ConflictError, ForbiddenError, InvalidError } from '../../errors.js';
import { loadContentFor } from '../content/loadContentFor.js';
import { presentRequest, type PresentedRequest } from './presentRequest.js';
import { loadRequestFor, partiesOf } from './requestAccess.js';

/** Marks `messageId` as the request's accepted answer. */
export async function acceptAnswer(actor: Actor, id: string, messageId: string): Promise<PresentedRequest> {
  const ctx = await loadSharingContext(actor);
  const request = await loadRequestFor(ctx, id);
  const parties = partiesOf(ctx, request);
  if (!parties.includes('requester') && !parties.includes('triager'))
    throw new ForbiddenError('The requester, or one of the request’s moderators, accepts an answer.');
  if (!ANSWERING_STATES.includes(request.status as RequestState))
    throw new ConflictError(
      `An answer is accepted while the request is worked on; it is ${request.status}.`,
      {
        reason: 'state_conflict',
        params: { state: request.status },
      },
    );
  const message = await loadContentFor(ctx, 'Message', messageId);
  const byExpert = request.expertIds.some((e) => String(e) === String(message.authorId));
  if (String(message.spaceId) !== String(request.spaceId) || !byExpert || message.state !== 'visible')
    throw new InvalidError('The accepted answer is a message an expert of this request wrote in its room.', [
      { path: 'messageId', message: 'not an expert’s message of this request' },
    ]);
  const byId = actor.kind === 'person' ? actor.id : null;
  const after = await ExpertRequestModel.findOneAndUpdate(
    { _id: request._id, state: 'visible', status: { $in: [...ANSWERING_STATES] } },
    {
      $set: { acceptedAnswer: { messageId: message._id, byId, at: new Date() } },
      // Stored with the answer (server/audit/auditOutbox.ts).
      ...auditOutboxPush(
        auditOutboxItem(
          actor,
          'request.answer_accepted',
          { type: 'ExpertRequest', id, label: request.label },
          {
            message: messageId,
          },
        ),
      ),
    },
    { returnDocument: 'after' },
  ).lean();
  if (!after)
    throw new ConflictError('The request changed meanwhile: read it again.', { reason: 'state_conflict' });
  await flushAuditOutbox(ExpertRequestModel as never, request._id);
  delete (after as { auditOutbox?: unknown }).auditOutbox;
  emitRequestEvent({ type: 'updated', before: request, after: after as unknown as ExpertRequestDoc });
  return presentRequest(ctx, after as unknown as ExpertRequestDoc);
}
