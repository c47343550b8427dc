/**
 * The rules for any labelled content (posts and room messages now; documents, expert requests later),
 * written once. Each content type stores the same policy fields, so the rules below apply to all:
 * `spaceId`, `spaceHubId`, `label`, `audienceIds` (the RED snapshot), `authorId`, `authorCityId`,
 * `state` and `published`.
 */
import type { AbilityBuilder, MongoQuery } from '@casl/ability';
import { LABELS, MEMBER_LABELS, ONWARD_SHARING, isAbove, labelRank, type Label } from './labels.js';
import { CITY_SPACE_KINDS, type SpaceKind } from './spaces.js';
import { isGlobalModerator, personId, type SharingContext } from './sharingContext.js';
import type { SharingAbility } from './sharing.js';
import { libraryEditorForms } from './library.js';

/** The content types that carry labels. */
export const CONTENT_TYPES = ['Post', 'Message', 'Document', 'ExpertRequest', 'LibraryRecord'] as const;

/** One of {@link CONTENT_TYPES}. */
export type ContentType = (typeof CONTENT_TYPES)[number];

/** The moderation state of an item: quarantine hides it everywhere; deletion keeps a tombstone. */
export const CONTENT_STATES = ['visible', 'quarantined', 'deleted'] as const;

/** One of {@link CONTENT_STATES}. */
export type ContentState = (typeof CONTENT_STATES)[number];

/** Actions on content. `relabel` has two fields: `raise` and `lower`. */
export type ContentAction =
  | 'read'
  | 'create'
  | 'update'
  | 'delete'
  | 'share'
  | 'download'
  | 'relabel'
  | 'moderate'
  | 'quarantine'
  | 'export'
  | 'flag'
  | 'publish'
  | 'readAudit';

/** The direction fields of `relabel`. */
export type RelabelDirection = 'raise' | 'lower';

/**
 * The condition of an item that is live (not hidden by moderation). A forum reply is also hidden while
 * its topic is quarantined, and a room thread's reply while its first message is quarantined or
 * deleted (`topicHidden`, a flag kept on the reply so the filter needs no join): replies are readable
 * only by those who may read their topic or thread root.
 */
export function liveCondition(type: ContentType): MongoQuery {
  void type; // every content type stores the flag
  return { state: 'visible', topicHidden: { $ne: true } };
}

/**
 * The forms of "may read this item", each a MongoDB condition; an item is readable when any matches.
 * Members read the space's material up to AMBER+STRICT; RED needs the audience snapshot too (and
 * current membership); published CLEAR is for everyone. Authorship alone reads nothing: a person who
 * left a space, was removed, lost the role a leaders-only room needs or whose city stopped being a
 * member no longer reads its material, their own included (SHARING.md, "Readings settled"); their
 * own items stay in their personal export (the `export` rule below).
 */
export function readableForms(ctx: SharingContext, type: ContentType = 'Post'): MongoQuery[] {
  const live = liveCondition(type);
  const published: MongoQuery = { ...live, label: 'CLEAR', published: true };
  const id = personId(ctx);
  if (!id) return [published];
  return [
    published,
    { ...live, spaceId: { $in: ctx.spaceIds }, label: { $in: [...MEMBER_LABELS] } },
    { ...live, spaceId: { $in: ctx.spaceIds }, label: 'RED', audienceIds: id },
  ];
}

/**
 * The form narrowed to labels other than `excluded`, or null when nothing remains. (CASL's matcher
 * has no `$and`, so conditions are combined field by field.)
 */
function withoutLabel(form: MongoQuery, excluded: Label): MongoQuery | null {
  const label = (form as { label?: unknown }).label;
  if (label === undefined) return { ...form, label: { $ne: excluded } };
  if (typeof label === 'string') return label === excluded ? null : form;
  const inList = (label as { $in?: Label[] }).$in;
  if (inList) {
    const kept = inList.filter((l) => l !== excluded);
    return kept.length > 0 ? { ...form, label: { $in: kept } } : null;
  }
  return null; // an unknown shape: fail closed
}

/** The moderation scope: every item for global moderators, else items of the hubs they coordinate. */
export function moderatedForms(ctx: SharingContext): MongoQuery[] {
  if (isGlobalModerator(ctx)) return [{ state: { $ne: 'deleted' } }];
  if (ctx.coordinatedHubIds.length === 0) return [];
  return [{ state: { $ne: 'deleted' }, spaceHubId: { $in: ctx.coordinatedHubIds } }];
}

/** The content types whose personal export leaves out forwarded copies above GREEN (see below). */
const EXPORTED_WITHOUT_FORWARDS: readonly ContentType[] = ['Post', 'Document'];

/**
 * Adds the content rules of every content type to an ability under construction. The types share
 * their rules: each rule is written once for all the types it applies to (CASL indexes one rule under
 * each of its subjects), so an ability holds one copy of each condition instead of one per type.
 */
