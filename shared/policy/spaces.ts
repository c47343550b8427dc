/**
 * Spaces (SHARING.md, "Spaces and ceilings"): where material lives, who belongs, and the kinds a
 * space may be. Membership is explicit (a SpaceMembership) or derived from the directory as below.
 */
import { COMMUNITY_ROLES, type Role } from '../roles.js';
import type { SharingContext } from './sharingContext.js';

/**
 * The kinds of space. `city` is a city's internal space; `city_partners` is a space of that city with
 * its local partners (the destination AMBER may travel to).
 */
export const SPACE_KINDS = [
  'network',
  'hub',
  'peer_room',
  'committee',
  'city',
  'city_partners',
  'expert_request',
  /** A library record's draft: its writer, their city's focal points; the editors read it as editors. */
  'library_draft',
  'event',
  'direct',
] as const;

/** One of {@link SPACE_KINDS}. */
export type SpaceKind = (typeof SPACE_KINDS)[number];

/** Roles a person may hold in a space by explicit membership. */
export const SPACE_ROLES = ['owner', 'moderator', 'member'] as const;

/** One of {@link SPACE_ROLES}. */
export type SpaceRole = (typeof SPACE_ROLES)[number];

/** Roles that bring derived membership of network, hub, city and committee spaces (see COMMUNITY_ROLES). */
export const DERIVED_MEMBERSHIP_ROLES = COMMUNITY_ROLES;

/**
 * How each kind derives its members, as data the interface can explain:
 * `everyone` (network people), `hub_cities` (people of the hub's member cities), `city` (the city's
 * people), `isc` (ISC members), `explicit` (invited only).
 */
export const DERIVED_MEMBERSHIP: Record<SpaceKind, 'everyone' | 'hub_cities' | 'city' | 'isc' | 'explicit'> =
  {
    network: 'everyone',
    hub: 'hub_cities',
    peer_room: 'explicit',
    committee: 'isc',
    city: 'city',
    city_partners: 'city',
    expert_request: 'explicit',
    library_draft: 'explicit',
    event: 'explicit',
    direct: 'explicit',
  };

/**
 * A direct conversation: exactly two people, explicit members, made only by
 * `POST /api/v1/rooms/direct`. Ceiling RED (its audience is already the two named people, so
 * TLP's "named recipients only" fits); default AMBER (a one-to-one talk is need-to-know, not
 * community-wide).
 */
export const DIRECT_ROOM = { ceiling: 'RED', defaultLabel: 'AMBER' } as const;

/** Kinds that hold one item under review and are no room: not listed among rooms or the workspace's spaces. */
export const NON_ROOM_KINDS: readonly SpaceKind[] = ['library_draft'];

/** Kinds that belong to one city (need `cityId`). */
export const CITY_SPACE_KINDS: readonly SpaceKind[] = ['city', 'city_partners'];

/** Kinds that belong to one hub (need `hubId`). */
export const HUB_SPACE_KINDS: readonly SpaceKind[] = ['hub'];

/** Roles admitted to a leaders-only peer room. */
export const LEADER_ROLES: readonly Role[] = ['leader'];

/** True when the person's roles bring derived membership. */
export function hasDerivedMembership(roles: readonly Role[]): boolean {
  return roles.some((r) => DERIVED_MEMBERSHIP_ROLES.includes(r));
}

/**
 * True when going from roles `before` to `after` may widen where a person takes part: a first role
 * with derived membership, or a newly gained leader or ISC role (leaders-only rooms, the committee).
 * A raise to RED counts a person only from such a change on.
 */
export function widensParticipation(before: readonly Role[], after: readonly Role[]): boolean {
  if (!hasDerivedMembership(before) && hasDerivedMembership(after)) return true;
  return (['leader', 'isc_member'] as const).some((r) => after.includes(r) && !before.includes(r));
}

/** Whether someone with these roles is a leader (a mayor or city leader), as leaders-only rooms admit. */
export function isLeader(roles: readonly string[]): boolean {
  return roles.some((r) => LEADER_ROLES.includes(r as Role));
}

/**
 * The kinds a person may create from the page (`/spaces/new`); hub spaces come with their hub and
 * direct conversations with their people. Which of them each person may create is the ability's
 * `create` rule on Space, asked per kind and place by the server.
 */
export const CREATABLE_SPACE_KINDS = ['peer_room', 'committee', 'city', 'city_partners', 'event'] as const;

/** One of {@link CREATABLE_SPACE_KINDS}. */
export type CreatableSpaceKind = (typeof CREATABLE_SPACE_KINDS)[number];

/**
 * The spaces a person may create on their own standing beyond the staff rules of the sharing
 * ability: a mayor or city leader of a member city opens peer rooms of the network (bound to no hub
 * and no city), leaders-only or not, and owns them. Conditions on the candidate Space document.
 */
export function personalCreationForms(ctx: SharingContext): Record<string, unknown>[] {
  const { actor } = ctx;
  if (actor.kind !== 'person' || !ctx.cityId || !isLeader(actor.roles)) return [];
  return [{ kind: 'peer_room', hubId: null, cityId: null }];
}

/**
 * Kinds whose members come only from their own workflow: a direct conversation's two people, an
 * expert request's requester, focal points and accepted experts (who passed the hard filters), a
 * library draft's writer and focal points. Nobody is invited or added to them by hand.
 */
export const WORKFLOW_MEMBER_KINDS: readonly SpaceKind[] = ['direct', 'expert_request', 'library_draft'];

/** Whether people can be invited to (or added by hand to) a space of this kind. */
export function isInvitableKind(kind: SpaceKind): boolean {
  return !WORKFLOW_MEMBER_KINDS.includes(kind);
}

/** Group conversations: 3 to 20 people, the one who starts it included. */
export const GROUP_CONVERSATION = { minPeople: 3, maxPeople: 20 } as const;

/**
 * Why an invitee cannot join a space, as a stable refusal reason, or null when they can:
 * `already_member` (they take part now), `invitee_not_leader` (a leaders-only room and they are no
 * mayor or city leader), `invitee_cannot_take_part` (with the invitation they still would not take
 * part: e.g. their city is not a member now). `wouldTakePart` is the policy's answer for the invitee
 * with the membership added.
 */
export function invitationRefusal(
  space: { leadersOnly?: boolean | null },
  invitee: { roles: readonly string[]; takesPart: boolean; wouldTakePart: boolean },
): 'already_member' | 'invitee_not_leader' | 'invitee_cannot_take_part' | null {
  if (invitee.takesPart) return 'already_member';
  if (space.leadersOnly && !isLeader(invitee.roles)) return 'invitee_not_leader';
  if (!invitee.wouldTakePart) return 'invitee_cannot_take_part';
  return null;
}

/** Whether a member's role in a space stays as it is (owners: they made the space, or were made so). */
export function isFixedSpaceRole(role: SpaceRole): boolean {
  return role === 'owner';
}

/** Whether an explicit role manages its space (owners and moderators: `managedSpaceIds`). */
export function managesSpace(role: SpaceRole): boolean {
  return role !== 'member';
}
