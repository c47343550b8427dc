/**
 * The permission policy of the membership directory, as CASL rules. The server asks it for every
 * decision and for the query filters of every list; the client asks it only what to show.
 * Conditions are written against stored field names, with ids as strings.
 */
import { AbilityBuilder, createMongoAbility, type ForcedSubject, type MongoAbility } from '@casl/ability';
import { COMMUNITY_ROLES, PRIVILEGED_ROLES, type Role } from '../roles.js';
import type { Actor } from './actor.js';

/** Actions of the directory. `manage` means every action. */
export type DirectoryAction =
  'read' | 'create' | 'update' | 'delete' | 'manage' | 'decide' | 'setStatus' | 'setRoles';

/** The names of the directory's subject types. */
export type DirectorySubjectType =
  | 'Hub'
  | 'City'
  | 'Person'
  | 'Application'
  | 'ApiToken'
  | 'AuditEntry'
  | 'IdentityProvider'
  | 'Invitation'
  /** The virus scanner's state and the file store's counts: admins only. */
  | 'FileScanner';

/** Fields of an identity provider a city's focal point may set (privileged roles are for admins). */
export const IDP_FOCAL_POINT_FIELDS = [
  'name',
  'entityId',
  'ssoUrl',
  'sloUrl',
  'certificates',
  'status',
  'allowUnsolicited',
  'attributeMap',
  'roleRules',
  'defaultRoles',
];

/** A subject: a type name, or a stored item tagged with its type. `all` means every subject. */
export type DirectorySubject = DirectorySubjectType | TaggedItem<DirectorySubjectType> | 'all';

/** A stored item tagged with its type name (distributes over a union of names). */
export type TaggedItem<T extends string> = T extends string
  ? ForcedSubject<T> & Record<string, unknown>
  : never;

/** A person's abilities over the directory. */
export type DirectoryAbility = MongoAbility<[DirectoryAction, DirectorySubject]>;

/** Fields of a person that members may read; the e-mail is for admins, the person and their city's focal point. */
export const PERSON_MEMBER_FIELDS = [
  '_id',
  'name',
  'cityId',
  'organisation',
  'roles',
  'position',
  'languages',
  'expertise',
  'status',
];

/** Roles that may browse the directory of people: the network's own community (see COMMUNITY_ROLES). */
export const DIRECTORY_MEMBER_ROLES = COMMUNITY_ROLES;

/** Builds the directory ability of an actor. */
export function defineDirectoryAbility(actor: Actor): DirectoryAbility {
  const { can, build } = new AbilityBuilder<DirectoryAbility>(createMongoAbility);

  // The network's member cities and its hubs are public, as on the network's website.
  can('read', 'Hub');
  can('read', 'City', { status: 'member' });
  can('create', 'Application');

  if (actor.kind === 'operator') {
    can('manage', 'all');
    return build();
  }
  if (actor.kind === 'person') {
    if (actor.roles.some((role) => DIRECTORY_MEMBER_ROLES.includes(role))) {
      can('read', 'Person', PERSON_MEMBER_FIELDS, { status: 'active' });
    }
    can('read', 'Person', { _id: actor.id });
    if (actor.cityId) {
      can('read', 'City', { _id: actor.cityId });
      if (actor.roles.includes('focal_point')) {
        // On purpose: a focal point manages the city's people, so sees all of them, e-mail included.
        can('read', 'Person', { cityId: actor.cityId });
        can('update', 'City', ['name', 'focalPointIds'], { _id: actor.cityId });
        can('read', 'IdentityProvider', { cityId: actor.cityId });
        can(['create', 'update'], 'IdentityProvider', IDP_FOCAL_POINT_FIELDS, { cityId: actor.cityId });
      }
    }
    // Moderators invite experts and observers to local accounts; admins can do everything.
    if (actor.roles.includes('moderator')) can('create', 'Invitation');
    if (actor.roles.includes('admin')) can('manage', 'all');
  }
  return build();
}

/** The role that administers the network. The network never loses its last active admin. */
export const ADMIN_ROLE: Role = 'admin';

/**
 * Whether a change of roles or status ends the person's being an active admin (which needs another
 * active admin to remain).
 */
export function endsActiveAdmin(
  person: { roles: readonly string[]; status: string },
  next: { roles?: readonly string[]; status?: string },
): boolean {
  const wasActiveAdmin = person.roles.includes(ADMIN_ROLE) && person.status === 'active';
  const staysActiveAdmin =
    (next.roles ?? person.roles).includes(ADMIN_ROLE) && (next.status ?? person.status) === 'active';
  return wasActiveAdmin && !staysActiveAdmin;
}

/** Whether a role is privileged (admin, moderator): never granted by a city's directory unless allowed. */
export function isPrivilegedRole(role: Role): boolean {
  return PRIVILEGED_ROLES.includes(role);
}
