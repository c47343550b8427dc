/** Lists the providers the actor may see (admins: all; focal points: their city's), by slug. */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { IdentityProviderListQuery } from '../../../shared/schemas/identityProviders.js';
import type { Config } from '../../config.js';
import { IdentityProviderModel, type IdentityProviderDoc } from '../../models/IdentityProvider.js';
import { accessFilter, authorize, can } from '../../policy/authorize.js';
import { IdpLastSignInModel } from '../../models/IdpLastSignIn.js';
import { NotFoundError } from '../../errors.js';
import { cityBySlug, citySlugsById } from '../lookups.js';
import { readPage } from '../../db/pagination.js';
import { presentIdentityProvider, presentSpCertificates } from './presentIdentityProvider.js';
import { publishedSpCertificates } from '../../auth/saml/spKeys.js';

/** One page of providers. */
export async function listIdentityProviders(
  actor: Actor,
  query: z.infer<typeof IdentityProviderListQuery>,
  config: Config,
) {
  await authorize(actor, 'read', 'IdentityProvider');
  const filter: Record<string, unknown> = {};
  if (query.city) {
    const city = await cityBySlug(query.city);
    if (!city) return { items: [], nextCursor: null };
    filter.cityId = city._id;
  }
  const page = await readPage<IdentityProviderDoc>(IdentityProviderModel as never, {
    filters: [accessFilter(actor, 'read', 'IdentityProvider'), filter],
    sortField: 'slug',
    limit: query.limit,
    cursor: query.cursor,
  });
  const slugs = await citySlugsById(
    actor,
    page.items.map((i) => i.cityId),
  );
  return {
    items: page.items.map((i) =>
      presentIdentityProvider(i, slugs.get(String(i.cityId)) ?? 'unknown', config, actor),
    ),
    nextCursor: page.nextCursor,
  };
}

/** One provider, if the actor may see it, with what its last sign-in sent. */
export async function getIdentityProvider(actor: Actor, slug: string, config: Config) {
  await authorize(actor, 'read', 'IdentityProvider');
  const doc = await IdentityProviderModel.findOne({ slug }).lean();
  if (!doc || !can(actor, 'read', 'IdentityProvider', doc)) throw new NotFoundError('Identity provider');
  const slugs = await citySlugsById(actor, [doc.cityId]);
  const last = await IdpLastSignInModel.findById(doc._id).lean();
  const spCertificates = presentSpCertificates(await publishedSpCertificates());
  return presentIdentityProvider(
    doc,
    slugs.get(String(doc.cityId)) ?? 'unknown',
    config,
    actor,
    last,
    spCertificates,
  );
}
