/** Spaces: where material lives, with members, a ceiling and a default label (SHARING.md). */
import { z } from 'zod';
import { LABELS, labelRank } from '../policy/labels.js';
import { SPACE_KINDS, SPACE_ROLES } from '../policy/spaces.js';
import { Line, ObjectIdString, PageQuery, Paragraphs, Slug } from './common.js';

/** A space as the API returns it. */
export const Space = z
  .object({
    id: ObjectIdString,
    slug: Slug,
    name: z.string(),
    description: z.string(),
    kind: z.enum(SPACE_KINDS),
    hub: Slug.nullable(),
    city: Slug.nullable(),
    ceiling: z.enum(LABELS),
    defaultLabel: z.enum(LABELS),
    chathamHouse: z.boolean(),
    leadersOnly: z.boolean(),
    /** How the actor belongs: an explicit role, `derived`, or null (manages it without taking part). */
    membership: z.union([z.enum(SPACE_ROLES), z.literal('derived')]).nullable(),
  })
  .meta({ id: 'Space' });

/** Input to create a space. Hub spaces name a hub; city spaces name a city. */
export const SpaceCreate = z
  .object({
    slug: Slug,
    name: Line(200),
    description: Paragraphs(2000).default(''),
    kind: z.enum(SPACE_KINDS),
    hub: Slug.optional(),
    city: Slug.optional(),
    ceiling: z.enum(LABELS),
    defaultLabel: z.enum(LABELS),
    chathamHouse: z.boolean().default(false),
    leadersOnly: z.boolean().default(false),
  })
  .strict()
  .refine((s) => labelRank(s.defaultLabel) <= labelRank(s.ceiling), {
    message: 'the default label may not be above the ceiling',
    path: ['defaultLabel'],
  })
  .refine((s) => !s.leadersOnly || s.kind === 'peer_room', {
    message: 'only peer rooms can be leaders-only',
    path: ['leadersOnly'],
  })
  .refine((s) => s.kind !== 'direct', {
    message: 'direct conversations are made with POST /api/v1/rooms/direct',
    path: ['kind'],
  });

/** Query of "my spaces". */
export const SpaceListQuery = PageQuery.strict();

/** Path parameter naming a space. */
export const SpaceParams = z.object({ space: Slug }).strict();

/** Path parameters naming a space and a person. */
export const SpaceMemberParams = z.object({ space: Slug, person: ObjectIdString }).strict();

/** Input to add a member. */
export const SpaceMemberAdd = z
  .object({ person: ObjectIdString, role: z.enum(SPACE_ROLES).default('member') })
  .strict();

/** An explicit member as the API returns it. */
export const SpaceMember = z
  .object({
    person: z.object({ id: ObjectIdString, name: z.string() }),
    role: z.enum(SPACE_ROLES),
    joinedAt: z.string(),
    leftAt: z.string().nullable(),
  })
  .meta({ id: 'SpaceMember' });
