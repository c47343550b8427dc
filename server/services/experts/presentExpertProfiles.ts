/**
 * Presents expert profiles for a viewer: the public part to every member who may browse the
 * directory (name, city or organisation, summary, topics, languages, regions, countries, formats,
 * availability, verified), the private part (conflicts, clearance, time zone, load limit, dates)
 * only to the expert themself and the Management Unit (shared/policy/experts.ts).
 */
import type { Types } from 'mongoose';
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import {
  mayKeepExpertProfile,
  mayVerifyExperts,
  seesExpertPrivateFields,
} from '../../../shared/policy/experts.js';
import type { ExpertProfile } from '../../../shared/schemas/experts.js';
import { CityModel } from '../../models/City.js';
import type { ExpertProfileDoc } from '../../models/ExpertProfile.js';
import { PersonModel } from '../../models/Person.js';
import { citySlugsById } from '../lookups.js';

/** The expert behind a profile, as presented. */
export interface ExpertPerson {
  _id: Types.ObjectId;
  name: string;
  cityId: Types.ObjectId | null;
  organisation: string | null;
}

/** A profile not stored yet: what the expert's form starts from. */
export function blankProfile(personId: Types.ObjectId): ExpertProfileDoc {
  return {
    _id: personId,
    personId,
    summary: '',
    topics: [],
    languages: [],
    regions: [],
    countries: [],
    formats: [],
    availability: 'available',
    timeZone: 'UTC',
    maxConcurrent: 2,
    clearance: 'GREEN',
    conflicts: { cityIds: [], countries: [], organisations: [] },
    verifiedAt: null,
    verifiedBy: null,
  } as unknown as ExpertProfileDoc;
}

/** The people of the profiles, by id (name, city, organisation). */
export async function expertPeopleById(ids: Types.ObjectId[]): Promise<Map<string, ExpertPerson>> {
  const people = (await PersonModel.find(
    { _id: { $in: ids } },
    { name: 1, cityId: 1, organisation: 1 },
  ).lean()) as ExpertPerson[];
  return new Map(people.map((p) => [String(p._id), p]));
}

/** The profiles as the API returns them (a profile whose person is gone is left out). */
export async function presentExpertProfiles(
  actor: Actor,
  docs: ExpertProfileDoc[],
  stored = true,
): Promise<z.infer<typeof ExpertProfile>[]> {
  const people = await expertPeopleById(docs.map((d) => d.personId));
  const private_ = docs.filter((d) => seesExpertPrivateFields(actor, String(d.personId)));
  const [citySlugs, conflictCities] = await Promise.all([
    citySlugsById(
      actor,
      [...people.values()].map((p) => p.cityId),
    ),
    CityModel.find({ _id: { $in: private_.flatMap((d) => d.conflicts?.cityIds ?? []) } }, { slug: 1 }).lean(),
  ]);
  const conflictSlugs = new Map(conflictCities.map((c) => [String(c._id), c.slug]));
  const verify = mayVerifyExperts(actor);
  return docs.flatMap((d) => {
    const id = String(d.personId);
    const person = people.get(id);
    if (!person) return [];
    const sees = seesExpertPrivateFields(actor, id);
    const own = actor.kind === 'person' && actor.id === id;
    return [
      {
        person: {
          id,
          name: person.name,
          city: person.cityId ? (citySlugs.get(String(person.cityId)) ?? null) : null,
          organisation: person.organisation ?? null,
        },
        summary: d.summary ?? '',
        topics: [...d.topics],
        languages: d.languages.map((l) => ({ code: l.code, proficiency: l.proficiency })),
        regions: [...d.regions],
        countries: [...d.countries],
        formats: [...d.formats],
        availability: d.availability,
        verified: Boolean(d.verifiedAt),
        timeZone: sees ? d.timeZone : null,
        maxConcurrent: sees ? d.maxConcurrent : null,
        clearance: sees ? d.clearance : null,
        conflicts: sees
          ? {
              cities: (d.conflicts?.cityIds ?? []).flatMap((c) => conflictSlugs.get(String(c)) ?? []),
              countries: [...(d.conflicts?.countries ?? [])],
              organisations: [...(d.conflicts?.organisations ?? [])],
            }
          : null,
        verifiedAt: sees && d.verifiedAt ? d.verifiedAt.toISOString() : null,
        updatedAt: stored && sees && d.updatedAt ? d.updatedAt.toISOString() : null,
        abilities: { edit: own && mayKeepExpertProfile(actor), verify: verify && stored },
      },
    ];
  });
}

/** One profile presented (its person exists). */
export async function presentExpertProfile(actor: Actor, doc: ExpertProfileDoc, stored = true) {
  const [one] = await presentExpertProfiles(actor, [doc], stored);
  if (!one) throw new Error('presenting the expert profile failed');
  return one;
}
