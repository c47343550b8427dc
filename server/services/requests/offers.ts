/**
 * Matching and offers (issue #14, "Matching"): the request's moderators see the ranked candidates with
 * their reasons and offer the request to one or more of them; each expert accepts or declines; an
 * offer that runs out passes to the next candidate not yet asked. The hard filters are asked again at
 * every step (a profile may have changed), so a conflicted or under-cleared expert is never offered and
 * never admitted. Before accepting, an expert sees only the offer's sanitised summary.
 */
import type { Types } from 'mongoose';
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import { bodyMayLeave } from '../../../shared/policy/labels.js';
import { asLabel } from '../../../shared/policy/content.js';
import { looserOf } from '../../../shared/policy/labels.js';
import type { RequestState } from '../../../shared/policy/requestWorkflow.js';
import { ExpertProfileModel } from '../../models/ExpertProfile.js';
import { SpaceModel } from '../../models/Space.js';
import type { NewOffers, Offer, RequestMatch } from '../../../shared/schemas/requests.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { emitMembershipEvent } from '../../events/contentEvents.js';
import { CityModel } from '../../models/City.js';
import { ExpertRequestModel, type ExpertRequestDoc } from '../../models/ExpertRequest.js';
import { HubModel } from '../../models/Hub.js';
import { RequestOfferModel, type RequestOfferDoc } from '../../models/RequestOffer.js';
import { loadContent, loadContentMeta } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import {
  ConflictError,
  ForbiddenError,
  InvalidError,
  NotFoundError,
  UnauthenticatedError,
  isDuplicateKey,
} from '../../errors.js';
import { notify } from '../notifications/notify.js';
import { ensureMembership } from '../spaces/ensureMembership.js';
import { moveRequest } from './moveRequest.js';
import { rankCandidates } from './rankCandidates.js';
import { loadRequestFor, partiesOf } from './requestAccess.js';

/** The states from which a request may be offered. */
const OFFERABLE = ['matching', 'offered'];

async function requireTriager(actor: Actor, id: string): Promise<ExpertRequestDoc> {
  const ctx = await loadSharingContext(actor);
  const request = await loadRequestFor(ctx, id);
  if (!partiesOf(ctx, request).includes('triager'))
    throw new ForbiddenError(
      "Only the request's moderators (the Management Unit or its hub's coordinators) match it.",
    );
  return request;
}

/** The ranked matches of a request, with the offers already made (triagers only). */
export async function listMatches(
  actor: Actor,
  id: string,
): Promise<{ items: z.infer<typeof RequestMatch>[] }> {
  const request = await requireTriager(actor, id);
  const [candidates, offers] = await Promise.all([
    rankCandidates(request),
    RequestOfferModel.find({ requestId: request._id }).lean(),
  ]);
  const offerOf = new Map(offers.map((o) => [String(o.expertId), { id: String(o._id), state: o.state }]));
  return {
    items: candidates.map((c, i) => ({
      rank: i + 1,
      score: c.score,
      expert: {
        id: c.expertId,
        name: c.name,
        verified: c.verified,
        activeRequests: c.activeRequests,
        maxConcurrent: c.maxConcurrent,
      },
      reasons: c.reasons,
      offer: offerOf.get(c.expertId) ?? null,
    })),
  };
}

/** The summary an offered expert sees: never the city or the text; the title only at CLEAR and GREEN. */
async function summaryOf(request: ExpertRequestDoc) {
  const city = request.authorCityId
    ? await CityModel.findById(request.authorCityId, { hubId: 1 }).lean()
    : null;
  const hub = city ? await HubModel.findById(city.hubId, { slug: 1 }).lean() : null;
  return {
    topics: request.topics,
    languages: request.languages,
    region: hub?.slug ?? null,
    formats: request.formats,
    urgency: request.urgency,
    deadline: request.deadline,
    label: request.label,
    title: bodyMayLeave(asLabel(request.label)) ? request.title : null,
  };
}

/** States of an offer that may be made again (the expert was asked before and did not take it). */
const REOPENABLE: readonly string[] = ['declined', 'expired', 'withdrawn'];

/**
 * Stores offers to `expertIds` (each already checked against the hard filters) and tells them: all or
 * none, so a refusal (an offer still open or taken) changes nothing. An expert who declined or let an
 * earlier offer run out may be asked again: their offer opens anew.
 */
