/**
 * /api/v1/requests and /api/v1/offers: expert requests (issue #14): a city asks, its moderators triage
 * and match, experts take offers, and the request moves through its workflow.
 */
import type { z } from 'zod';
import {
  AcceptedAnswerInput,
  ExpertRequest,
  NewOffers,
  NewRequest,
  Offer,
  OfferDecision,
  OfferList,
  OfferParams,
  RequestListQuery,
  RequestMatches,
  RequestPage,
  RequestParams,
  RequestTransitionInput,
} from '../../../shared/schemas/requests.js';
import { acceptAnswer } from '../../services/requests/acceptAnswer.js';
import { createRequest } from '../../services/requests/createRequest.js';
import {
  acceptOffer,
  declineOffer,
  listMatches,
  listMyOffers,
  makeOffers,
} from '../../services/requests/offers.js';
import { getRequest, listRequests } from '../../services/requests/readRequests.js';
import { transitionRequest } from '../../services/requests/transitionRequest.js';
import { defineRoute } from '../defineRoute.js';

/** The request and offer routes. */
export const requestRoutes = [
  defineRoute({
    method: 'post',
    path: '/requests',
    tag: 'Expert Pool',
    access: 'members',
    summary: "Ask the Expert Pool a question for one's city (AMBER unless labelled otherwise)",
    body: NewRequest,
    status: 201,
    response: ExpertRequest,
    handler: ({ actor, body }) => createRequest(actor, body),
  }),
  defineRoute({
    method: 'get',
    path: '/requests',
    tag: 'Expert Pool',
    access: 'members',
    summary: "List requests: my city's and mine, the ones I triage, or the overdue ones",
    query: RequestListQuery,
    response: RequestPage,
    handler: ({ actor, query }) => listRequests(actor, query as z.infer<typeof RequestListQuery>),
  }),
  defineRoute({
    method: 'get',
    path: '/requests/:id',
    tag: 'Expert Pool',
    access: 'members',
    summary: 'Read one request, with what I may do to it',
    params: RequestParams,
    response: ExpertRequest,
    handler: ({ actor, params }) => getRequest(actor, params.id),
  }),
  defineRoute({
    method: 'post',
    path: '/requests/:id/transitions',
    tag: 'Expert Pool',
    access: 'members',
    summary: 'Move a request in its workflow, as the workflow allows me',
    params: RequestParams,
    body: RequestTransitionInput,
    response: ExpertRequest,
    handler: ({ actor, params, body }) => transitionRequest(actor, params.id, body),
  }),
  defineRoute({
    method: 'post',
    path: '/requests/:id/accepted-answer',
    tag: 'Expert Pool',
    access: 'members',
    summary: "Mark an expert's message in the request room as the accepted answer",
    params: RequestParams,
    body: AcceptedAnswerInput,
    response: ExpertRequest,
    handler: ({ actor, params, body }) => acceptAnswer(actor, params.id, body.messageId),
  }),
  defineRoute({
    method: 'get',
    path: '/requests/:id/matches',
    tag: 'Expert Pool',
    access: 'members',
    summary: "Rank the experts who may take a request, each with the reasons (the request's moderators)",
    params: RequestParams,
    response: RequestMatches,
    handler: ({ actor, params }) => listMatches(actor, params.id),
  }),
  defineRoute({
    method: 'post',
    path: '/requests/:id/offers',
    tag: 'Expert Pool',
    access: 'members',
    summary: 'Offer a request to one or more matching experts',
    params: RequestParams,
    body: NewOffers,
    status: 201,
    response: OfferList,
    handler: ({ actor, params, body }) => makeOffers(actor, params.id, body),
  }),
  defineRoute({
    method: 'get',
    path: '/offers',
    tag: 'Expert Pool',
    access: 'members',
    summary: 'List the offers made to me, each as a summary without the city or the text',
    response: OfferList,
    handler: ({ actor }) => listMyOffers(actor),
  }),
  defineRoute({
    method: 'post',
    path: '/offers/:id/accept',
    tag: 'Expert Pool',
    access: 'members',
    summary: "Accept an offer: I join the request's room",
    params: OfferParams,
    response: Offer,
    handler: ({ actor, params }) => acceptOffer(actor, params.id),
  }),
  defineRoute({
    method: 'post',
    path: '/offers/:id/decline',
    tag: 'Expert Pool',
    access: 'members',
    summary: 'Decline an offer, with an optional reason',
    params: OfferParams,
    body: OfferDecision,
    response: Offer,
    handler: ({ actor, params, body }) => declineOffer(actor, params.id, body.reason ?? null),
  }),
];
