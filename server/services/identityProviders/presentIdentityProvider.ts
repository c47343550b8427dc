/** The API shape of an identity provider, with our SP addresses for the city's IT team. */
import { X509Certificate } from 'node:crypto';
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { IdentityProvider } from '../../../shared/schemas/identityProviders.js';
import type { Role } from '../../../shared/roles.js';
import type { Config } from '../../config.js';
import type { IdentityProviderDoc } from '../../models/IdentityProvider.js';
import type { IdpLastSignInDoc } from '../../models/IdpLastSignIn.js';
import { spUrls } from '../../auth/saml/spUrls.js';
import { can } from '../../policy/authorize.js';

function describe(pem: string) {
  const cert = new X509Certificate(pem);
  return {
    subject: cert.subject,
    validTo: new Date(cert.validTo).toISOString(),
    fingerprint256: cert.fingerprint256,
  };
}

/** The deployment-wide subject our own SP keys are authorised on (no city's provider in particular). */
export const SERVICE_PROVIDER = { _id: 'service-provider', cityId: null };

/** What the actor may do with the provider, asked of the policy. */
export function identityProviderAbilities(actor: Actor, doc: IdentityProviderDoc) {
  const subject = doc as unknown as Record<string, unknown>;
  const update = can(actor, 'update', 'IdentityProvider', subject);
  return {
    update,
    test: update && doc.status === 'active',
    allowPrivilegedRoles: can(actor, 'update', 'IdentityProvider', subject, 'allowPrivilegedRoles'),
    allowSha1: can(actor, 'update', 'IdentityProvider', subject, 'allowSha1'),
    rolloverSpKeys: can(actor, 'update', 'IdentityProvider', SERVICE_PROVIDER, 'spKeys'),
  };
}

/** The last sign-in's attributes as the API shows them. */
export function presentLastSignIn(last: IdpLastSignInDoc | null) {
  if (!last) return null;
  return {
    at: last.at.toISOString(),
    test: last.test,
    nameIdFormat: last.nameIdFormat ?? null,
    attributes: last.attributes.map((a) => ({ name: a.name, values: [...a.values] })),
  };
}

/** Our published certificates as the API shows them. */
export function presentSpCertificates(
  certificates: { use: 'signing' | 'encryption'; state: 'current' | 'next'; certificate: string }[],
) {
  return certificates.map((c) => ({
    use: c.use,
    state: c.state,
    ...describe(c.certificate),
    pem: c.certificate,
  }));
}

/**
 * Presents a provider; `citySlug` is its city's slug; `lastSignIn` and `spCertificates` are given
 * when one provider is read.
 */
export function presentIdentityProvider(
  doc: IdentityProviderDoc,
  citySlug: string,
  config: Config,
  actor: Actor,
  lastSignIn?: IdpLastSignInDoc | null,
  spCertificates?: ReturnType<typeof presentSpCertificates>,
): z.infer<typeof IdentityProvider> {
  const urls = spUrls(config, doc.slug);
  const map = doc.attributeMap ?? {};
  return {
    id: String(doc._id),
    slug: doc.slug,
    name: doc.name,
    city: citySlug,
    entityId: doc.entityId,
    ssoUrl: doc.ssoUrl,
    sloUrl: doc.sloUrl ?? null,
    certificates: doc.certificates.map(describe),
    status: doc.status as 'active' | 'disabled',
    allowUnsolicited: doc.allowUnsolicited,
    allowSha1: doc.allowSha1 ?? false,
    attributeMap: {
      email: map.email ?? null,
      name: map.name ?? null,
      position: map.position ?? null,
      department: map.department ?? null,
      groups: map.groups ?? null,
    },
    roleRules: doc.roleRules.map((r) => ({ value: r.value, role: r.role as Role })),
    defaultRoles: doc.defaultRoles as Role[],
    allowPrivilegedRoles: doc.allowPrivilegedRoles,
    sp: { entityId: urls.entityId, metadataUrl: urls.metadata, acsUrl: urls.acs, sloUrl: urls.slo },
    ...(lastSignIn !== undefined ? { lastSignIn: presentLastSignIn(lastSignIn) } : {}),
    ...(spCertificates ? { spCertificates } : {}),
    abilities: identityProviderAbilities(actor, doc),
  };
}
