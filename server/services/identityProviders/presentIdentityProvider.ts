/** The API shape of an identity provider, with our SP addresses for the city's IT team. */
import { X509Certificate } from 'node:crypto';
import type { z } from 'zod';
import type { IdentityProvider } from '../../../shared/schemas/identityProviders.js';
import type { Role } from '../../../shared/roles.js';
import type { Config } from '../../config.js';
import type { IdentityProviderDoc } from '../../models/IdentityProvider.js';
import { spUrls } from '../../auth/saml/spUrls.js';

function describe(pem: string) {
  const cert = new X509Certificate(pem);
  return {
    subject: cert.subject,
    validTo: new Date(cert.validTo).toISOString(),
    fingerprint256: cert.fingerprint256,
  };
}

/** Presents a provider; `citySlug` is its city's slug. */
export function presentIdentityProvider(
  doc: IdentityProviderDoc,
  citySlug: string,
  config: Config,
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
  };
}
