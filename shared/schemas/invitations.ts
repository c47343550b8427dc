/**
 * Invitations to spaces: a space's owners and moderators invite a person, who accepts or declines
 * at /invitations; the space page lists the pending ones.
 */
import { z } from 'zod';
import { LABELS } from '../policy/labels.js';
import { SPACE_KINDS } from '../policy/spaces.js';
import { ObjectIdString, PageQuery, Slug } from './common.js';

/** The states of an invitation: pending until the invitee answers or a manager withdraws it. */
export const INVITATION_STATUSES = ['pending', 'accepted', 'declined', 'revoked'] as const;

/** The roles an invitation may offer (owners are made by creating a space). */
export const INVITATION_ROLES = ['member', 'moderator'] as const;

/** Input to invite a person to a space. */
export const SpaceInvitationCreate = z
  .object({ person: ObjectIdString, role: z.enum(INVITATION_ROLES).default('member') })
  .strict();

/** Path parameter naming an invitation. */
export const InvitationParams = z.object({ invitation: ObjectIdString }).strict();

/** Path parameters naming a space and one of its invitations. */
export const SpaceInvitationParams = z.object({ space: Slug, invitation: ObjectIdString }).strict();

/** Query of invitation lists. */
export const InvitationListQuery = PageQuery.strict();

/** An invitation as the API returns it (to the invitee and to the space's readers). */
export const SpaceInvitation = z
  .object({
    id: ObjectIdString,
    space: z.object({
      slug: Slug,
      name: z.string(),
      kind: z.enum(SPACE_KINDS),
      ceiling: z.enum(LABELS),
      chathamHouse: z.boolean(),
      leadersOnly: z.boolean(),
    }),
    person: z.object({ id: ObjectIdString, name: z.string().nullable() }),
    invitedBy: z.object({ id: z.string(), name: z.string().nullable() }),
    role: z.enum(INVITATION_ROLES),
    status: z.enum(INVITATION_STATUSES),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    /** What the viewer may do: answer it (the invitee) or withdraw it (the space's managers). */
    abilities: z.object({ answer: z.boolean(), revoke: z.boolean() }),
  })
  .meta({ id: 'SpaceInvitation' });
