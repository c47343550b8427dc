/**
 * Registers a city's identity provider (admin, or the city's focal point for their own city), from
 * metadata XML, a metadata URL, or entity id + SSO URL + certificates. Only admins may allow
 * privileged roles.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { IdentityProviderCreate } from '../../../shared/schemas/identityProviders.js';
import { recordAudit } from '../../audit/recordAudit.js';
import type { Config } from '../../config.js';
import { IdentityProviderModel } from '../../models/IdentityProvider.js';
import { authorize } from '../../policy/authorize.js';
import { ConflictError, InvalidError, isDuplicateKey } from '../../errors.js';
import { cityBySlug } from '../lookups.js';
import { presentIdentityProvider } from './presentIdentityProvider.js';
import { metadataLimits, resolveEndpoints } from './resolveEndpoints.js';

/** Stores the provider and returns it. Conflict when the slug is taken. */
export async function registerIdentityProvider(
  actor: Actor,
  input: z.infer<typeof IdentityProviderCreate>,
  config: Config,
) {
  const city = await cityBySlug(input.city);
  if (!city)
    throw new InvalidError(`There is no city "${input.city}".`, [{ path: 'city', message: 'unknown city' }]);
  const subject = { cityId: city._id };
  // Asked before any metadata is fetched: only those who may register make the server fetch.
  await authorize(actor, 'create', 'IdentityProvider', subject);
  if (input.allowPrivilegedRoles)
    await authorize(actor, 'create', 'IdentityProvider', subject, 'allowPrivilegedRoles');
  if (await IdentityProviderModel.exists({ slug: input.slug }))
    throw new ConflictError(`An identity provider "${input.slug}" already exists.`);
  const endpoints = await resolveEndpoints(input, metadataLimits(config));
  try {
    const doc = await IdentityProviderModel.create({
      slug: input.slug,
      name: input.name,
      cityId: city._id,
      entityId: endpoints.entityId,
      ssoUrl: endpoints.ssoUrl,
      sloUrl: endpoints.sloUrl ?? null,
      certificates: endpoints.certificates,
      status: 'active',
      allowUnsolicited: input.allowUnsolicited ?? false,
      attributeMap: input.attributeMap ?? {},
      roleRules: input.roleRules ?? [],
      defaultRoles: input.defaultRoles ?? ['practitioner'],
      allowPrivilegedRoles: input.allowPrivilegedRoles ?? false,
    });
    await recordAudit(
      actor,
      'idp.registered',
      { type: 'IdentityProvider', id: String(doc._id), label: doc.slug },
      {
        city: city.slug,
        entityId: doc.entityId,
        certificates: doc.certificates.length,
        from: input.metadataUrl ? 'metadataUrl' : input.metadataXml ? 'metadataXml' : 'fields',
      },
    );
    return presentIdentityProvider(doc.toObject(), city.slug, config, actor);
  } catch (error) {
    if (isDuplicateKey(error))
      throw new ConflictError(`An identity provider "${input.slug}" already exists.`);
    throw error;
  }
}