export function addContentRules(builder: AbilityBuilder<SharingAbility>, ctx: SharingContext): void {
  const { can } = builder;
  const all = [...CONTENT_TYPES];
  const readable = readableForms(ctx);
  const live = liveCondition('Post');
  for (const form of readable) {
    can('read', all, form);
    can('download', all, form);
    can('flag', all, form);
    // RED goes nowhere; everything else may be shared onward (the destination is checked apart).
    const shareable = withoutLabel(form, 'RED');
    if (shareable) can('share', all, shareable);
  }
  const id = personId(ctx);
  if (id) {
    const inMySpaces = { spaceId: { $in: ctx.spaceIds } };
    const ownHere = { ...live, ...inMySpaces, authorId: id };
    can('create', all, inMySpaces);
    // An author edits, relabels and publishes their own items only while they take part in the
    // item's space; they may erase them wherever they are now (DOMAIN.md: people erase their own data;
    // deleting shows nothing).
    can('update', all, ownHere);
    can('delete', all, { authorId: id, state: { $ne: 'deleted' } });
    // A copy shared onward (forwardedFrom) is its sharer's to raise, never to lower: its words are
    // someone else's (the originator's rule lives with the original).
    can('relabel', all, ['raise'], ownHere);
    can('relabel', all, ['lower'], { ...ownHere, forwardedFrom: null });
    can('publish', all, { ...ownHere, label: 'CLEAR' });
    // A personal export holds everything its owner wrote, at any label and wherever they are now
    // (each item marked with its label), and never other people's material above GREEN: a copy they
    // forwarded carries someone else's words, so it goes only at CLEAR and GREEN (posts and
    // documents, the types that are shared onward). Hidden (quarantined) items stay out: quarantine
    // hides an item everywhere.
    const ownLive = { ...live, authorId: id };
    can('export', [...EXPORTED_WITHOUT_FORWARDS], { ...ownLive, forwardedFrom: null });
    can('export', [...EXPORTED_WITHOUT_FORWARDS], { ...ownLive, label: { $in: ['CLEAR', 'GREEN'] } });
    const exportedWhole = all.filter((t) => !EXPORTED_WITHOUT_FORWARDS.includes(t));
    can('export', exportedWhole, ownLive);
    // Room owners and room moderators (explicit space roles) may delete the room's messages.
    const rooms = ctx.managedSpaceIds.filter((s) => ctx.spaceIds.includes(s));
    if (rooms.length > 0) can('delete', 'Message', { spaceId: { $in: rooms }, state: { $ne: 'deleted' } });
    // One flags other people's material for the moderators, never one's own (edit or delete it).
    builder.cannot('flag', all, { authorId: id });
    // The originator (the author, or their city's focal point) reads the audit of their material
    // (SHARING.md, "The audit log"), wherever it is now.
    can('readAudit', all, { authorId: id });
    if (ctx.actor.kind === 'person' && ctx.actor.roles.includes('focal_point') && ctx.actor.cityId)
      can('readAudit', all, { authorCityId: ctx.actor.cityId });
    if (ctx.actor.kind === 'person' && ctx.actor.roles.includes('focal_point') && ctx.cityId) {
      // The originator's focal point may lower material of their city that they can read.
      for (const form of readable)
        can('relabel', all, ['lower'], { ...form, authorCityId: ctx.cityId, forwardedFrom: null });
    }
  }
  addModerationRules(builder, all, moderatedForms(ctx));
  // Library records are also moderated by their editors (library.ts).
  addModerationRules(builder, ['LibraryRecord'], libraryEditorForms(ctx));
}

/** The moderators' rules on the given types, one set per form of their scope. */
function addModerationRules(
  builder: AbilityBuilder<SharingAbility>,
  types: ContentType[],
  forms: MongoQuery[],
): void {
  const { can } = builder;
  for (const form of forms) {
    can('moderate', types, form);
    can('quarantine', types, form);
    can('delete', types, form);
    can('relabel', types, ['raise', 'lower'], form);
    // Narrower than the form: a visible item is never deleted.
    can('publish', types, { ...form, state: 'visible', label: 'CLEAR' });
  }
}

/** The refusal message for material above a space's ceiling, naming the ceiling; null when allowed. */
export function ceilingRefusal(label: Label, ceiling: Label, spaceName: string): string | null {
  if (!isAbove(label, ceiling)) return null;
  return `The ceiling of "${spaceName}" is ${ceiling}; ${label} material cannot be placed there. Nothing was downgraded: choose a label up to ${ceiling} or another space.`;
}

/** The destination facts the onward-sharing table needs. */
export interface Destination {
  kind: SpaceKind;
  cityId: string | null;
}

/**
 * Whether material with `label` may go onward to `destination` when shared by someone of `sharerCityId`
 * (SHARING.md, "Onward sharing"). Public pages are not a space: see {@link PUBLISHABLE}.
 */
export function onwardAllowed(label: Label, destination: Destination, sharerCityId: string | null): boolean {
  switch (ONWARD_SHARING[label]) {
    case 'anywhere':
    case 'members_only_space':
      return true;
    case 'own_city_or_partners':
      return (
        sharerCityId !== null &&
        CITY_SPACE_KINDS.includes(destination.kind) &&
        destination.cityId === sharerCityId
      );
    case 'own_city_internal':
      return sharerCityId !== null && destination.kind === 'city' && destination.cityId === sharerCityId;
    case 'nowhere':
      return false;
  }
}

/** The direction of a label change, or null when the label stays. */
export function relabelDirection(from: Label, to: Label): RelabelDirection | null {
  if (from === to) return null;
  return labelRank(to) > labelRank(from) ? 'raise' : 'lower';
}

/** Parses a label from stored data, failing closed to RED for anything unknown. */
export function asLabel(value: unknown): Label {
  return (LABELS as readonly unknown[]).includes(value) ? (value as Label) : 'RED';
}

/** Why material with `label` may not move to a destination the onward-sharing table refuses. */
export function onwardRefusal(label: Label): string {
  switch (ONWARD_SHARING[label]) {
    case 'nowhere':
      return `${label} material goes nowhere: quarantine, delete, or lower it with a justification first.`;
    case 'own_city_or_partners':
      return `${label} material may move only to the originating city's spaces.`;
    default:
      return `${label} material may move only to the originating city's internal space.`;
  }
}
