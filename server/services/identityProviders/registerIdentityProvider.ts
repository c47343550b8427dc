/**
 * Registers a city's identity provider (admin, or the city's focal point for their own city), from
 * metadata XML, a metadata URL, or entity id + SSO URL + certificates. Only admins may allow
 * privileged roles.
 */
import { Types } from 'mongoose';
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { IdentityProviderCreate } from '../../../shared/schemas/identityProviders.js';
import { auditOutboxItem, flushAuditOutbox } from '../../audit/auditOutbox.js';
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
  if (input.allowSha1) await authorize(actor, 'create', 'IdentityProvider', subject, 'allowSha1');
  if (await IdentityProviderModel.exists({ slug: input.slug }))
    throw new ConflictError(`An identity provider "${input.slug}" already exists.`);
  const endpoints = await resolveEndpoints(input, metadataLimits(config));
  // Stored with its audit entry (server/audit/auditOutbox.ts), under an id chosen first.
  const _id = new Types.ObjectId();
  const audit = auditOutboxItem(
    actor,
    'idp.registered',
    { type: 'IdentityProvider', id: String(_id), label: input.slug },
    {
      city: city.slug,
      entityId: endpoints.entityId,
      certificates: endpoints.certificates?.length ?? 0,
      from: input.metadataUrl ? 'metadataUrl' : input.metadataXml ? 'metadataXml' : 'fields',
      ...(input.allowSha1 ? { allowSha1: true } : {}),
    },
  );
  try {
    const doc = new IdentityProviderModel({
      _id,
      slug: input.slug,
      name: input.name,
      cityId: city._id,
      entityId: endpoints.entityId,
      ssoUrl: endpoints.ssoUrl,
      sloUrl: endpoints.sloUrl ?? null,
      certificates: endpoints.certificates,
      status: 'active',
      allowUnsolicited: input.allowUnsolicited ?? false,
      allowSha1: input.allowSha1 ?? false,
      attributeMap: input.attributeMap ?? {},
      roleRules: input.roleRules ?? [],
      defaultRoles: input.defaultRoles ?? ['practitioner'],
      allowPrivilegedRoles: input.allowPrivilegedRoles ?? false,
    });
    doc.set('auditOutbox', [audit]);
    await doc.save();
    await flushAuditOutbox(IdentityProviderModel as never, _id);
    return presentIdentityProvider(doc.toObject(), city.slug, config, actor);
  } catch (error) {
    if (isDuplicateKey(error))
      throw new ConflictError(`An identity provider "${input.slug}" already exists.`);
    throw error;
  }
}
