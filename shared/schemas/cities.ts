/** Cities: every sub-national authority that belongs to, or applies to, the network. */
import { z } from 'zod';
import { CITY_KINDS, CITY_STATUSES } from '../directoryTerms.js';
import { CountryCode, Line, ObjectIdString, PageQuery, Slug } from './common.js';

export { CITY_KINDS, CITY_STATUSES, CITY_STATUS_TRANSITIONS, type CityStatus } from '../directoryTerms.js';

/** The pledge of the principles, as recorded: which text, who pledged, when. */
export const Pledge = z
  .object({
    version: z.string(),
    /** Who pledged for the city; shown to signed-in members only. */
    pledgedBy: z.string().optional(),
    pledgedAt: z.iso.datetime(),
  })
  .meta({ id: 'Pledge' });

/** A city as the API returns it. */
export const City = z
  .object({
    id: ObjectIdString,
    slug: Slug,
    name: z.string(),
    kind: z.enum(CITY_KINDS),
    country: CountryCode,
    hub: Slug,
    status: z.enum(CITY_STATUSES),
    iscSeat: z.boolean(),
    pledge: Pledge.nullable(),
    memberSince: z.iso.datetime().nullable(),
    focalPoints: z.array(z.object({ id: ObjectIdString, name: z.string() })).optional(),
    /** What the reader may do with the city (signed-in readers), decided by the policy. */
    abilities: z
      .object({
        rename: z.boolean(),
        changeHub: z.boolean(),
        iscSeat: z.boolean(),
        focalPoints: z.boolean(),
        setStatus: z.boolean(),
      })
      .optional(),
  })
  .meta({ id: 'City' });

/** Input to create a city (admin). */
export const CityCreate = z
  .object({
    slug: Slug,
    name: Line(200),
    kind: z.enum(CITY_KINDS),
    country: CountryCode,
    hub: Slug,
    status: z.enum(CITY_STATUSES).default('applicant'),
    iscSeat: z.boolean().default(false),
    /** Who pledged the principles for the city (required to create it as a member). */
    pledgedBy: Line(200).optional(),
  })
  .strict()
  .refine((c) => c.status !== 'member' || c.pledgedBy !== undefined, {
    message: 'a member city needs its pledge recorded: give pledgedBy',
    path: ['pledgedBy'],
  });

/** Input to change a city's details (admin, or the city's focal point for the name). */
export const CityUpdate = z
  .object({
    name: Line(200).optional(),
    kind: z.enum(CITY_KINDS).optional(),
    hub: Slug.optional(),
    iscSeat: z.boolean().optional(),
    focalPointIds: z.array(ObjectIdString).max(10).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change')
  .meta({ minProperties: 1 });

/** Input to move a city along its membership lifecycle; the reason is kept in the audit log. */
export const CityStatusChange = z
  .object({
    status: z.enum(CITY_STATUSES),
    reason: Line(1000),
    /** Who pledged the principles, when a city without a recorded pledge becomes a member. */
    pledgedBy: Line(200).optional(),
  })
  .strict();

/** Query of the city list. */
export const CityListQuery = PageQuery.extend({
  hub: Slug.optional(),
  country: CountryCode.optional(),
  kind: z.enum(CITY_KINDS).optional(),
  status: z.enum(CITY_STATUSES).optional(),
}).strict();

/** Path parameter naming a city. */
export const CityParams = z.object({ city: Slug }).strict();
