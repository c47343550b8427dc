/**
 * An expert request as its reader sees it: the texts, the workflow state and history (who moved it,
 * by name), the city and people by name, and what the reader may do (the transitions the workflow
 * allows their parties, matching for the triagers, the room for its members).
 */
import type { z } from 'zod';
import {
  ANSWERING_STATES,
  DUE_STATES,
  nextStates,
  type RequestState,
} from '../../../shared/policy/requestWorkflow.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import type { ExpertRequest } from '../../../shared/schemas/requests.js';
import { CityModel } from '../../models/City.js';
import type { ExpertRequestDoc } from '../../models/ExpertRequest.js';
import { takesPart } from '../../policy/authorizer.js';
import { activeNamesById } from '../lookups.js';
import { partiesOf } from './requestAccess.js';

/** A presented request. */
export type PresentedRequest = z.infer<typeof ExpertRequest>;

/** Whether the request is past its due date and still open. */
export function isOverdue(request: Pick<ExpertRequestDoc, 'dueAt' | 'status'>, now = new Date()): boolean {
  return !!request.dueAt && request.dueAt < now && DUE_STATES.includes(request.status as RequestState);
}

/** Presents requests for one reader: one query for the cities and one for the names of the page. */
export async function presentRequests(
  ctx: SharingContext,
  requests: ExpertRequestDoc[],
): Promise<PresentedRequest[]> {
  if (requests.length === 0) return [];
  const cityIds = [...new Set(requests.map((r) => String(r.authorCityId)).filter((id) => id !== 'null'))];
  const [cities, names] = await Promise.all([
    CityModel.find({ _id: { $in: cityIds } }, { slug: 1, name: 1 }).lean(),
    activeNamesById(
      requests.flatMap((r) => [
        r.authorId,
        ...r.expertIds,
        ...r.history.map((h) => h.byId).filter((id) => id),
      ]),
    ),
  ]);
  const cityById = new Map(cities.map((c) => [String(c._id), { slug: c.slug, name: c.name }]));
  return requests.map((r) => {
    const parties = partiesOf(ctx, r);
    const named = (id: unknown) => {
      const name = names.get(String(id));
      return name ? { id: String(id), name } : null;
    };
    return {
      id: String(r._id),
      title: r.title,
      problem: r.body,
      context: r.context,
      topics: r.topics,
      formats: r.formats,
      languages: r.languages,
      urgency: r.urgency,
      deadline: r.deadline ? r.deadline.toISOString().slice(0, 10) : null,
      dueAt: r.dueAt ? r.dueAt.toISOString() : null,
      overdue: isOverdue(r),
      label: r.label,
      state: r.status,
      city: cityById.get(String(r.authorCityId)) ?? null,
      requester: named(r.authorId),
      experts: r.expertIds.map(named).filter((p): p is { id: string; name: string } => !!p),
      roomId: String(r.spaceId),
      acceptedAnswerId: r.acceptedAnswer ? String(r.acceptedAnswer.messageId) : null,
      createdAt: r.createdAt.toISOString(),
      history: r.history.map((h) => ({
        from: h.from ?? null,
        to: h.to,
        at: h.at.toISOString(),
        by: h.byId ? (names.get(String(h.byId)) ?? null) : null,
        note: h.note ?? null,
      })),
      abilities: {
        transitions: r.state === 'visible' ? nextStates(r.status as RequestState, parties) : [],
        match: r.state === 'visible' && parties.includes('triager'),
        openRoom: takesPart(ctx, String(r.spaceId)),
        draftLesson:
          r.state === 'visible' &&
          r.status === 'closed' &&
          (parties.includes('expert') || parties.includes('triager')),
        acceptAnswer:
          r.state === 'visible' &&
          r.expertIds.length > 0 &&
          ANSWERING_STATES.includes(r.status as RequestState) &&
          (parties.includes('requester') || parties.includes('triager')),
      },
    };
  });
}

/** Presents one request. */
export async function presentRequest(
  ctx: SharingContext,
  request: ExpertRequestDoc,
): Promise<PresentedRequest> {
  return (await presentRequests(ctx, [request]))[0] as PresentedRequest;
}
