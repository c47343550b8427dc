/**
 * The sharing policy (SHARING.md) as one CASL ability per actor: spaces (who takes part, who manages),
 * labelled content (see content.ts) and the moderation queue. The server asks it for every decision
 * and for the query filter of every content read; the client asks it only what to show.
 * Conditions are written against stored field names, with ids as strings.
 */
import { AbilityBuilder, createMongoAbility, type MongoAbility, type MongoQuery } from '@casl/ability';
import { LEADER_ROLES, hasDerivedMembership, personalCreationForms } from './spaces.js';
import { addContentRules, type CONTENT_TYPES, type ContentAction } from './content.js';
import { isGlobalModerator, type SharingContext } from './sharingContext.js';
import type { TaggedItem } from './directory.js';
import { requestCreationForms } from './requests.js';
import { libraryDraftForms } from './library.js';

/**
 * Actions on spaces: `participate` is membership (explicit or derived); `manageMembers` is the member
 * list (CASL reserves `manage` for "every action"); `moderateForum` is a hub or network space's forum:
 * its categories, and pinning, locking and moving its topics; `openForWork` is a private space a
 * service opens for one piece of work (an expert request, a library record's draft), never from the
 * spaces page.
 */
export type SpaceAction =
  'read' | 'participate' | 'create' | 'manageMembers' | 'moderateForum' | 'openForWork';

/** Every action of the sharing policy. */
export type SharingAction = ContentAction | SpaceAction;

/** The names of the sharing policy's subject types. */
export type SharingSubjectType = 'Space' | 'Flag' | (typeof CONTENT_TYPES)[number];

/** A subject: a type name or a stored item tagged with its type. */
export type SharingSubject = SharingSubjectType | TaggedItem<SharingSubjectType>;

/** A person's abilities under the sharing rules. */
export type SharingAbility = MongoAbility<[SharingAction, SharingSubject]>;

/**
 * The spaces an actor takes part in, as conditions on Space documents (derived membership from the
 * directory, and explicit memberships; leaders-only peer rooms admit leaders only).
 * People of a city that is not a member now (applicant, suspended, withdrawn: `ctx.cityId` is null
 * while `actor.cityId` is set) take part in no space at all, the network-wide one included
 * (SHARING.md, "Readings settled"). People without a city (experts, the Management Unit, observers)
 * are not concerned.
 */
export function participationForms(ctx: SharingContext): MongoQuery[] {
  const { actor } = ctx;
  if (actor.kind !== 'person') return [];
  if (actor.cityId && !ctx.cityId) return [];
  const isLeader = actor.roles.some((r) => LEADER_ROLES.includes(r));
  const forms: MongoQuery[] = [];
  if (ctx.explicitSpaceIds.length > 0)
    forms.push(
      isLeader
        ? { _id: { $in: ctx.explicitSpaceIds } }
        : { _id: { $in: ctx.explicitSpaceIds }, leadersOnly: false },
    );
  if (ctx.coordinatedHubIds.length > 0) forms.push({ kind: 'hub', hubId: { $in: ctx.coordinatedHubIds } });
  if (hasDerivedMembership(actor.roles)) {
    forms.push({ kind: 'network' });
    if (ctx.cityHubId) forms.push({ kind: 'hub', hubId: ctx.cityHubId });
    if (ctx.cityId) forms.push({ kind: { $in: ['city', 'city_partners'] }, cityId: ctx.cityId });
    if (actor.roles.includes('isc_member')) forms.push({ kind: 'committee' });
  }
  return forms;
}

/**
 * An ability with the participation rules alone: the `participate` answers and query filter of
 * {@link defineSharingAbility}, which grants `participate` by these forms only, at a fraction of its
 * cost (a batch of contexts asks which spaces each person takes part in before `spaceIds` is known).
 */
export function defineParticipationAbility(ctx: SharingContext): SharingAbility {
  const { can, build } = new AbilityBuilder<SharingAbility>(createMongoAbility);
  for (const form of participationForms(ctx)) can('participate', 'Space', form);
  return build();
}

/** Builds the sharing ability of an actor from its loaded context. */
export function defineSharingAbility(ctx: SharingContext): SharingAbility {
  const builder = new AbilityBuilder<SharingAbility>(createMongoAbility);
  const { can } = builder;
  const { actor } = ctx;

  for (const form of participationForms(ctx)) {
    can('participate', 'Space', form);
    can('read', 'Space', form);
  }
  if (ctx.managedSpaceIds.length > 0) {
    can('manageMembers', 'Space', { _id: { $in: ctx.managedSpaceIds } });
    can('read', 'Space', { _id: { $in: ctx.managedSpaceIds } });
    can('moderateForum', 'Space', { _id: { $in: ctx.managedSpaceIds } });
  }
  // Anyone signed in may open a direct conversation (the service checks the other person).
  if (actor.kind === 'person') can('create', 'Space', { kind: 'direct' });
  // Mayors and city leaders open peer rooms of their own (shared/policy/spaces.ts).
  for (const form of personalCreationForms(ctx)) can('create', 'Space', form);
  // Members of a member city open expert requests for their city (requests.ts).
  for (const form of requestCreationForms(ctx)) can('openForWork', 'Space', form);
  // Members draft library records in a private space of their own (library.ts).
  for (const form of libraryDraftForms(ctx)) can('openForWork', 'Space', form);
  const admin = actor.kind === 'person' && actor.roles.includes('admin');
  if (admin || isGlobalModerator(ctx)) {
    // Space metadata and member lists; reading the material still needs membership.
    can('read', 'Space');
    can('create', 'Space');
    can('manageMembers', 'Space');
    can('moderateForum', 'Space');
  }
  if (ctx.coordinatedHubIds.length > 0) {
    can('read', 'Space', { hubId: { $in: ctx.coordinatedHubIds } });
    can('create', 'Space', { hubId: { $in: ctx.coordinatedHubIds }, cityId: null });
    can('manageMembers', 'Space', { hubId: { $in: ctx.coordinatedHubIds } });
    can('moderateForum', 'Space', { hubId: { $in: ctx.coordinatedHubIds } });
  }
  if (actor.kind === 'person' && actor.roles.includes('focal_point') && ctx.cityId) {
    can('create', 'Space', { kind: { $in: ['city', 'city_partners'] }, cityId: ctx.cityId });
    can('manageMembers', 'Space', { kind: { $in: ['city', 'city_partners'] }, cityId: ctx.cityId });
  }

  addContentRules(builder, ctx);

  if (isGlobalModerator(ctx)) can('read', 'Flag');
  else if (ctx.coordinatedHubIds.length > 0)
    can('read', 'Flag', { spaceHubId: { $in: ctx.coordinatedHubIds } });
  return builder.build();
}
