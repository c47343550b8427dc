/**
 * Users and Groups between their SCIM form and what the services keep: checked input
 * ({@link UserInput}, {@link GroupInput}) from a request body, and the SCIM resource rendered from a
 * stored record. Stored records are described here as plain shapes, so this protocol layer needs no
 * model.
 */
import { normalizeResource, type NormalObject } from './normalizeResource.js';
import { badRequest } from './scimError.js';
import { GROUP_SCHEMA, URN, USER_ATTRIBUTES_DROPPED, USER_SCHEMA } from './schemaDefinitions.js';

/** An e-mail of a user. */
export interface UserEmail {
  value: string;
  type?: string;
  primary?: boolean;
  display?: string;
}

/** What a user's attributes are, besides userName, externalId and active (kept as they came). */
export interface UserAttributes {
  displayName?: string;
  title?: string;
  name?: Record<string, string>;
  emails?: UserEmail[];
  enterprise?: Record<string, unknown>;
}

/** A checked user from a POST or PUT body, or from a PATCH result. */
export interface UserInput {
  userName: string;
  externalId: string | null;
  /** Null when unassigned (removed): the person stays as they are, active unless suspended. */
  active: boolean | null;
  attributes: UserAttributes;
}

/** A checked group. */
export interface GroupInput {
  displayName: string;
  externalId: string | null;
  memberIds: string[];
}

/** A stored user, as rendering needs it. */
export interface UserRecord {
  _id: { toString(): string };
  userName: string;
  externalId?: string | null;
  active?: boolean | null;
  attributes?: UserAttributes | null;
  createdAt: Date;
  updatedAt: Date;
  version?: number;
}

/** A stored group, as rendering needs it. */
export interface GroupRecord {
  _id: { toString(): string };
  displayName: string;
  externalId?: string | null;
  memberIds: { toString(): string }[];
  createdAt: Date;
  updatedAt: Date;
  version?: number;
}

const EMAIL = /^[^\s@]{1,200}@[^\s@]{1,200}$/;

/** Checks a User body (POST and PUT need `schemas`; a PATCH result does not). */
export function userInput(body: unknown, requireSchemas = true): UserInput {
  const normal = normalizeResource(USER_SCHEMA, body, { requireSchemas, dropped: USER_ATTRIBUTES_DROPPED });
  const core = normal.core;
  const userName = typeof core.userName === 'string' ? core.userName.trim() : '';
  if (!userName) throw badRequest('invalidValue', "'userName' is required.");
  const emails = (core.emails as NormalObject[] | undefined)?.map((e) => {
    if (typeof e.value !== 'string' || !EMAIL.test(e.value))
      throw badRequest('invalidValue', "Each of 'emails' needs a valid 'value'.");
    return e as unknown as UserEmail;
  });
  // At most one primary (RFC 7643 §2.4): the first one marked stays primary.
  const enterprise = normal.extensions[URN.enterprise];
  const firstPrimary = emails?.findIndex((e) => e.primary === true) ?? -1;
  const attributes: UserAttributes = {
    ...(typeof core.displayName === 'string' ? { displayName: core.displayName } : {}),
    ...(typeof core.title === 'string' ? { title: core.title } : {}),
    ...(core.name ? { name: core.name as Record<string, string> } : {}),
    ...(emails
      ? { emails: emails.map((e, i) => (e.primary && i !== firstPrimary ? { ...e, primary: false } : e)) }
      : {}),
    ...(enterprise && Object.keys(enterprise).length > 0 ? { enterprise } : {}),
  };
  return {
    userName,
    externalId: typeof core.externalId === 'string' ? core.externalId : null,
    active: typeof core.active === 'boolean' ? core.active : null,
    attributes,
  };
}

/** Checks a Group body. */
export function groupInput(body: unknown, requireSchemas = true): GroupInput {
  const normal = normalizeResource(GROUP_SCHEMA, body, { requireSchemas });
  const core = normal.core;
  const displayName = typeof core.displayName === 'string' ? core.displayName.trim() : '';
  if (!displayName) throw badRequest('invalidValue', "'displayName' is required.");
  const members = (core.members as NormalObject[] | undefined) ?? [];
  const memberIds = members.map((m) => {
    if (typeof m.value !== 'string') throw badRequest('invalidValue', "Each member needs a 'value'.");
    if (typeof m.type === 'string' && m.type.toLowerCase() !== 'user')
      throw badRequest('invalidValue', 'Only users can be members of a group here.');
    return m.value;
  });
  return {
    displayName,
    externalId: typeof core.externalId === 'string' ? core.externalId : null,
    memberIds: [...new Set(memberIds)],
  };
}

function meta(
  baseUrl: string,
  type: 'User' | 'Group',
  record: { _id: { toString(): string }; createdAt: Date; updatedAt: Date; version?: number },
) {
  return {
    resourceType: type,
    created: record.createdAt.toISOString(),
    lastModified: record.updatedAt.toISOString(),
    location: `${baseUrl}/${type}s/${record._id.toString()}`,
    version: `W/"${record.version ?? 0}"`,
  };
}

/** The writable JSON form of a user (what a PATCH starts from). */
export function userDocument(user: UserRecord): Record<string, unknown> {
  const a = user.attributes ?? {};
  return {
    id: user._id.toString(),
    ...(user.externalId ? { externalId: user.externalId } : {}),
    userName: user.userName,
    ...(a.name ? { name: a.name } : {}),
    ...(a.displayName ? { displayName: a.displayName } : {}),
    ...(a.title ? { title: a.title } : {}),
    ...(typeof user.active === 'boolean' ? { active: user.active } : {}),
    ...(a.emails ? { emails: a.emails } : {}),
    ...(a.enterprise ? { [URN.enterprise]: a.enterprise } : {}),
  };
}

/** A user as SCIM renders it, with the groups it belongs to. */
export function renderUser(
  user: UserRecord,
  baseUrl: string,
  groups: { id: string; displayName: string }[],
): Record<string, unknown> {
  const doc = userDocument(user);
  const enterprise = user.attributes?.enterprise;
  return {
    schemas: [URN.user, ...(enterprise ? [URN.enterprise] : [])],
    ...doc,

    groups: groups.map((g) => ({ value: g.id, display: g.displayName, $ref: `${baseUrl}/Groups/${g.id}` })),
    meta: meta(baseUrl, 'User', user),
  };
}

/** The writable JSON form of a group (what a PATCH starts from). */
export function groupDocument(group: GroupRecord): Record<string, unknown> {
  return {
    id: group._id.toString(),
    ...(group.externalId ? { externalId: group.externalId } : {}),
    displayName: group.displayName,
    members: group.memberIds.map((m) => ({ value: m.toString() })),
  };
}

/** A group as SCIM renders it (members by id and URI: `display` is optional and not kept). */
export function renderGroup(group: GroupRecord, baseUrl: string): Record<string, unknown> {
  return {
    schemas: [URN.group],
    id: group._id.toString(),
    ...(group.externalId ? { externalId: group.externalId } : {}),
    displayName: group.displayName,
    members: group.memberIds.map((m) => {
      const id = m.toString();
      return { value: id, type: 'User', $ref: `${baseUrl}/Users/${id}` };
    }),
    meta: meta(baseUrl, 'Group', group),
  };
}