async function storeOffers(
  actor: Actor,
  request: ExpertRequestDoc,
  expertIds: string[],
  hours: number,
): Promise<RequestOfferDoc[]> {
  const earlier = await RequestOfferModel.find({
    requestId: request._id,
    expertId: { $in: expertIds },
  }).lean();
  if (earlier.some((o) => !REOPENABLE.includes(o.state)))
    throw new ConflictError('The request is already offered to this expert, or taken by them.', {
      reason: 'already_offered',
    });
  const summary = await summaryOf(request);
  const fresh = {
    offeredBy: actor.kind === 'person' ? actor.id : null,
    state: 'pending' as const,
    expiresAt: new Date(Date.now() + hours * 3_600_000),
    hours,
    summary,
    decidedAt: null,
    reason: null,
  };
  const asked = new Set(earlier.map((o) => String(o.expertId)));
  const made: RequestOfferDoc[] = [];
  // Every offer made carries the same entry (one id), written with it: it is appended once,
  // whichever is processed first (server/audit/auditOutbox.ts).
  const target = { type: 'ExpertRequest', id: String(request._id), label: request.label };
  const details = { experts: expertIds, hours };
  const entry = auditOutboxItem(actor, 'request.offered', target, details);
  for (const expertId of expertIds) {
    if (asked.has(expertId)) {
      const reopened = await RequestOfferModel.findOneAndUpdate(
        { requestId: request._id, expertId, state: { $in: [...REOPENABLE] } } as never,
        { $set: fresh, ...auditOutboxPush(entry) },
        { returnDocument: 'after' },
      ).lean();
      if (reopened) made.push(reopened as RequestOfferDoc);
      continue;
    }
    try {
      const offer = new RequestOfferModel({ requestId: request._id, expertId, ...fresh });
      offer.set('auditOutbox', [entry]);
      await offer.save();
      made.push(offer.toObject() as RequestOfferDoc);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error; // offered at the same moment by someone else: theirs stands
    }
  }
  for (const offer of made) {
    await flushAuditOutbox(RequestOfferModel as never, offer._id);
    delete (offer as { auditOutbox?: unknown }).auditOutbox;
  }
  // No offer stored (all made meanwhile by someone else): nothing carries the entry.
  if (made.length === 0) await recordAudit(actor, 'request.offered', target, details);
  await notify(expertIds, request, 'request.offered', null, 'ExpertRequest');
  return made;
}

/** Offers the request to the chosen experts (triagers only); the request is then `offered`. */
export async function makeOffers(actor: Actor, id: string, input: z.infer<typeof NewOffers>) {
  const request = await requireTriager(actor, id);
  if (!OFFERABLE.includes(request.status))
    throw new ConflictError(
      `A request that is ${request.status} cannot be offered; move it to matching first.`,
      {
        reason: 'transition_refused',
        params: { from: request.status, to: 'offered' },
      },
    );
  const allowed = new Set((await rankCandidates(request)).map((c) => c.expertId));
  const expertIds = [...new Set(input.expertIds)];
  const refused = expertIds.filter((e) => !allowed.has(e));
  if (refused.length)
    throw new InvalidError(
      'The request cannot be offered to someone who is not a matching expert (cleared for its label, free of conflicts, speaking one of its languages).',
      refused.map(() => ({ path: 'expertIds', message: 'not a matching expert' })),
      { reason: 'expert_not_matching' },
    );
  const made = await storeOffers(actor, request, expertIds, input.hours);
  await moveRequest(actor, request, 'offered', ['system']);
  return { items: made.map((o) => presentOffer(o)) };
}

/** An offer as the API gives it. */
export function presentOffer(
  offer: RequestOfferDoc,
  now = new Date(),
  currentLabel: string = offer.summary.label,
): z.infer<typeof Offer> {
  const s = offer.summary;
  const state = offer.state === 'pending' && offer.expiresAt < now ? 'expired' : offer.state;
  return {
    id: String(offer._id),
    state,
    expiresAt: offer.expiresAt.toISOString(),
    createdAt: offer.createdAt.toISOString(),
    summary: {
      topics: s.topics,
      languages: s.languages,
      region: s.region ?? null,
      formats: s.formats,
      urgency: s.urgency,
      deadline: s.deadline ? s.deadline.toISOString().slice(0, 10) : null,
      // The title only while the request is still CLEAR or GREEN (it may have been raised since).
      title: bodyMayLeave(asLabel(currentLabel)) ? (s.title ?? null) : null,
      label: asLabel(currentLabel),
    },
    requestId: offer.state === 'accepted' ? String(offer.requestId) : null,
  };
}

