/**
 * Expert requests (issue #14): a city's ad hoc question to the Expert Pool, its workflow
 * (shared/policy/requestWorkflow.ts), the ranked and explained matches, and offers to experts, who see
 * only a sanitised summary (no city, no text) of a request above GREEN until they accept.
 */
import { z } from 'zod';
import { LABELS } from '../policy/labels.js';
import { REQUEST_STATES } from '../policy/requestWorkflow.js';
import { EXPERT_FORMATS, EXPERT_TOPICS, URGENCIES } from '../expertPool.js';
import {
  FilledParagraphs,
  LanguageCode,
  Line,
  ObjectIdString,
  pageOf,
  PageQuery,
  Paragraphs,
  Slug,
} from './common.js';

/** A new request, from the template. The label defaults to AMBER. */
export const NewRequest = z
  .object({
    title: Line(200),
    problem: FilledParagraphs(8000, 'describe the problem'),
    context: Paragraphs(8000).optional(),
    topics: z.array(z.enum(EXPERT_TOPICS)).min(1).max(5),
    formats: z.array(z.enum(EXPERT_FORMATS)).min(1).max(EXPERT_FORMATS.length),
    languages: z.array(LanguageCode).min(1).max(5),
    urgency: z.enum(URGENCIES).default('normal'),
    /** The date an answer is needed by (YYYY-MM-DD), today or later. */
    deadline: z.iso.date().optional(),
    label: z.enum(LABELS).default('AMBER'),
  })
  .strict()
  .meta({ id: 'NewRequest' });

/** A move of the workflow, with an optional note (kept in the audit log and the request's history). */
export const RequestTransitionInput = z
  .object({ to: z.enum(REQUEST_STATES), note: Paragraphs(2000).optional() })
  .strict()
  .meta({ id: 'RequestTransitionInput' });

/** The request lists: one's own city's, the moderators' triage queue, or the overdue ones. */
export const RequestListQuery = PageQuery.extend({
  scope: z.enum(['mine', 'triage', 'overdue']).default('mine'),
  state: z.enum(REQUEST_STATES).optional(),
})
  .strict()
  .meta({ id: 'RequestListQuery' });

/** Path parameter naming a request. */
export const RequestParams = z.object({ id: ObjectIdString }).strict();

/** One entry of a request's history. */
export const RequestHistoryEntry = z.object({
  from: z.enum(REQUEST_STATES).nullable(),
  to: z.enum(REQUEST_STATES),
  at: z.string(),
  by: z.string().nullable(),
  note: z.string().nullable(),
});

/** A person named on a request (requester, expert). */
const NamedPerson = z.object({ id: ObjectIdString, name: z.string() });

/** A request as its readers see it. */
export const ExpertRequest = z
  .object({
    id: ObjectIdString,
    title: z.string(),
    problem: z.string(),
    context: z.string(),
    topics: z.array(z.enum(EXPERT_TOPICS)),
    formats: z.array(z.enum(EXPERT_FORMATS)),
    languages: z.array(LanguageCode),
    urgency: z.enum(URGENCIES),
    deadline: z.string().nullable(),
    dueAt: z.string().nullable(),
    overdue: z.boolean(),
    label: z.enum(LABELS),
    state: z.enum(REQUEST_STATES),
    city: z.object({ slug: Slug, name: z.string() }).nullable(),
    requester: NamedPerson.nullable(),
    experts: z.array(NamedPerson),
    /** The request's private room (a room of the rooms page), for its members. */
    roomId: ObjectIdString,
    /** The expert's room message marked as the accepted answer, if any (read it in the room). */
    acceptedAnswerId: ObjectIdString.nullable(),
    createdAt: z.string(),
    history: z.array(RequestHistoryEntry),
    /** What the reader may do, decided by the server. */
    abilities: z.object({
      transitions: z.array(z.enum(REQUEST_STATES)),
      match: z.boolean(),
      openRoom: z.boolean(),
      /** Drafting a lesson for the library: its expert or a moderator, once it is closed. */
      draftLesson: z.boolean(),
      /** Marking an expert's room message as the accepted answer: the requester or a moderator. */
      acceptAnswer: z.boolean(),
    }),
  })
  .meta({ id: 'ExpertRequest' });

/** A page of requests. */
export const RequestPage = pageOf(ExpertRequest).meta({ id: 'RequestPage' });

/** Why an expert ranks where they do: a stable code the client puts in words, with its facts. */
export const MatchReason = z
  .object({
    code: z.enum(['topic', 'language', 'region', 'country', 'format', 'availability', 'load', 'verified']),
    /** The shared terms (topics, language codes, formats, a hub slug...) or counts the words name. */
    values: z.array(z.string()),
    points: z.number(),
  })
  .meta({ id: 'MatchReason' });

/** One ranked expert. */
export const RequestMatch = z
  .object({
    rank: z.number().int().min(1),
    score: z.number(),
    expert: z.object({
      id: ObjectIdString,
      name: z.string(),
      verified: z.boolean(),
      activeRequests: z.number().int().min(0),
      maxConcurrent: z.number().int().min(1),
    }),
    reasons: z.array(MatchReason),
    /** The offer already made to this expert for the request, if any. */
    offer: z.object({ id: ObjectIdString, state: z.string() }).nullable(),
  })
  .meta({ id: 'RequestMatch' });

/** The ranked matches; experts left out by a hard filter are never listed. */
export const RequestMatches = z.object({ items: z.array(RequestMatch) }).meta({ id: 'RequestMatches' });

/** Offers to one or more experts, each running out after `hours`. */
export const NewOffers = z
  .object({
    expertIds: z.array(ObjectIdString).min(1).max(5),
    hours: z
      .number()
      .int()
      .min(1)
      .max(24 * 14)
      .default(72),
  })
  .strict()
  .meta({ id: 'NewOffers' });

/** Where an offer stands. */
export const OFFER_STATES = ['pending', 'accepted', 'declined', 'expired', 'withdrawn'] as const;

/** What an offered expert sees before accepting: no city, no text, no title above GREEN. */
export const RequestSummary = z
  .object({
    topics: z.array(z.enum(EXPERT_TOPICS)),
    languages: z.array(LanguageCode),
    /** The hub (region) of the requesting city. */
    region: Slug.nullable(),
    formats: z.array(z.enum(EXPERT_FORMATS)),
    urgency: z.enum(URGENCIES),
    deadline: z.string().nullable(),
    label: z.enum(LABELS),
    /** The title, only for CLEAR and GREEN requests. */
    title: z.string().nullable(),
  })
  .meta({ id: 'RequestSummary' });

/** An offer as the offered expert (and the request's moderators) see it. */
export const Offer = z
  .object({
    id: ObjectIdString,
    state: z.enum(OFFER_STATES),
    expiresAt: z.string(),
    createdAt: z.string(),
    summary: RequestSummary,
    /** The request, once the expert accepted (its page and room are theirs then). */
    requestId: ObjectIdString.nullable(),
  })
  .meta({ id: 'Offer' });

/** The offers made to the reader. */
export const OfferList = z.object({ items: z.array(Offer) }).meta({ id: 'OfferList' });

/** Path parameter naming an offer. */
export const OfferParams = z.object({ id: ObjectIdString }).strict();

/** Declining, with an optional reason for the moderators. */
export const OfferDecision = z
  .object({ reason: Paragraphs(1000).optional() })
  .strict()
  .meta({ id: 'OfferDecision' });

/** Marking an expert's message in the request room as the accepted answer. */
export const AcceptedAnswerInput = z
  .object({ messageId: ObjectIdString })
  .strict()
  .meta({ id: 'AcceptedAnswerInput' });
