/**
 * The experts a request may go to, ranked: every active expert with a profile, less those a hard
 * filter leaves out (clearance, declared conflicts, no shared language: shared/policy/requests.ts),
 * each with the score and reasons of rankExpert.ts. Their load is the requests they work on now.
 */
import { matchExclusion } from '../../../shared/policy/requests.js';
import { asLabel } from '../../../shared/policy/content.js';
import { stricterOf } from '../../../shared/policy/labels.js';
import { highestLiveLabelIn } from '../../policy/contentAccess.js';
import { ROOM_STATES, FINAL_REQUEST_STATES } from '../../../shared/policy/requestWorkflow.js';
import type { ExpertRequestDoc } from '../../models/ExpertRequest.js';
import { ExpertProfileModel } from '../../models/ExpertProfile.js';
import { ExpertRequestModel } from '../../models/ExpertRequest.js';
import { CityModel } from '../../models/City.js';
import { HubModel } from '../../models/Hub.js';
import { PersonModel } from '../../models/Person.js';
import { rankExpert, type RankReason } from './rankExpert.js';

/** One ranked candidate. */
export interface Candidate {
  expertId: string;
  name: string;
  verified: boolean;
  activeRequests: number;
  maxConcurrent: number;
  score: number;
  reasons: RankReason[];
}

/** The states in which a request counts towards its experts' load. */
const ACTIVE_STATES = ROOM_STATES.filter((s) => !FINAL_REQUEST_STATES.includes(s));

/** The most experts ranked for one request (the pool is small; a bound all the same). */
const MAX_EXPERTS = 2_000;

/** The candidates for `request`, best first (ties by name). */
export async function rankCandidates(
  request: Pick<
    ExpertRequestDoc,
    '_id' | 'spaceId' | 'label' | 'topics' | 'formats' | 'languages' | 'authorCityId' | 'authorId'
  >,
): Promise<Candidate[]> {
  const [city, requester] = await Promise.all([
    request.authorCityId
      ? CityModel.findById(request.authorCityId, { name: 1, country: 1, hubId: 1 }).lean()
      : null,
    PersonModel.findById(request.authorId, { organisation: 1 }).lean(),
  ]);
  const hub = city?.hubId ? await HubModel.findById(city.hubId, { slug: 1 }).lean() : null;
  const profiles = await ExpertProfileModel.find({}).limit(MAX_EXPERTS).lean();
  const people = await PersonModel.find(
    { _id: { $in: profiles.map((p) => p.personId) }, status: 'active' },
    { name: 1, roles: 1, status: 1 },
  ).lean();
  const personById = new Map(people.map((p) => [String(p._id), p]));
  const loads = await ExpertRequestModel.find(
    {
      expertIds: { $in: people.map((p) => p._id) },
      status: { $in: ACTIVE_STATES },
      state: { $ne: 'deleted' },
    },
    { expertIds: 1 },
  ).lean();
  const loadOf = new Map<string, number>();
  for (const r of loads)
    for (const id of r.expertIds) loadOf.set(String(id), (loadOf.get(String(id)) ?? 0) + 1);

  // The room may already hold material above the request's own label (before anyone accepted).
  const roomLabel = await highestLiveLabelIn(request.spaceId);
  const facts = {
    label: roomLabel ? stricterOf(asLabel(request.label), roomLabel) : asLabel(request.label),
    languages: request.languages,
    cityId: request.authorCityId,
    country: city?.country ?? null,
    organisations: [city?.name, requester?.organisation].filter((o): o is string => !!o),
  };
  const out: Candidate[] = [];
  for (const profile of profiles) {
    const person = personById.get(String(profile.personId));
    if (!person) continue;
    const exclusion = matchExclusion(
      {
        roles: person.roles,
        status: person.status,
        clearance: asLabel(profile.clearance),
        languages: profile.languages,
        conflicts: {
          cityIds: profile.conflicts?.cityIds ?? [],
          countries: profile.conflicts?.countries ?? [],
          organisations: profile.conflicts?.organisations ?? [],
        },
      },
      facts,
    );
    if (exclusion) continue;
    const activeRequests = loadOf.get(String(person._id)) ?? 0;
    const { score, reasons } = rankExpert(
      {
        topics: profile.topics,
        languages: profile.languages,
        regions: profile.regions,
        countries: profile.countries,
        formats: profile.formats,
        availability: profile.availability,
        maxConcurrent: profile.maxConcurrent,
        activeRequests,
        verified: profile.verifiedAt !== null,
      },
      {
        topics: request.topics,
        languages: request.languages,
        formats: request.formats,
        region: hub?.slug ?? null,
        country: facts.country,
      },
    );
    out.push({
      expertId: String(person._id),
      name: person.name,
      verified: profile.verifiedAt !== null,
      activeRequests,
      maxConcurrent: profile.maxConcurrent,
      score,
      reasons,
    });
  }
  return out.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
}
