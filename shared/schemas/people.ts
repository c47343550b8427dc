/** People: practitioners, leaders, experts, moderators and the others of DOMAIN.md. */
import { z } from 'zod';
import { ROLES } from '../roles.js';
import { PERSON_STATUSES } from '../directoryTerms.js';
import { Email, LanguageCode, Line, ObjectIdString, PageQuery, Slug } from './common.js';

export { PERSON_STATUSES, type PersonStatus } from '../directoryTerms.js';

/** An expertise tag such as `youth-engagement` or `disinformation`. */
export const ExpertiseTag = Slug;

/** A person as the API returns it. The e-mail is shown only to admins, the person and their city's focal point. */
export const Person = z
  .object({
    id: ObjectIdString,
    name: z.string(),
    city: Slug.nullable(),
    organisation: z.string().nullable(),
    roles: z.array(z.enum(ROLES)),
    position: z.string().nullable(),
    languages: z.array(LanguageCode),
    expertise: z.array(ExpertiseTag),
    status: z.enum(PERSON_STATUSES),
    email: z.string().optional(),
    /** What the reader may do with the person, decided by the policy. */
    abilities: z.object({ setRoles: z.boolean(), setStatus: z.boolean(), invite: z.boolean() }).optional(),
  })
  .meta({ id: 'Person' });

/** Input to create a person (admin). Belongs to a city, an organisation, or both. */
export const PersonCreate = z
  .object({
    name: Line(200),
    email: Email,
    city: Slug.optional(),
    organisation: Line(200).optional(),
    roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
    position: Line(200).optional(),
    languages: z.array(LanguageCode).max(20).default([]),
    expertise: z.array(ExpertiseTag).max(30).default([]),
    status: z.enum(PERSON_STATUSES).default('invited'),
  })
  .strict()
  .refine((p) => p.city !== undefined || p.organisation !== undefined, {
    message: 'give a city or an organisation',
    path: ['city'],
  });

/** Input to replace a person's roles (admin). */
export const PersonRolesUpdate = z
  .object({ roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length) })
  .strict();

/** Query of the people list (members only). */
export const PeopleListQuery = PageQuery.extend({
  city: Slug.optional(),
  role: z.enum(ROLES).optional(),
  expertise: ExpertiseTag.optional(),
  language: LanguageCode.optional(),
}).strict();

/** Path parameter naming a person. */
export const PersonParams = z.object({ person: ObjectIdString }).strict();

/** Input to activate or suspend a person (admin); the reason is kept in the audit log. */
export const PersonStatusChange = z.object({ status: z.enum(PERSON_STATUSES), reason: Line(1000) }).strict();
