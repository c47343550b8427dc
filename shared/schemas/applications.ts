/** Membership applications: a city applies through the public form and pledges the principles. */
import { z } from 'zod';
import { APPLICATION_STATUSES, CITY_KINDS } from '../directoryTerms.js';
import { PRINCIPLES_VERSION } from '../principles.js';
import { CountryCode, Email, Line, ObjectIdString, PageQuery, Paragraphs, Slug } from './common.js';

export { APPLICATION_STATUSES } from '../directoryTerms.js';

/** The public application form. The pledge must name the current principles version. */
export const ApplicationCreate = z
  .object({
    city: z
      .object({
        name: Line(200),
        kind: z.enum(CITY_KINDS),
        country: CountryCode,
        hub: Slug.optional(),
      })
      .strict(),
    contact: z
      .object({
        name: Line(200),
        email: Email,
        position: Line(200),
      })
      .strict(),
    pledge: z
      .object({
        // The document names the one version taken, as the service does (`principles have changed`).
        version: Line(32).meta({ enum: [PRINCIPLES_VERSION] }),
        accepted: z.literal(true, 'the principles must be pledged to apply'),
      })
      .strict(),
    message: Paragraphs(2000).optional(),
  })
  .strict();

/** An application as admins see it. */
export const Application = z
  .object({
    id: ObjectIdString,
    status: z.enum(APPLICATION_STATUSES),
    city: z.object({
      name: z.string(),
      kind: z.enum(CITY_KINDS),
      country: CountryCode,
      hub: Slug.nullable(),
    }),
    contact: z.object({ name: z.string(), email: z.string(), position: z.string() }),
    pledge: z.object({ version: z.string(), pledgedAt: z.iso.datetime() }),
    message: z.string().nullable(),
    submittedAt: z.iso.datetime(),
    decision: z
      .object({ by: z.string(), at: z.iso.datetime(), reason: z.string().nullable(), city: Slug.nullable() })
      .nullable(),
    /** What the reader may do with the application, decided by the policy. */
    abilities: z.object({ decide: z.boolean() }).optional(),
  })
  .meta({ id: 'Application' });

/** What the public form gets back: a receipt, nothing about other applications. */
export const ApplicationReceipt = z
  .object({
    id: ObjectIdString,
    status: z.literal('pending'),
    submittedAt: z.iso.datetime(),
  })
  .meta({ id: 'ApplicationReceipt' });

/** An admin's decision. Declining needs a reason; approving may set the slug and hub of the new city. */
export const ApplicationDecision = z.discriminatedUnion('decision', [
  z
    .object({
      decision: z.literal('approve'),
      slug: Slug.optional(),
      hub: Slug.optional(),
      reason: Line(1000).optional(),
    })
    .strict(),
  z.object({ decision: z.literal('decline'), reason: Line(1000) }).strict(),
]);

/** Query of the application list (admin). */
export const ApplicationListQuery = PageQuery.extend({
  status: z.enum(APPLICATION_STATUSES).optional(),
}).strict();

/** Path parameter naming an application. */
export const ApplicationParams = z.object({ application: ObjectIdString }).strict();
