/**
 * The public list of sign-in choices: active identity providers of member cities (the network's member
 * cities are public, and which of them sign in through their own provider is no secret), sorted by
 * city name. Bounded: one provider a city or a few, never a list to page through.
 */
import type { z } from 'zod';
import type { SignInOptions } from '../../../shared/schemas/signInOptions.js';
import { CityModel } from '../../models/City.js';
import { IdentityProviderModel } from '../../models/IdentityProvider.js';

const MAX_PROVIDERS = 2000;

/** The sign-in options anyone may see. */
export async function listSignInOptions(): Promise<z.infer<typeof SignInOptions>> {
  const providers = await IdentityProviderModel.find({ status: 'active' }, { slug: 1, name: 1, cityId: 1 })
    .limit(MAX_PROVIDERS)
    .lean();
  const cities = await CityModel.find(
    { _id: { $in: providers.map((p) => p.cityId) }, status: 'member' },
    { slug: 1, name: 1 },
  ).lean();
  const byId = new Map(cities.map((c) => [String(c._id), c]));
  return {
    providers: providers
      .flatMap((p) => {
        const city = byId.get(String(p.cityId));
        return city ? [{ slug: p.slug, name: p.name, city: { slug: city.slug, name: city.name } }] : [];
      })
      .sort((a, b) => a.city.name.localeCompare(b.city.name) || a.name.localeCompare(b.name)),
    localAccounts: true,
  };
}