/** The offers made to the actor, newest first. */
export async function listMyOffers(actor: Actor) {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const offers = (await RequestOfferModel.find({ expertId: actor.id })
    .sort({ _id: -1 })
    .limit(100)
    .lean()) as RequestOfferDoc[];
  // Labels only: the summary follows a raise of its request (a title stops showing above GREEN).
  const labels = new Map(
    (await loadContentMeta([...new Set(offers.map((o) => String(o.requestId)))], 'ExpertRequest')).map(
      (r) => [String(r._id), r.label],
    ),
  );
  const now = new Date();
  return { items: offers.map((o) => presentOffer(o, now, labels.get(String(o.requestId)) ?? 'RED')) };
}

async function loadOwnPendingOffer(actor: Actor, id: string): Promise<RequestOfferDoc> {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const offer = await RequestOfferModel.findOne({ _id: id, expertId: actor.id }).lean();
  if (!offer) throw new NotFoundError('Offer');
  if (offer.state !== 'pending' || offer.expiresAt < new Date())
    throw new ConflictError('This offer is no longer open.', {
      reason: 'offer_closed',
      params: { state: offer.state },
    });
  return offer as RequestOfferDoc;
}

/** The states in which a request takes an expert who accepts an offer. */
const JOINABLE: RequestState[] = ['offered', 'accepted', 'in_progress'];

/**
 * Adds the expert to the request while it still takes experts: with the move to `accepted` when it was
 * `offered` (one conditional write), else to an accepted or running request; null when it moved on.
 */
async function joinRequest(actor: Actor, request: ExpertRequestDoc, expertId: Types.ObjectId) {
  if (request.status === 'offered') {
    try {
      return await moveRequest(actor, request, 'accepted', ['system'], null, {}, { expertIds: expertId });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error; // moved meanwhile: try as an accepted request
    }
  }
  const joined = await ExpertRequestModel.findOneAndUpdate(
    { _id: request._id, state: 'visible', status: { $in: ['accepted', 'in_progress'] } },
    { $addToSet: { expertIds: expertId } },
    { returnDocument: 'after' },
  ).lean();
  return joined as ExpertRequestDoc | null;
}

/**
 * Accepts an offer: the offer is claimed, the expert joins the request (one conditional write on its
 * state, so a withdrawal or a decline that came first wins and the offer closes), the room's ceiling
 * comes within the expert's clearance, and the expert joins the room (the offering moderator with
 * them, as the room's moderator).
 */
export async function acceptOffer(actor: Actor, id: string) {
  const offer = await loadOwnPendingOffer(actor, id);
  const request = await loadContent(String(offer.requestId), 'ExpertRequest');
  const closed = () =>
    new ConflictError('This request is no longer open to offers.', {
      reason: 'offer_closed',
      params: { state: 'withdrawn' },
    });
  if (!request || request.state !== 'visible' || !JOINABLE.includes(request.status as RequestState))
    throw closed();
  const still = (await rankCandidates(request)).some((c) => c.expertId === String(offer.expertId));
  if (!still)
    throw new ForbiddenError(
      'Your profile no longer matches this request (clearance, conflicts or languages).',
    );
  // The acceptance is stored with its entry (server/audit/auditOutbox.ts), appended once the expert
  // has joined; an acceptance undone because the request closed meanwhile takes it back.
  const accepted = auditOutboxItem(actor, 'request.offer_accepted', {
    type: 'ExpertRequest',
    id: String(request._id),
    label: request.label,
  });
  const taken = await RequestOfferModel.updateOne(
    { _id: offer._id, state: 'pending' },
    { $set: { state: 'accepted', decidedAt: new Date() }, ...auditOutboxPush(accepted) },
  );
  if (taken.modifiedCount === 0)
    throw new ConflictError('This offer is no longer open.', { reason: 'offer_closed' });
  const joined = await joinRequest(actor, request, offer.expertId);
  if (!joined) {
    // Its entry goes with the acceptance, in the same write (read as stored: FerretDB's `$pull`
    // matches an embedded document only as a whole); any other pending entry stays.
    const stored = await RequestOfferModel.collection.findOne(
      { _id: offer._id },
      { projection: { auditOutbox: 1 } },
    );
    const pending = (stored?.auditOutbox as { id?: string }[] | undefined)?.find((i) => i.id === accepted.id);
    await RequestOfferModel.collection.updateOne({ _id: offer._id }, {
      $set: { state: 'withdrawn', updatedAt: new Date() },
      ...(pending ? { $pull: { auditOutbox: pending } } : {}),
    } as never);
    await RequestOfferModel.collection.updateOne(
      { _id: offer._id, auditOutbox: { $size: 0 } },
      { $unset: { auditOutbox: '' } },
    );
    throw closed();
  }
  const [profile, space] = await Promise.all([
    ExpertProfileModel.findOne({ personId: offer.expertId }, { clearance: 1 }).lean(),
    SpaceModel.findById(request.spaceId, { ceiling: 1 }).lean(),
  ]);
  if (profile && space)
    await SpaceModel.updateOne(
      { _id: space._id },
      { $set: { ceiling: looserOf(asLabel(space.ceiling), asLabel(profile.clearance)) } },
    );
  const expertId = String(offer.expertId);
  await ensureMembership(request.spaceId, expertId, 'member');
  if (offer.offeredBy) await ensureMembership(request.spaceId, String(offer.offeredBy), 'moderator');
  await flushAuditOutbox(RequestOfferModel as never, offer._id);
  for (const person of [expertId, ...(offer.offeredBy ? [String(offer.offeredBy)] : [])])
    emitMembershipEvent({ spaceId: String(request.spaceId), personId: person, change: 'joined' });
  const after = await RequestOfferModel.findById(offer._id).lean();
  return presentOffer(after as RequestOfferDoc);
}

