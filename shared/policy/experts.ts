/**
 * The Expert Pool's policy (DOMAIN.md, "Expert Pool"; issue 14): who keeps an expert profile, who
 * verifies it and sets its clearance (the Management Unit), who browses the experts directory, and
 * who sees a profile's private part (declared conflicts, clearance, time zone and load limit).
 * Named rules, so no code outside the policy compares roles.
 */
import { COMMUNITY_ROLES, type Role } from '../roles.js';
import type { Actor } from './actor.js';
import { bareContext, isGlobalModerator } from './sharingContext.js';

/** The role of the Expert Pool's members: only they keep an expert profile and appear in the directory. */
export const EXPERT_ROLE: Role = 'expert';

/** The role that, with global moderators, makes the Management Unit. */
const MANAGEMENT_ROLE: Role = 'admin';

/** Whether the actor may keep (read and edit) an expert profile of their own: experts only. */
export function mayKeepExpertProfile(actor: Actor): boolean {
  return actor.kind === 'person' && actor.roles.includes(EXPERT_ROLE);
}

/**
 * Whether the actor is the Management Unit for the Expert Pool: admins and global moderators (hub
 * coordinators are not: verification and clearance are network-wide), and the operator.
 */
export function isExpertManager(actor: Actor): boolean {
  if (actor.kind === 'operator') return true;
  if (actor.kind !== 'person') return false;
  return actor.roles.includes(MANAGEMENT_ROLE) || isGlobalModerator(bareContext(actor));
}

/** Whether the actor may verify an expert and set their clearance ceiling: the Management Unit. */
export function mayVerifyExperts(actor: Actor): boolean {
  return isExpertManager(actor);
}

/**
 * Whether the actor may browse the experts directory: the network's community (COMMUNITY_ROLES) and
 * the operator. Invited partners (community partners, partner observers) may not: they see only what
 * they are invited to.
 */
export function mayBrowseExperts(actor: Actor): boolean {
  if (actor.kind === 'operator') return true;
  return actor.kind === 'person' && actor.roles.some((role) => COMMUNITY_ROLES.includes(role));
}

/**
 * Whether the actor sees the private part of the profile of `expertId` (conflicts, clearance, time
 * zone, load limit, verification date): the expert themself and the Management Unit.
 */
export function seesExpertPrivateFields(actor: Actor, expertId: string): boolean {
  return (actor.kind === 'person' && actor.id === expertId) || isExpertManager(actor);
}

/**
 * The condition on a stored person that makes them listed in the directory: active, holding the
 * expert role. Combined with other filters under `$and`.
 */
export function listedExpertCondition(): Record<string, unknown> {
  return { status: 'active', roles: EXPERT_ROLE };
}

/** Whether a stored person (roles, status) is a listed expert, as {@link listedExpertCondition} says. */
export function isListedExpert(person: { roles: readonly string[]; status: string }): boolean {
  return person.status === 'active' && person.roles.includes(EXPERT_ROLE);
}

/**
 * Which changes of an expert's own edit clear the Management Unit's verification: a change of the
 * substance it vouched for (topics, languages, formats, regions, conflicts). Summary, availability,
 * time zone, load limit and countries of experience keep it.
 */
export const VERIFIED_FIELDS = ['topics', 'languages', 'formats', 'regions', 'conflicts'] as const;
