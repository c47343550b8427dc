/** Spaces: where material lives, with members, a ceiling and a default label (SHARING.md). */
import { z } from 'zod';
import { LABELS, labelRank } from '../policy/labels.js';
import { CREATABLE_SPACE_KINDS, SPACE_KINDS, SPACE_ROLES } from '../policy/spaces.js';
import { Line, ObjectIdString, PageQuery, Paragraphs, Slug } from './common.js';

/** What the actor may do with a space: invite and manage members, manage its forum categories, leave it. */
export const SpaceAbilities = z
  .object({
    invite: z.boolean(),
    manageMembers: z.boolean(),
    moderateForum: z.boolean(),
    leave: z.boolean(),
  })
  .meta({ id: 'SpaceAbilities' });

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
    /** What the actor may do with the space, decided by the policy; the client shows controls from it. */
    abilities: SpaceAbilities,
  })
  .meta({ id: 'Space' });

/** Input to create a space. Hub spaces name a hub; city spaces name a city. */
export const SpaceCreate = z
  .object({
    /** The space's address; made from the name (with a short random ending) when not given. */
    slug: Slug.optional(),
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
    /** What the viewer may do with this membership: change its role (room moderator or not), remove it. */
    abilities: z.object({ changeRole: z.boolean(), remove: z.boolean() }),
  })
  .meta({ id: 'SpaceMember' });

/** One kind of space the actor may create, and where: network-wide (no hub, no city), in a hub, or for a city. */
export const SpaceCreationOption = z
  .object({
    kind: z.enum(CREATABLE_SPACE_KINDS),
    hub: Slug.nullable(),
    city: Slug.nullable(),
    /** Whether the space may be made leaders-only (peer rooms). */
    leadersOnly: z.boolean(),
  })
  .meta({ id: 'SpaceCreationOption' });

/** What the actor may create, as the policy answers: the form offers these and nothing else. */
export const SpaceCreationOptions = z
  .object({ options: z.array(SpaceCreationOption) })
  .meta({ id: 'SpaceCreationOptions' });

/** Input to change an explicit member's role in a space (owners stay owners). */
export const SpaceMemberRoleChange = z.object({ role: z.enum(['member', 'moderator']) }).strict();

/**
 * Input to start a group conversation: the other people (2 to 19 of them, so 3 to 20 in all with
 * the one who starts it; the service says so with the reason `group_size`) and an optional name.
 */
export const GroupConversationCreate = z
  .object({
    name: Line(200).optional(),
    people: z.array(ObjectIdString).max(100),
  })
  .strict();

/** Input to reorder a forum's categories: every category's slug, in the new order. */
export const ForumCategoryOrder = z.object({ categories: z.array(Slug).min(1).max(200) }).strict();
