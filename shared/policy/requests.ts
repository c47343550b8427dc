/**
 * The rules of expert requests (issue #14) beyond those every labelled item follows (content.ts):
 * who opens a request (a member of a member city, for their city), which party of the workflow a
 * person is for one request, and the hard filters of matching: an expert is never matched or offered
 * a request above their clearance, one they declared a conflict with, or one in no language they work in.
 */
import type { Label } from './labels.js';
import { isAbove } from './labels.js';
import type { RequestParty } from './requestWorkflow.js';
import { hasDerivedMembership } from './spaces.js';
import type { SharingContext } from './sharingContext.js';
import type { Proficiency } from '../expertPool.js';

/**
 * The request spaces a person may open: one per request, bound to their own (member) city and its
 * hub, whose moderators triage it. Conditions on the candidate Space document.
 */
export function requestCreationForms(ctx: SharingContext): Record<string, unknown>[] {
  const { actor } = ctx;
  if (actor.kind !== 'person' || !ctx.cityId || !hasDerivedMembership(actor.roles)) return [];
  return [{ kind: 'expert_request', cityId: ctx.cityId, hubId: ctx.cityHubId }];
}

/** The facts of a request that decide a person's party. */
export interface RequestFacts {
  authorId: unknown;
  authorCityId: unknown;
  expertIds: readonly unknown[];
}

/**
 * The parties `ctx`'s person is for the request: `requester` (its author, or a focal point of its
 * city), `expert` (an expert who accepted it), `triager` when `moderates` (the policy's `moderate`
 * right on the item, asked by the caller).
 */
export function requestParties(
  ctx: SharingContext,
  request: RequestFacts,
  moderates: boolean,
): RequestParty[] {
  const { actor } = ctx;
  const parties: RequestParty[] = [];
  if (actor.kind !== 'person') return moderates ? ['triager'] : [];
  const ofCity =
    actor.roles.includes('focal_point') && !!ctx.cityId && String(request.authorCityId) === ctx.cityId;
  if (String(request.authorId) === actor.id || ofCity) parties.push('requester');
  if (request.expertIds.some((id) => String(id) === actor.id)) parties.push('expert');
  if (moderates) parties.push('triager');
  return parties;
}

/** Proficiencies good enough to advise in a language. */
export const ADVISING_PROFICIENCIES: readonly Proficiency[] = ['working', 'fluent', 'native'];

/** Why an expert may not be matched with a request (a hard filter), or null when they may. */
export type MatchExclusion = 'not_expert' | 'clearance' | 'conflict' | 'no_shared_language';

/** What the hard filters read of an expert. */
export interface ExpertFacts {
  roles: readonly string[];
  status: string;
  clearance: Label;
  languages: readonly { code: string; proficiency: Proficiency }[];
  conflicts: { cityIds: readonly unknown[]; countries: readonly string[]; organisations: readonly string[] };
}

/** What the hard filters read of a request and its city. */
export interface RequestMatchFacts {
  label: Label;
  languages: readonly string[];
  cityId: unknown;
  country: string | null;
  /** Names a conflict of organisation may match: the city's and the requester's organisation. */
  organisations: readonly string[];
}

/**
 * The hard filter of matching and offering: the expert must be an active expert, cleared for the
 * request's label, free of a declared conflict with its city, country or organisations, and work in
 * one of its languages. Returns why not, or null.
 */
export function matchExclusion(expert: ExpertFacts, request: RequestMatchFacts): MatchExclusion | null {
  if (expert.status !== 'active' || !expert.roles.includes('expert')) return 'not_expert';
  if (isAbove(request.label, expert.clearance)) return 'clearance';
  const folded = (s: string) => s.normalize('NFKC').toLocaleLowerCase('en').trim();
  const organisations = new Set(request.organisations.map(folded));
  if (
    expert.conflicts.cityIds.some((id) => String(id) === String(request.cityId)) ||
    (request.country !== null && expert.conflicts.countries.includes(request.country)) ||
    expert.conflicts.organisations.some((o) => organisations.has(folded(o)))
  )
    return 'conflict';
  const spoken = expert.languages
    .filter((l) => ADVISING_PROFICIENCIES.includes(l.proficiency))
    .map((l) => l.code);
  if (!request.languages.some((code) => spoken.includes(code))) return 'no_shared_language';
  return null;
}
