/**
 * Opens an expert request for the requester's city: a private space of kind `expert_request` bound to
 * the city and its hub (whose moderators triage it), with the requester and the city's focal points as
 * members, then the request itself through the kernel (the policy's create right, the ceiling, the
 * search index), submitted, with a due date from the deadline or the urgency. The hub's moderators
 * and the Management Unit are told.
 */
import { announceWorkSpace, openWorkSpace, removeWorkSpace } from '../spaces/openWorkSpace.js';
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { Urgency } from '../../../shared/expertPool.js';
import type { NewRequest } from '../../../shared/schemas/requests.js';
import { Types } from 'mongoose';
import { auditOutboxItem, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { ExpertRequestModel } from '../../models/ExpertRequest.js';
import type { ExpertRequestDoc } from '../../models/ExpertRequest.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { moderatorIdsFor } from '../../policy/moderatorsOf.js';
import { ForbiddenError, InvalidError, UnauthenticatedError } from '../../errors.js';
import { createContent } from '../content/createContent.js';
import { notify } from '../notifications/notify.js';
import { presentRequest, type PresentedRequest } from './presentRequest.js';
import { REQUEST_KIND } from './requestKind.js';

/** The highest label a request may carry: experts join its room after it is written, so RED (fixed to the members at writing) could never reach them. */
export const REQUEST_CEILING = 'AMBER+STRICT' as const;

/** Days until a request is due, by urgency, when the requester gave no deadline. */
const DUE_DAYS: Record<Urgency, number> = { critical: 2, high: 7, normal: 14, low: 30 };

/** The due date: the deadline's end of day (UTC), or the urgency's days from now. */
export function dueDate(urgency: Urgency, deadline: string | undefined, now = new Date()): Date {
  if (deadline) return new Date(`${deadline}T23:59:59.999Z`);
  return new Date(now.getTime() + DUE_DAYS[urgency] * 86_400_000);
}

/** Opens the request; the requester is the actor. */
export async function createRequest(
  actor: Actor,
  input: z.infer<typeof NewRequest>,
): Promise<PresentedRequest> {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  if (input.deadline && input.deadline < new Date().toISOString().slice(0, 10))
    throw new InvalidError('The deadline has passed: give today or a later date.', [
      { path: 'deadline', message: 'today or later' },
    ]);
  let ctx = await loadSharingContext(actor);
  if (!ctx.cityId)
    throw new ForbiddenError(
      'A request belongs to a member city: only people of a member city can open one.',
    );
  const opened = await openWorkSpace(ctx, {
    kind: 'expert_request',
    slugPrefix: 'request',
    // A neutral name: an offered expert must not learn the city or the topic from a notice.
    name: 'Expert request',
    ceiling: REQUEST_CEILING,
    defaultLabel: 'AMBER',
  });
  const { space, members } = opened;
  ctx = await loadSharingContext(actor);
  const now = new Date();
  // The request is stored with its entry (server/audit/auditOutbox.ts), under an id chosen first.
  const requestId = new Types.ObjectId();
  const audit = auditOutboxItem(
    actor,
    'request.submitted',
    { type: 'ExpertRequest', id: String(requestId), label: input.label },
    { space: space.slug },
  );
  const { item } = await createContent(
    ctx,
    REQUEST_KIND,
    { space, label: input.label, members },
    {
      fields: {
        _id: requestId,
        auditOutbox: [audit],
        title: input.title,
        body: input.problem,
        context: input.context ?? '',
        topics: input.topics,
        formats: input.formats,
        languages: [...new Set(input.languages)],
        urgency: input.urgency,
        deadline: input.deadline ? new Date(`${input.deadline}T00:00:00.000Z`) : null,
        dueAt: dueDate(input.urgency, input.deadline, now),
        status: 'submitted',
        history: [{ from: null, to: 'submitted', at: now, byId: actor.id, note: null }],
        expertIds: [],
      } as never,
    },
  ).catch(async (error: unknown) => {
    // Nothing half made: the space goes when its request could not be stored (over the ceiling...).
    await removeWorkSpace(space._id);
    throw error;
  });
  announceWorkSpace(opened);
  await flushAuditOutbox(ExpertRequestModel as never, requestId);
  delete (item as { auditOutbox?: unknown }).auditOutbox;
  await notify(await moderatorIdsFor(space.hubId), item, 'request.submitted', null, 'ExpertRequest');
  return presentRequest(ctx, item as ExpertRequestDoc);
}