/** After an offer closed: when none is open any more and nobody accepted, the request is `declined`. */
async function settleWhenNoneOpen(actor: Actor, requestId: Types.ObjectId): Promise<void> {
  const open = await RequestOfferModel.countDocuments({
    requestId,
    $or: [{ state: 'pending', expiresAt: { $gte: new Date() } }, { state: 'accepted' }],
  });
  if (open > 0) return;
  const request = await loadContent(String(requestId), 'ExpertRequest');
  if (request && request.status === 'offered') await moveRequest(actor, request, 'declined', ['system']);
}

/** Declines an offer, with an optional reason for the moderators. */
export async function declineOffer(actor: Actor, id: string, reason: string | null) {
  const offer = await loadOwnPendingOffer(actor, id);
  // Stored with the decision (server/audit/auditOutbox.ts).
  const done = await RequestOfferModel.updateOne(
    { _id: offer._id, state: 'pending' },
    {
      $set: { state: 'declined', decidedAt: new Date(), reason },
      ...auditOutboxPush(
        auditOutboxItem(
          actor,
          'request.offer_declined',
          { type: 'ExpertRequest', id: String(offer.requestId), label: offer.summary.label },
          reason ? { reason } : null,
        ),
      ),
    },
  );
  if (done.modifiedCount === 0)
    throw new ConflictError('This offer is no longer open.', { reason: 'offer_closed' });
  await flushAuditOutbox(RequestOfferModel as never, offer._id);
  await settleWhenNoneOpen(actor, offer.requestId);
  const after = await RequestOfferModel.findById(offer._id).lean();
  return presentOffer(after as RequestOfferDoc);
}

/**
 * Offers past their time run out; each passes to the best candidate not yet asked (with the same
 * time), or, when none is left and nobody accepted, the request is `declined` for its moderators to
 * match again. Run by the housekeeping job; returns how many offers ran out.
 */
export async function expireOffers(actor: Actor, now = new Date()): Promise<number> {
  const due = await RequestOfferModel.find({ state: 'pending', expiresAt: { $lt: now } })
    .limit(500)
    .lean();
  let expired = 0;
  for (const offer of due) {
    // Stored with the expiry (server/audit/auditOutbox.ts).
    const done = await RequestOfferModel.updateOne(
      { _id: offer._id, state: 'pending' },
      {
        $set: { state: 'expired', decidedAt: now },
        ...auditOutboxPush(
          auditOutboxItem(
            actor,
            'request.offer_expired',
            {
              type: 'ExpertRequest',
              id: String(offer.requestId),
              label: offer.summary.label,
            },
            { expert: String(offer.expertId) },
          ),
        ),
      },
    );
    if (done.modifiedCount === 0) continue;
    expired++;
    await flushAuditOutbox(RequestOfferModel as never, offer._id);
    const request = await loadContent(String(offer.requestId), 'ExpertRequest');
    if (!request || request.state !== 'visible' || request.status !== 'offered') continue;
    const asked = new Set(
      (await RequestOfferModel.find({ requestId: request._id }, { expertId: 1 }).lean()).map((o) =>
        String(o.expertId),
      ),
    );
    const next = (await rankCandidates(request)).find((c) => !asked.has(c.expertId));
    if (next) await storeOffers(actor, request, [next.expertId], offer.hours);
    else await settleWhenNoneOpen(actor, request._id);
  }
  return expired;
}
