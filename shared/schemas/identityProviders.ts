/** Identity providers: each city's SAML provider, as the API takes and returns it. */
import { z } from 'zod';
import { ROLES } from '../roles.js';
import { Line, ObjectIdString, PageQuery, Slug } from './common.js';

const HttpsUrl = z.url().max(2000);
const AttributeName = z.string().trim().min(1).max(300);
const Pem = z.string().min(100).max(20_000);

/** Which provider attributes give the person's e-mail, name, position, department and groups. */
export const AttributeMap = z
  .object({
    email: AttributeName.nullable().optional(),
    name: AttributeName.nullable().optional(),
    position: AttributeName.nullable().optional(),
    department: AttributeName.nullable().optional(),
    groups: AttributeName.nullable().optional(),
  })
  .strict();

/** A group (value of the groups attribute) that gives a role. */
export const RoleRule = z.object({ value: Line(300), role: z.enum(ROLES) }).strict();

const settings = {
  name: Line(200),
  allowUnsolicited: z.boolean().optional(),
  attributeMap: AttributeMap.optional(),
  roleRules: z.array(RoleRule).max(50).optional(),
  defaultRoles: z.array(z.enum(ROLES)).max(ROLES.length).optional(),
  allowPrivilegedRoles: z.boolean().optional(),
};

const endpoints = {
  metadataXml: z.string().min(50).max(500_000).optional(),
  entityId: z.string().trim().min(1).max(1000).optional(),
  ssoUrl: HttpsUrl.optional(),
  sloUrl: HttpsUrl.nullable().optional(),
  certificates: z.array(Pem).min(1).max(5).optional(),
};

/** Register a provider: from its metadata XML, or from entity id, SSO URL and certificate(s). */
export const IdentityProviderCreate = z
  .object({ slug: Slug, city: Slug, ...settings, ...endpoints })
  .strict()
  .refine((v) => v.metadataXml !== undefined || (v.entityId && v.ssoUrl && v.certificates), {
    message: 'give metadataXml, or entityId, ssoUrl and certificates',
    path: ['metadataXml'],
  });

/** Change a provider (new metadata, certificates for rollover, maps, status). */
export const IdentityProviderUpdate = z
  .object({
    name: settings.name.optional(),
    allowUnsolicited: settings.allowUnsolicited,
    attributeMap: settings.attributeMap,
    roleRules: settings.roleRules,
    defaultRoles: settings.defaultRoles,
    allowPrivilegedRoles: settings.allowPrivilegedRoles,
    ...endpoints,
    status: z.enum(['active', 'disabled']).optional(),
  })
  .strict();

/** A provider as the API returns it, with the addresses to give the city's IT team. */
export const IdentityProvider = z
  .object({
    id: ObjectIdString,
    slug: Slug,
    name: z.string(),
    city: Slug,
    entityId: z.string(),
    ssoUrl: z.string(),
    sloUrl: z.string().nullable(),
    certificates: z.array(z.object({ subject: z.string(), validTo: z.string(), fingerprint256: z.string() })),
    status: z.enum(['active', 'disabled']),
    allowUnsolicited: z.boolean(),
    attributeMap: AttributeMap,
    roleRules: z.array(RoleRule),
    defaultRoles: z.array(z.enum(ROLES)),
    allowPrivilegedRoles: z.boolean(),
    sp: z.object({ entityId: z.string(), metadataUrl: z.string(), acsUrl: z.string(), sloUrl: z.string() }),
  })
  .meta({ id: 'IdentityProvider' });

/** Query of the provider list. */
export const IdentityProviderListQuery = PageQuery.extend({ city: Slug.optional() }).strict();

/** Path parameter naming a provider. */
export const IdentityProviderParams = z.object({ idp: Slug }).strict();
