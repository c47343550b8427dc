/** The identity provider a sign-in names, for the strategy and the SAML routes alike. */
import { IdentityProviderModel, type IdentityProviderDoc } from '../../models/IdentityProvider.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The active provider of a slug, or null (a malformed slug is never looked up). */
export async function findActiveProvider(slug: string): Promise<IdentityProviderDoc | null> {
  return SLUG.test(slug) ? IdentityProviderModel.findOne({ slug, status: 'active' }).lean() : null;
}
