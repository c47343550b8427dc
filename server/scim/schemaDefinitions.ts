/**
 * The SCIM schemas this server keeps (RFC 7643 §4, §8.7.1): the attributes of Users (core and the
 * enterprise extension) and Groups, with their types and mutability. The same definitions drive the
 * `/Schemas` endpoint, input checks, PATCH paths and filters, so what is documented is what is done.
 */

/** Schema and message URNs. */
export const URN = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  enterprise: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
} as const;

/** One attribute of a schema, as RFC 7643 §7 describes it. */
export interface AttributeDefinition {
  name: string;
  type: 'string' | 'boolean' | 'complex' | 'reference' | 'dateTime';
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable';
  returned: 'always' | 'default';
  uniqueness: 'none' | 'server';
  subAttributes?: AttributeDefinition[];
  canonicalValues?: string[];
  referenceTypes?: string[];
}

function attr(
  name: string,
  description: string,
  more: Partial<AttributeDefinition> = {},
): AttributeDefinition {
  return {
    name,
    type: 'string',
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...more,
  };
}

/** The longest string this server keeps in any attribute. */
export const MAX_STRING = 1024;

/** The core User attributes kept (RFC 7643 §4.1). */
export const USER_ATTRIBUTES: AttributeDefinition[] = [
  attr('id', 'Unique identifier assigned by the service provider.', {
    mutability: 'readOnly',
    returned: 'always',
    caseExact: true,
    uniqueness: 'server',
  }),
  attr('externalId', "The provisioning client's identifier for the user.", { caseExact: true }),
  attr('userName', 'Unique identifier for the user; the SAML NameID it signs in with.', {
    required: true,
    uniqueness: 'server',
    returned: 'always',
  }),
  attr('name', "The components of the user's name.", {
    type: 'complex',
    subAttributes: [
      attr('formatted', 'The full name.'),
      attr('familyName', 'The family name.'),
      attr('givenName', 'The given name.'),
      attr('middleName', 'The middle name.'),
      attr('honorificPrefix', 'Honorific prefix.'),
      attr('honorificSuffix', 'Honorific suffix.'),
    ],
  }),
  attr('displayName', 'The name shown for the person.'),
  attr('title', "The user's title (shown as their position)."),
  attr('active', 'Whether the person may sign in; false suspends them and ends their sessions.', {
    type: 'boolean',
  }),
  attr(
    'emails',
    'E-mail addresses; the primary (or work) one becomes the person’s e-mail. Required unless userName is an e-mail.',
    {
      type: 'complex',
      multiValued: true,
      required: true,
      subAttributes: [
        attr('value', 'The e-mail address.', { required: true }),
        attr('display', 'A human-readable name.'),
        attr('type', 'A label: work, home or other.', { canonicalValues: ['work', 'home', 'other'] }),
        attr('primary', 'The primary address.', { type: 'boolean' }),
      ],
    },
  ),
  attr('groups', 'Groups the user belongs to (managed through the Groups endpoint).', {
    type: 'complex',
    multiValued: true,
    mutability: 'readOnly',
    subAttributes: [
      attr('value', 'The group id.', { mutability: 'readOnly', caseExact: true }),
      attr('$ref', 'The group URI.', {
        type: 'reference',
        referenceTypes: ['Group'],
        mutability: 'readOnly',
      }),
      attr('display', 'The group name.', { mutability: 'readOnly' }),
    ],
  }),
];

/** The enterprise User extension attributes kept (RFC 7643 §4.3). */
export const ENTERPRISE_ATTRIBUTES: AttributeDefinition[] = [
  attr('employeeNumber', 'Employee number.'),
  attr('costCenter', 'Cost centre.'),
  attr('organization', 'Organisation.'),
  attr('division', 'Division.'),
  attr('department', 'Department (shown as the person’s organisation).'),
  attr('manager', "The user's manager.", {
    type: 'complex',
    subAttributes: [
      attr('value', 'The manager’s id.', { caseExact: true }),
      attr('$ref', 'The manager’s URI (not kept).', {
        type: 'reference',
        referenceTypes: ['User'],
        mutability: 'readOnly',
      }),
      attr('displayName', 'The manager’s name.', { mutability: 'readOnly' }),
    ],
  }),
];

/** The Group attributes kept (RFC 7643 §4.2). */
export const GROUP_ATTRIBUTES: AttributeDefinition[] = [
  attr('id', 'Unique identifier assigned by the service provider.', {
    mutability: 'readOnly',
    returned: 'always',
    caseExact: true,
    uniqueness: 'server',
  }),
  attr('externalId', "The provisioning client's identifier for the group.", { caseExact: true }),
  attr('displayName', 'The group name; a role rule with this value gives its role to the members.', {
    required: true,
    uniqueness: 'server',
  }),
  attr('members', 'The users of the group.', {
    type: 'complex',
    multiValued: true,
    subAttributes: [
      attr('value', 'The user id.', { mutability: 'immutable', caseExact: true }),
      attr('$ref', 'The user URI.', { type: 'reference', referenceTypes: ['User'], mutability: 'immutable' }),
      attr('display', 'The user name.', { mutability: 'readOnly' }),
      attr('type', 'User (groups cannot contain groups here).', {
        mutability: 'immutable',
        canonicalValues: ['User'],
      }),
    ],
  }),
];

/**
 * Core User attributes of RFC 7643 that clients commonly send and that this server accepts and does
 * not keep (lower case). Anything neither kept nor listed here is refused as unknown.
 */
export const USER_ATTRIBUTES_DROPPED = new Set([
  'nickname',
  'profileurl',
  'usertype',
  'preferredlanguage',
  'locale',
  'timezone',
  'phonenumbers',
  'addresses',
  'photos',
  'ims',
  'x509certificates',
  'entitlements',
  'roles',
  'password',
]);

/** Finds an attribute by name, case-insensitively (RFC 7643 §2.1). */
export function findAttribute(
  list: readonly AttributeDefinition[],
  name: string,
): AttributeDefinition | undefined {
  const lower = name.toLowerCase();
  return list.find((a) => a.name.toLowerCase() === lower);
}

/** The schema URN -> attributes of a resource type. */
export interface ResourceSchema {
  core: string;
  attributes: readonly AttributeDefinition[];
  extensions: Readonly<Record<string, readonly AttributeDefinition[]>>;
}

/** Users: the core schema and the enterprise extension. */
export const USER_SCHEMA: ResourceSchema = {
  core: URN.user,
  attributes: USER_ATTRIBUTES,
  extensions: { [URN.enterprise]: ENTERPRISE_ATTRIBUTES },
};

/** Groups: the core schema only. */
export const GROUP_SCHEMA: ResourceSchema = { core: URN.group, attributes: GROUP_ATTRIBUTES, extensions: {} };

/** The common attributes every resource has (RFC 7643 §3.1) besides its schema's. */
export const META_ATTRIBUTE = attr('meta', 'Resource metadata.', {
  type: 'complex',
  mutability: 'readOnly',
  subAttributes: [
    attr('resourceType', 'The resource type.', { mutability: 'readOnly', caseExact: true }),
    attr('created', 'When it was created.', { type: 'dateTime', mutability: 'readOnly' }),
    attr('lastModified', 'When it last changed.', { type: 'dateTime', mutability: 'readOnly' }),
    attr('location', 'Its URI.', { type: 'reference', mutability: 'readOnly', caseExact: true }),
    attr('version', 'Its version.', { mutability: 'readOnly', caseExact: true }),
  ],
});
