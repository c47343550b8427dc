/**
 * Expert requests and offers as the client calls them (issue #14; server/http/routes/requests.ts):
 * shapes come from the shared zod schemas through type-only imports, so the bundle carries no zod.
 */
import type { MessageDelivery } from '../../../../shared/events.js';
import type { z } from 'zod';
import type {
  ExpertRequest,
  MatchReason,
  NewRequest,
  Offer,
  OfferList,
  RequestMatch,
  RequestMatches,
} from '../../../../shared/schemas/requests.js';
import type { RequestState } from '../../../../shared/policy/requestWorkflow.js';
import { apiGet, queryString } from '../../api.js';
import { postWithCsrf } from '../../auth/csrf.js';
import type { Page } from '../../types.js';

/** A request as its readers see it. */
export type RequestView = z.infer<typeof ExpertRequest>;
/** A new request, from the template (the label and urgency have defaults on the server). */
export type NewRequestInput = z.input<typeof NewRequest>;
/** One ranked expert. */
export type MatchView = z.infer<typeof RequestMatch>;
/** Why an expert ranks where they do. */
export type MatchReasonView = z.infer<typeof MatchReason>;
/** An offer made to an expert. */
export type OfferView = z.infer<typeof Offer>;

/** The request lists: one's own city's, the moderators' triage queue, the overdue ones. */
export const REQUEST_SCOPES = ['mine', 'triage', 'overdue'] as const;
/** One of {@link REQUEST_SCOPES}. */
export type RequestScope = (typeof REQUEST_SCOPES)[number];

/** The offer states (shared/schemas/requests.ts OFFER_STATES, repeated here to keep zod out). */
export const OFFER_STATES = ['pending', 'accepted', 'declined', 'expired', 'withdrawn'] as const;

/** Cache keys of this area. */
export const requestKeys = {
  /** The answers (experts' room messages) shown on a request's page. */
  answers: (id: string) => ['requests', 'answers', id] as const,
  all: () => ['requests'] as const,
  list: (scope: RequestScope, state: string) => ['requests', 'list', scope, state] as const,
  one: (id: string) => ['requests', 'one', id] as const,
  matches: (id: string) => ['requests', 'matches', id] as const,
  offers: () => ['requests', 'offers'] as const,
};

/** A page of requests of `scope`, in `state` when given. */
export function fetchRequests(
  scope: RequestScope,
  state: RequestState | '',
  signal: AbortSignal,
  cursor?: string,
): Promise<Page<RequestView>> {
  return apiGet<Page<RequestView>>(
    `/requests${queryString({ scope, state: state || undefined, cursor, limit: 50 })}`,
    signal,
  );
}

/** One request (404 when the reader may not read it). */
export function fetchRequest(id: string, signal: AbortSignal): Promise<RequestView> {
  return apiGet<RequestView>(`/requests/${encodeURIComponent(id)}`, signal);
}

/** Opens a request. */
export function createRequest(input: NewRequestInput): Promise<RequestView> {
  return postWithCsrf<RequestView>('/requests', input);
}

/** Moves a request to `to`, with an optional note. */
export function moveRequest(id: string, to: RequestState, note: string): Promise<RequestView> {
  return postWithCsrf<RequestView>(`/requests/${encodeURIComponent(id)}/transitions`, {
    to,
    ...(note.trim() ? { note: note.trim() } : {}),
  });
}

/** The ranked matches of a request (triagers only). */
export function fetchMatches(id: string, signal: AbortSignal): Promise<z.infer<typeof RequestMatches>> {
  return apiGet<z.infer<typeof RequestMatches>>(`/requests/${encodeURIComponent(id)}/matches`, signal);
}

/** Offers a request to experts, each offer running out after `hours`. */
export function makeOffers(
  id: string,
  expertIds: string[],
  hours: number,
): Promise<z.infer<typeof OfferList>> {
  return postWithCsrf<z.infer<typeof OfferList>>(`/requests/${encodeURIComponent(id)}/offers`, {
    expertIds,
    hours,
  });
}

/** The offers made to the reader. */
export function fetchOffers(signal: AbortSignal): Promise<z.infer<typeof OfferList>> {
  return apiGet<z.infer<typeof OfferList>>('/offers', signal);
}

/** Accepts an offer; the answer names the request. */
export function acceptOffer(id: string): Promise<OfferView> {
  return postWithCsrf<OfferView>(`/offers/${encodeURIComponent(id)}/accept`, {});
}

/** Declines an offer, with an optional reason. */
export function declineOffer(id: string, reason: string): Promise<OfferView> {
  return postWithCsrf<OfferView>(`/offers/${encodeURIComponent(id)}/decline`, {
    ...(reason.trim() ? { reason: reason.trim() } : {}),
  });
}

/** The newest messages of the request's room (its members only), oldest first. */
export function fetchRoomMessages(
  roomId: string,
  signal: AbortSignal,
): Promise<{ items: MessageDelivery[] }> {
  return apiGet<{ items: MessageDelivery[] }>(
    `/rooms/${encodeURIComponent(roomId)}/messages?limit=100`,
    signal,
  );
}

/** Marks an expert's room message as the request's accepted answer. */
export function acceptAnswer(id: string, messageId: string): Promise<RequestView> {
  return postWithCsrf<RequestView>(`/requests/${encodeURIComponent(id)}/accepted-answer`, { messageId });
}
