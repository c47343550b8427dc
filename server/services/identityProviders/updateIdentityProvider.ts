/** Changes a provider: new metadata or certificates (rollover), maps, status (disable/enable). */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { IdentityProviderUpdate } from '../../../shared/schemas/identityProviders.js';
import { recordAudit } from '../../audit/recordAudit.js';
import type { Config } from '../../config.js';
import { IdentityProviderModel } from '../../models/IdentityProvider.js';
import { authorize, can } from '../../policy/authorize.js';
import { NotFoundError } from '../../errors.js';
import { citySlugsById } from '../lookups.js';
import { presentIdentityProvider } from './presentIdentityProvider.js';
import { endProviderSessions } from '../../auth/endSessions.js';
import { endpointsOf } from './registerIdentityProvider.js';

/** Applies the change and records which fields changed. */
export async function updateIdentityProvider(
  actor: Actor,
  slug: string,
  input: z.infer<typeof IdentityProviderUpdate>,
  config: Config,
) {
  const doc = await IdentityProviderModel.findOne({ slug }).lean();
  if (!doc || !can(actor, 'read', 'IdentityProvider', doc)) throw new NotFoundError('Identity provider');
  const ENDPOINT_FIELDS = new Set(['metadataXml', 'entityId', 'ssoUrl', 'sloUrl', 'certificates']);
  const settings = Object.fromEntries(Object.entries(input).filter(([key]) => !ENDPOINT_FIELDS.has(key)));
  const changes: Record<string, unknown> = { ...settings, ...endpointsOf(input) };
  for (const field of Object.keys(changes)) await authorize(actor, 'update', 'IdentityProvider', doc, field);
  await IdentityProviderModel.updateOne({ _id: doc._id }, { $set: changes });
  const action = input.status === 'disabled' ? 'idp.disabled' : 'idp.updated';
  // A disabled provider is no longer trusted: everyone it signed in is signed out at once.
  const sessionsEnded = input.status === 'disabled' ? await endProviderSessions(doc.slug) : 0;
  await recordAudit(
    actor,
    action,
    { type: 'IdentityProvider', id: String(doc._id), label: doc.slug },
    {
      fields: Object.keys(changes),
      sessionsEnded,
    },
  );
  const updated = await IdentityProviderModel.findById(doc._id).lean();
  if (!updated) throw new NotFoundError('Identity provider');
  const slugs = await citySlugsById(actor, [updated.cityId]);
  return presentIdentityProvider(updated, slugs.get(String(updated.cityId)) ?? 'unknown', config);
}
