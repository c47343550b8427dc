/**
 * Registers the development identity provider (development mode with demo data only; never in
 * production) as one provider per demo city, as real cities each have their own: `demo` for Nairobi
 * (the provider the tests and the README name) and `demo-<city>` for every other member city with
 * active demo people. All of them answer at /dev-idp/sso with the same development key. Each city's
 * demo people are linked to their city's provider by e-mail, so picking one signs in as that demo
 * person; anyone else typed in is provisioned as a newcomer of that city.
 */
import type { Types } from 'mongoose';
import { ROLES, type Role } from '../../../shared/roles.js';
import { isPrivilegedRole } from '../../../shared/policy/directory.js';
import type { Config } from '../../config.js';
import { CityModel } from '../../models/City.js';
import { IdentityProviderModel } from '../../models/IdentityProvider.js';
import { PersonIdentityModel } from '../../models/PersonIdentity.js';
import { PersonModel } from '../../models/Person.js';
import { devIdpKey } from './devIdpKeys.js';
import { endProviderSessions } from '../endSessions.js';

/** The provider slug of the demo city the README names, and that city. */
export const DEMO_IDP = { slug: 'demo', city: 'nairobi' } as const;

/** The e-mail domain of the demo data's people (`…@demo.concordia.example`, `…@<city>.demo.concordia.example`). */
export const DEMO_EMAIL = /(?:@|\.)demo\.concordia\.example$/;

/** The development provider of a city: `demo` for Nairobi, `demo-<city>` for the others. */
export function devProviderSlug(citySlug: string): string {
  return citySlug === DEMO_IDP.city ? DEMO_IDP.slug : `demo-${citySlug}`;
}

/** Where a provider's single sign-on goes when it is the development one. */
const DEV_SSO = /\/dev-idp\/sso$/;

// Every role a provider may map without being trusted with privileged ones.
const MAPPED_ROLES: Role[] = ROLES.filter((role) => !isPrivilegedRole(role));

/** The dev IdP's own addresses. */
export function devIdpUrls(config: Config) {
  return { entityId: `${config.publicUrl}/dev-idp`, ssoUrl: `${config.publicUrl}/dev-idp/sso` };
}

/** A registered development provider and its city. */
export interface DevProvider {
  slug: string;
  cityId: string;
  city: { slug: string; name: string };
}

/** The active development providers, with their cities (at most 100). */
export async function listDevProviders(): Promise<DevProvider[]> {
  const providers = await IdentityProviderModel.find(
    { status: 'active', ssoUrl: DEV_SSO },
    { slug: 1, cityId: 1 },
  )
    .limit(100)
    .lean();
  const cities = await CityModel.find(
    { _id: { $in: providers.map((p) => p.cityId) } },
    { slug: 1, name: 1 },
  ).lean();
  const byId = new Map(cities.map((c) => [String(c._id), c]));
  return providers.flatMap((p) => {
    const city = byId.get(String(p.cityId));
    return city
      ? [{ slug: p.slug, cityId: String(city._id), city: { slug: city.slug, name: city.name } }]
      : [];
  });
}

/** Disables every development provider left from development and ends the sessions they began. */
async function disableDevProviders(): Promise<void> {
  const left = await IdentityProviderModel.find({ ssoUrl: DEV_SSO, status: 'active' }, { slug: 1 }).lean();
  if (left.length === 0) return;
  await IdentityProviderModel.updateMany(
    { _id: { $in: left.map((p) => p._id) } },
    { $set: { status: 'disabled' } },
  );
  for (const provider of left) await endProviderSessions(provider.slug);
}

/** The member cities with active demo people, Nairobi always first when it is one. */
async function demoCities() {
  const people = await PersonModel.find(
    { status: 'active', email: DEMO_EMAIL, cityId: { $ne: null } },
    { cityId: 1 },
  )
    .limit(500)
    .lean();
  const cities = await CityModel.find(
    {
      status: 'member',
      $or: [{ slug: DEMO_IDP.city }, { _id: { $in: people.map((p) => p.cityId) } }],
    },
    { slug: 1 },
  ).lean();
  return cities.sort((a, b) => Number(b.slug === DEMO_IDP.city) - Number(a.slug === DEMO_IDP.city));
}

/** Creates or refreshes the provider of one city and links the city's active people to it. */
async function registerCityProvider(
  config: Config,
  city: { _id: Types.ObjectId; slug: string },
  cert: string,
) {
  const slug = devProviderSlug(city.slug);
  const urls = devIdpUrls(config);
  await IdentityProviderModel.updateOne(
    { slug },
    {
      $set: {
        entityId: urls.entityId,
        ssoUrl: urls.ssoUrl,
        certificates: [cert],
        status: 'active',
        cityId: city._id,
        attributeMap: {
          email: 'email',
          name: 'displayName',
          position: 'title',
          department: 'department',
          groups: 'groups',
        },
      },
      $setOnInsert: {
        name: 'Development identity provider',
        sloUrl: null,
        allowUnsolicited: false,
        roleRules: MAPPED_ROLES.map((role) => ({ value: role, role })),
        defaultRoles: ['practitioner'],
        allowPrivilegedRoles: false,
      },
    },
    { upsert: true },
  );
  const idp = await IdentityProviderModel.findOne({ slug }).lean();
  if (!idp) return false;
  const people = await PersonModel.find({ cityId: city._id, status: 'active' }, { email: 1 })
    .limit(200)
    .lean();
  for (const person of people) {
    await PersonIdentityModel.updateOne(
      { idpId: idp._id, subject: person.email },
      { $setOnInsert: { personId: person._id, lastSignInAt: new Date() } },
      { upsert: true },
    );
  }
  return true;
}

/**
 * Creates or refreshes the development providers; returns false when they may not exist
 * (production, no demo data, no demo city), and then disables those left from development.
 */
export async function registerDemoIdp(config: Config): Promise<boolean> {
  if (config.env === 'production' || !config.demoData) {
    // A database that once ran in development must not keep trusting the development provider.
    await disableDevProviders();
    return false;
  }
  const cities = await demoCities();
  if (cities[0]?.slug !== DEMO_IDP.city) return false;
  const key = await devIdpKey(config.dataDir);
  for (const city of cities) await registerCityProvider(config, city, key.cert);
  return true;
}
