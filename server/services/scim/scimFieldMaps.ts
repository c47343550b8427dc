/** Where ScimUser and ScimGroup store each SCIM attribute, for filters (server/scim/filterQuery.ts). */
import type { FieldMap, StoredField } from '../../scim/filterQuery.js';
import type { ResolvedPath } from '../../scim/resolvePath.js';

function meta(path: ResolvedPath): StoredField | null {
  if (path.attr.name !== 'meta') return null;
  if (path.sub?.name === 'created') return { field: 'createdAt', kind: 'dateTime', caseExact: true };
  if (path.sub?.name === 'lastModified') return { field: 'updatedAt', kind: 'dateTime', caseExact: true };
  return null;
}

/** ScimUser: userName by its lower-case key, the rest under `attributes`. */
export const USER_FIELDS: FieldMap = {
  field(path) {
    const name = path.attr.name;
    if (name === 'meta') return meta(path);
    if (name === 'id') return { field: '_id', kind: 'objectId', caseExact: true };
    if (name === 'userName') return { field: 'userNameKey', kind: 'lowerKey', caseExact: false };
    if (name === 'externalId') return { field: 'externalId', kind: 'string', caseExact: true };
    if (name === 'active') return { field: 'active', kind: 'boolean', caseExact: true };
    if (name === 'groups') return null;
    const def = path.sub ?? path.attr;
    const base = path.extension ? `attributes.enterprise.${name}` : `attributes.${name}`;
    return {
      field: path.sub ? `${base}.${path.sub.name}` : base,
      kind: def.type === 'boolean' ? 'boolean' : 'string',
      caseExact: def.caseExact,
    };
  },
  elements(path) {
    return path.attr.name === 'emails' ? 'attributes.emails' : null;
  },
};

/** ScimGroup: displayName by its lower-case key, members by their ids. */
export const GROUP_FIELDS: FieldMap = {
  field(path) {
    const name = path.attr.name;
    if (name === 'meta') return meta(path);
    if (name === 'id') return { field: '_id', kind: 'objectId', caseExact: true };
    if (name === 'displayName') return { field: 'displayNameKey', kind: 'lowerKey', caseExact: false };
    if (name === 'externalId') return { field: 'externalId', kind: 'string', caseExact: true };
    if (name === 'members' && path.sub?.name === 'value')
      return { field: 'memberIds', kind: 'objectId', caseExact: true };
    return null;
  },
};
