/**
 * Reading expert requests: one by id (readers, its moderators, its requester), and the lists: "mine"
 * (the requests of the spaces I take part in: my own, my city's as its focal point, those I work on
 * as an expert), "triage" (those I moderate) and "overdue" (those I moderate past their due date,
 * the Management Unit's view). Every list goes through the policy's one filter.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import { DUE_STATES } from '../../../shared/policy/requestWorkflow.js';
import type { RequestListQuery } from '../../../shared/schemas/requests.js';
import { findContentPage, recordSensitiveAccess } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { UnauthenticatedError } from '../../errors.js';
import { presentRequest, presentRequests, type PresentedRequest } from './presentRequest.js';
import { loadRequestFor } from './requestAccess.js';

/** One request. */
export async function getRequest(actor: Actor, id: string): Promise<PresentedRequest> {
  const ctx = await loadSharingContext(actor);
  const request = await loadRequestFor(ctx, id);
  await recordSensitiveAccess(ctx, [request], 'view', 'request', 'ExpertRequest');
  return presentRequest(ctx, request);
}

/** One page of a request list, newest first. */
export async function listRequests(
  actor: Actor,
  query: z.infer<typeof RequestListQuery>,
): Promise<{ items: PresentedRequest[]; nextCursor: string | null }> {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const ctx = await loadSharingContext(actor);
  const filters: Record<string, unknown>[] = [{ state: 'visible' }];
  if (query.state) filters.push({ status: query.state });
  if (query.scope === 'overdue')
    filters.push({ dueAt: { $lt: new Date() }, status: { $in: [...DUE_STATES] } });
  const page = await findContentPage(ctx, {
    type: 'ExpertRequest',
    action: query.scope === 'mine' ? 'read' : 'moderate',
    filters,
    sortField: '_id',
    limit: query.limit,
    cursor: query.cursor,
    direction: 'desc',
  });
  await recordSensitiveAccess(ctx, page.items, 'view', 'request-list', 'ExpertRequest');
  return { items: await presentRequests(ctx, page.items), nextCursor: page.nextCursor };
}
