/**
 * One move of a request's workflow, for people and for the offers alike: allowed only as the workflow's
 * table says (shared/policy/requestWorkflow.ts) for the mover's parties, written with one conditional
 * update on the state it was read in (a concurrent move makes it a conflict, never a double move),
 * kept in the request's history and the audit log, published, and told to the request's people.
 */
import {
  allowedTransition,
  type RequestParty,
  type RequestState,
} from '../../../shared/policy/requestWorkflow.js';
import type { Actor } from '../../../shared/policy/actor.js';
import { auditOutboxItem, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { emitRequestEvent } from '../../events/contentEvents.js';
import { ExpertRequestModel, type ExpertRequestDoc } from '../../models/ExpertRequest.js';
import { moderatorIdsFor } from '../../policy/moderatorsOf.js';
import { ConflictError } from '../../errors.js';
import { notify } from '../notifications/notify.js';

/** The refusal of a move the workflow does not allow these parties. */
export function transitionRefused(from: RequestState, to: RequestState): ConflictError {
  return new ConflictError(`A request that is ${from} cannot be moved to ${to} by you.`, {
    reason: 'transition_refused',
    params: { from, to },
  });
}

/** Moves `request` to `to` as `parties` (with `extra` set and `added` added to sets in the same write); returns it as stored. */
export async function moveRequest(
  actor: Actor,
  request: ExpertRequestDoc,
  to: RequestState,
  parties: readonly RequestParty[],
  note: string | null = null,
  extra: Record<string, unknown> = {},
  added: Record<string, unknown> = {},
): Promise<ExpertRequestDoc> {
  const from = request.status as RequestState;
  if (request.state !== 'visible' || !allowedTransition(from, to, parties)) throw transitionRefused(from, to);
  const byId = actor.kind === 'person' ? actor.id : null;
  // The move is stored with its entry (server/audit/auditOutbox.ts).
  const entry = auditOutboxItem(
    actor,
    'request.transitioned',
    { type: 'ExpertRequest', id: String(request._id), label: request.label },
    {
      from,
      to,
      ...(note ? { note } : {}),
    },
  );
  const after = await ExpertRequestModel.findOneAndUpdate(
    { _id: request._id, status: from, state: 'visible' },
    {
      $set: { status: to, ...extra },
      $push: { history: { from, to, at: new Date(), byId, note }, auditOutbox: entry },
      ...(Object.keys(added).length ? { $addToSet: added } : {}),
    },
    { returnDocument: 'after' },
  ).lean();
  if (!after) throw transitionRefused(from, to);
  await flushAuditOutbox(ExpertRequestModel as never, request._id);
  delete (after as { auditOutbox?: unknown }).auditOutbox;
  const moved = after as unknown as ExpertRequestDoc;
  emitRequestEvent({ type: 'progressed', before: request, after: moved });
  if (from !== to) {
    const people = [
      String(moved.authorId),
      ...moved.expertIds.map(String),
      ...(await moderatorIdsFor(moved.spaceHubId)),
    ];
    await notify(
      [...new Set(people)].filter((id) => id !== byId),
      moved,
      'request.progressed',
      to,
      'ExpertRequest',
    );
  }
  return moved;
}
