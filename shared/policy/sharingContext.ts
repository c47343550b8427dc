/**
 * What the sharing policy needs to know about an actor beyond the actor itself: their city's hub,
 * their explicit space memberships, the hubs they coordinate and the spaces they take part in.
 * The server loads it once per request; the client receives the same facts to decide what to show.
 */
import type { Actor } from './actor.js';

/** The facts about an actor that the sharing policy reads. Ids are strings. */
export interface SharingContext {
  actor: Actor;
  /** The actor's city, when it is a member city (derived membership needs an active membership). */
  cityId: string | null;
  /** The hub of that city. */
  cityHubId: string | null;
  /** Spaces the actor joined explicitly and has not left. */
  explicitSpaceIds: string[];
  /** Spaces where the actor is an explicit owner or moderator. */
  managedSpaceIds: string[];
  /** Hubs the actor coordinates (Hub.coordinatorIds): their review queues and spaces. */
  coordinatedHubIds: string[];
  /** Every space the actor takes part in, explicit or derived (computed from the Space rules). */
  spaceIds: string[];
}

/** The context of an actor with no memberships (anonymous visitors, or before loading). */
export function bareContext(actor: Actor): SharingContext {
  return {
    actor,
    cityId: null,
    cityHubId: null,
    explicitSpaceIds: [],
    managedSpaceIds: [],
    coordinatedHubIds: [],
    spaceIds: [],
  };
}

/** The id of a person actor, or null. */
export function personId(ctx: SharingContext): string | null {
  return ctx.actor.kind === 'person' ? ctx.actor.id : null;
}

/** True for the global moderator role (every hub's queue, every space). */
export function isGlobalModerator(ctx: SharingContext): boolean {
  return (
    ctx.actor.kind === 'operator' || (ctx.actor.kind === 'person' && ctx.actor.roles.includes('moderator'))
  );
}
