/**
 * A person moves a request in its workflow (POST /requests/{id}/transitions): allowed only as the
 * workflow's table says for the parties they are; the system's own moves (offers) are not theirs to
 * make. Withdrawing a request, or taking it back to matching, withdraws its open offers.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { RequestState } from '../../../shared/policy/requestWorkflow.js';
import type { RequestTransitionInput } from '../../../shared/schemas/requests.js';
import { RequestOfferModel } from '../../models/RequestOffer.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { moveRequest } from './moveRequest.js';
import { presentRequest, type PresentedRequest } from './presentRequest.js';
import { loadRequestFor, partiesOf } from './requestAccess.js';

/** Makes the move and answers with the request as it now stands. */
export async function transitionRequest(
  actor: Actor,
  id: string,
  input: z.infer<typeof RequestTransitionInput>,
): Promise<PresentedRequest> {
  const ctx = await loadSharingContext(actor);
  const request = await loadRequestFor(ctx, id);
  const parties = partiesOf(ctx, request).filter((p) => p !== 'system');
  const moved = await moveRequest(actor, request, input.to as RequestState, parties, input.note ?? null);
  // Withdrawn, or back to matching: the offers still open close (an expert cannot take them later).
  if (moved.status === 'withdrawn' || moved.status === 'matching') {
    const open = await RequestOfferModel.find({ requestId: moved._id, state: 'pending' }, { _id: 1 }).lean();
    if (open.length > 0) {
      // Every withdrawn offer carries the same entry (one id), written with its withdrawal: it is
      // appended once, whichever is processed first (server/audit/auditOutbox.ts).
      const entry = auditOutboxItem(
        actor,
        'request.offers_withdrawn',
        { type: 'ExpertRequest', id, label: moved.label },
        {
          count: open.length,
        },
      );
      const ids = open.map((o) => o._id);
      await RequestOfferModel.updateMany(
        { _id: { $in: ids }, state: 'pending' },
        { $set: { state: 'withdrawn', decidedAt: new Date() }, ...auditOutboxPush(entry) },
      );
      for (const offerId of ids) await flushAuditOutbox(RequestOfferModel as never, offerId);
    }
  }
  return presentRequest(await loadSharingContext(actor), moved);
}
