/**
 * Expert profiles and the experts directory (issue 14, part 1): the profile an expert keeps
 * (GET|PUT /api/v1/me/expert-profile), the directory members browse (GET /api/v1/experts) and the
 * Management Unit's verification (POST /api/v1/experts/{person}/verification). Conflicts and
 * clearance are shown only to the expert and the Management Unit (shared/policy/experts.ts).
 */
import { z } from 'zod';
import { AVAILABILITIES, EXPERT_FORMATS, EXPERT_TOPICS, PROFICIENCIES } from '../expertPool.js';
import { LABELS } from '../policy/labels.js';
import { CountryCode, LanguageCode, Line, ObjectIdString, PageQuery, Paragraphs, Slug } from './common.js';

/** The most topics, languages, regions, countries and conflicts a profile holds. */
export const EXPERT_LIST_MAX = 30;

/** Whether `zone` is an IANA time zone this runtime knows (Intl refuses unknown names). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone such as Africa/Nairobi. */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, 'an IANA time zone such as Africa/Nairobi');

const unique = <T>(items: readonly T[]) => new Set(items).size === items.length;

/** A list with no repeated entry. */
const distinctList = <T extends z.ZodType>(item: T, max = EXPERT_LIST_MAX) =>
  z.array(item).max(max).refine(unique, 'no repeated entries');

/** One language an expert speaks, with how well. */
export const ExpertLanguage = z
  .object({ code: LanguageCode, proficiency: z.enum(PROFICIENCIES) })
  .strict()
  .meta({ id: 'ExpertLanguage' });

/** Declared conflicts as the expert writes them: city slugs, country codes and organisation names. */
export const ExpertConflicts = z
  .object({
    cities: distinctList(Slug).default([]),
    countries: distinctList(CountryCode).default([]),
    organisations: distinctList(Line(200)).default([]),
  })
  .strict()
  .meta({ id: 'ExpertConflicts' });

/** What the expert edits on their own profile (the whole profile: PUT replaces it). */
export const ExpertProfileUpdate = z
  .object({
    summary: Paragraphs(2000).default(''),
    topics: distinctList(z.enum(EXPERT_TOPICS)).min(1),
    languages: z
      .array(ExpertLanguage)
      .min(1)
      .max(EXPERT_LIST_MAX)
      .refine((rows) => unique(rows.map((r) => r.code)), 'each language once'),
    regions: distinctList(Slug).default([]),
    countries: distinctList(CountryCode).default([]),
    formats: distinctList(z.enum(EXPERT_FORMATS)).min(1),
    availability: z.enum(AVAILABILITIES),
    timeZone: TimeZone,
    maxConcurrent: z.number().int().min(1).max(10),
    conflicts: ExpertConflicts.default({ cities: [], countries: [], organisations: [] }),
  })
  .strict()
  .meta({ id: 'ExpertProfileUpdate' });

/** The Management Unit's verification: verified or not, and the clearance ceiling. */
export const ExpertVerification = z
  .object({ verified: z.boolean(), clearance: z.enum(LABELS) })
  .strict()
  .meta({ id: 'ExpertVerification' });

/** Path parameter naming an expert (a person id). */
export const ExpertParams = z.object({ person: ObjectIdString }).strict();

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Filters of the experts directory; keyset-paged by name like other lists. */
export const ExpertListQuery = PageQuery.extend({
  topic: z.enum(EXPERT_TOPICS).optional(),
  language: LanguageCode.optional(),
  region: Slug.optional(),
  format: z.enum(EXPERT_FORMATS).optional(),
  availability: z.enum(AVAILABILITIES).optional(),
  verified: booleanQuery.optional(),
}).strict();

/** What the viewer may do with a profile (the client shows controls from these alone). */
export const ExpertAbilities = z
  .object({ edit: z.boolean(), verify: z.boolean() })
  .meta({ id: 'ExpertAbilities' });

/** An expert profile as returned: the private part (conflicts, clearance, load) only to the expert and the Management Unit. */
export const ExpertProfile = z
  .object({
    person: z.object({
      id: ObjectIdString,
      name: z.string(),
      /** The expert's city slug, when they belong to one the viewer may read. */
      city: z.string().nullable(),
      organisation: z.string().nullable(),
    }),
    summary: z.string(),
    topics: z.array(z.enum(EXPERT_TOPICS)),
    languages: z.array(ExpertLanguage),
    regions: z.array(z.string()),
    countries: z.array(z.string()),
    formats: z.array(z.enum(EXPERT_FORMATS)),
    availability: z.enum(AVAILABILITIES),
    verified: z.boolean(),
    /** Null when the viewer is neither the expert nor the Management Unit. */
    timeZone: z.string().nullable(),
    maxConcurrent: z.number().int().nullable(),
    clearance: z.enum(LABELS).nullable(),
    conflicts: z
      .object({
        cities: z.array(z.string()),
        countries: z.array(z.string()),
        organisations: z.array(z.string()),
      })
      .nullable(),
    verifiedAt: z.string().nullable(),
    updatedAt: z.string().nullable(),
    abilities: ExpertAbilities,
  })
  .meta({ id: 'ExpertProfile' });
