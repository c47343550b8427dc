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
  /** Accept RSA-SHA1 signatures and SHA-1 digests from this (legacy) provider: admins only, audited. */
  allowSha1: z.boolean().optional(),
  attributeMap: AttributeMap.optional(),
  roleRules: z.array(RoleRule).max(50).optional(),
  defaultRoles: z.array(z.enum(ROLES)).max(ROLES.length).optional(),
  allowPrivilegedRoles: z.boolean().optional(),
};

const endpoints = {
  metadataXml: z.string().min(50).max(500_000).optional(),
  /** Where the provider publishes its metadata: fetched once, with a time and size limit. */
  metadataUrl: HttpsUrl.optional(),
  entityId: z.string().trim().min(1).max(1000).optional(),
  ssoUrl: HttpsUrl.optional(),
  sloUrl: HttpsUrl.nullable().optional(),
  certificates: z.array(Pem).min(1).max(5).optional(),
};

/** Register a provider: from its metadata XML, or from entity id, SSO URL and certificate(s). */
export const IdentityProviderCreate = z
  .object({ slug: Slug, city: Slug, ...settings, ...endpoints })
  .strict()
  .refine(
    (v) =>
      v.metadataXml !== undefined ||
      v.metadataUrl !== undefined ||
      (v.entityId && v.ssoUrl && v.certificates),
    {
      message: 'give metadataXml, metadataUrl, or entityId, ssoUrl and certificates',
      path: ['metadataXml'],
    },
  )
  .refine((v) => v.metadataXml === undefined || v.metadataUrl === undefined, {
    message: 'give metadataXml or metadataUrl, not both',
    path: ['metadataUrl'],
  });

/** Change a provider (new metadata, certificates for rollover, maps, status). */
export const IdentityProviderUpdate = z
  .object({
    name: settings.name.optional(),
    allowUnsolicited: settings.allowUnsolicited,
    allowSha1: settings.allowSha1,
    attributeMap: settings.attributeMap,
    roleRules: settings.roleRules,
    defaultRoles: settings.defaultRoles,
    allowPrivilegedRoles: settings.allowPrivilegedRoles,
    ...endpoints,
    /** Certificate rollover: a new signing certificate accepted alongside those already registered. */
    addCertificates: z.array(Pem).min(1).max(4).optional(),
    /** Certificates to stop accepting, by SHA-256 fingerprint (the last one cannot be removed). */
    removeCertificates: z.array(z.string().max(200)).min(1).max(5).optional(),
    status: z.enum(['active', 'disabled']).optional(),
  })
  .strict()
  .refine((v) => v.metadataXml === undefined || v.metadataUrl === undefined, {
    message: 'give metadataXml or metadataUrl, not both',
    path: ['metadataUrl'],
  })
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change')
  .meta({ minProperties: 1 });

/** An attribute a provider sent, with its values. */
export const ObservedAttribute = z.object({ name: z.string(), values: z.array(z.string()) });

/** What a provider sent at its last validated sign-in (a real one or a test), for mapping. */
export const LastSignIn = z
  .object({
    at: z.iso.datetime(),
    test: z.boolean(),
    nameIdFormat: z.string().nullable(),
    attributes: z.array(ObservedAttribute),
  })
  .meta({ id: 'IdentityProviderLastSignIn' });

/** What one of our key pairs is for. */
export const SpKeyUseInput = z.enum(['signing', 'encryption']);

/** One of our (the service provider's) published certificates. */
export const SpCertificate = z
  .object({
    use: SpKeyUseInput,
    state: z.enum(['current', 'next']),
    subject: z.string(),
    validTo: z.string(),
    fingerprint256: z.string(),
    pem: z.string(),
  })
  .meta({ id: 'ServiceProviderCertificate' });

/** Our published certificates (the same in every provider's SP metadata). */
export const SpCertificateList = z
  .object({ items: z.array(SpCertificate) })
  .meta({ id: 'ServiceProviderCertificateList' });

/** Path parameter naming what one of our key pairs is for. */
export const SpKeyParams = z.object({ use: SpKeyUseInput }).strict();

/** What the actor may do with a provider, decided by the policy. */
export const IdentityProviderAbilities = z.object({
  update: z.boolean(),
  test: z.boolean(),
  allowPrivilegedRoles: z.boolean(),
  allowSha1: z.boolean(),
  /** Publishing and promoting our own (deployment-wide) SP keys: admins and the operator. */
  rolloverSpKeys: z.boolean(),
});

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
    allowSha1: z.boolean(),
    attributeMap: AttributeMap,
    roleRules: z.array(RoleRule),
    defaultRoles: z.array(z.enum(ROLES)),
    allowPrivilegedRoles: z.boolean(),
    sp: z.object({ entityId: z.string(), metadataUrl: z.string(), acsUrl: z.string(), sloUrl: z.string() }),
    /** Only when one provider is read: our published certificates (current, and next during a rollover). */
    spCertificates: z.array(SpCertificate).optional(),
    /** Only when one provider is read (not in lists). */
    lastSignIn: LastSignIn.nullable().optional(),
    abilities: IdentityProviderAbilities,
  })
  .meta({ id: 'IdentityProvider' });

/** Where to send the browser for a test sign-in, and the test's id. */
export const TestSignInStart = z.object({ id: z.string(), url: z.string() }).meta({ id: 'TestSignInStart' });

/** A test sign-in and its outcome: what the provider sent and what the person would be given. */
export const TestSignIn = z
  .object({
    id: z.string(),
    idp: Slug,
    status: z.enum(['pending', 'succeeded', 'failed']),
    reason: z.string().nullable(),
    nameId: z.string().nullable(),
    nameIdFormat: z.string().nullable(),
    attributes: z.array(ObservedAttribute),
    outcome: z
      .object({
        email: z.string().nullable(),
        name: z.string().nullable(),
        position: z.string().nullable(),
        department: z.string().nullable(),
        groups: z.array(z.string()),
        roles: z.array(z.enum(ROLES)),
      })
      .nullable(),
    createdAt: z.iso.datetime(),
    completedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'TestSignIn' });

/** Path parameters naming a test sign-in of a provider. */
export const TestSignInParams = z
  .object({ idp: Slug, test: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) })
  .strict();

/** Query of the provider list. */
export const IdentityProviderListQuery = PageQuery.extend({ city: Slug.optional() }).strict();

/** Path parameter naming a provider. */
export const IdentityProviderParams = z.object({ idp: Slug }).strict();
