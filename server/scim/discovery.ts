/**
 * The discovery endpoints' documents (RFC 7644 §4, RFC 7643 §5-7): ServiceProviderConfig, the
 * ResourceTypes (User with the enterprise extension, Group) and the Schemas, built from
 * schemaDefinitions.ts so they describe exactly what the server does.
 */
import { MAX_PAGE } from './listQuery.js';
import { MAX_OPERATIONS } from './applyPatch.js';
import {
  ENTERPRISE_ATTRIBUTES,
  GROUP_ATTRIBUTES,
  URN,
  USER_ATTRIBUTES,
  type AttributeDefinition,
} from './schemaDefinitions.js';

/** The largest request body accepted, in bytes (advertised as bulk.maxPayloadSize too). */
export const MAX_BODY_BYTES = 1_048_576;

const meta = (baseUrl: string, resourceType: string, path: string) => ({
  resourceType,
  location: `${baseUrl}${path}`,
});

/** The ServiceProviderConfig document. */
export function serviceProviderConfig(baseUrl: string): Record<string, unknown> {
  return {
    schemas: [URN.serviceProviderConfig],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: MAX_BODY_BYTES },
    filter: { supported: true, maxResults: MAX_PAGE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description: `A token made on the identity provider's page in the console; at most ${MAX_OPERATIONS} PATCH operations per request.`,
        primary: true,
      },
    ],
    meta: meta(baseUrl, 'ServiceProviderConfig', '/ServiceProviderConfig'),
  };
}

/** The resource types. */
export function resourceTypes(baseUrl: string): Record<string, unknown>[] {
  return [
    {
      schemas: [URN.resourceType],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'A person of the provider’s city',
      schema: URN.user,
      schemaExtensions: [{ schema: URN.enterprise, required: false }],
      meta: meta(baseUrl, 'ResourceType', '/ResourceTypes/User'),
    },
    {
      schemas: [URN.resourceType],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'A group of the provider; its name may give roles through the role rules',
      schema: URN.group,
      meta: meta(baseUrl, 'ResourceType', '/ResourceTypes/Group'),
    },
  ];
}

function describe(attributes: readonly AttributeDefinition[]): Record<string, unknown>[] {
  return attributes
    .filter((a) => a.name !== 'id')
    .map(({ subAttributes, ...a }) => ({
      ...a,
      ...(subAttributes ? { subAttributes: describe(subAttributes) } : {}),
    }));
}

/** The schemas. */
export function schemas(baseUrl: string): Record<string, unknown>[] {
  const one = (
    id: string,
    name: string,
    description: string,
    attributes: readonly AttributeDefinition[],
  ) => ({
    schemas: [URN.schema],
    id,
    name,
    description,
    attributes: describe(attributes),
    meta: meta(baseUrl, 'Schema', `/Schemas/${id}`),
  });
  return [
    one(URN.user, 'User', 'User account', USER_ATTRIBUTES),
    one(URN.enterprise, 'EnterpriseUser', 'Enterprise user', ENTERPRISE_ATTRIBUTES),
    one(URN.group, 'Group', 'Group', GROUP_ATTRIBUTES),
  ];
}
