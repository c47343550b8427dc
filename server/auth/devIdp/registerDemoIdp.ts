/**
 * Registers the development identity provider as provider `demo` of the demo city (development mode
 * with demo data only; never in production). The demo city's people are linked to it by e-mail, so
 * picking one signs in as that demo person; anyone else typed in is provisioned as a newcomer.
 */
import { ROLES, type Role } from '../../../shared/roles.js';
import { isPrivilegedRole } from '../../../shared/policy/directory.js';
import type { Config } from '../../config.js';
import { CityModel } from '../../models/City.js';
import { IdentityProviderModel } from '../../models/IdentityProvider.js';
import { PersonIdentityModel } from '../../models/PersonIdentity.js';
import { PersonModel } from '../../models/Person.js';
import { devIdpKey } from './devIdpKeys.js';
import { endProviderSessions } from '../endSessions.js';

/** The provider slug and the city it signs people into. */
export const DEMO_IDP = { slug: 'demo', city: 'nairobi' } as const;

// Every role a provider may map without being trusted with privileged ones.
const MAPPED_ROLES: Role[] = ROLES.filter((role) => !isPrivilegedRole(role));

/** The dev IdP's own addresses. */
export function devIdpUrls(config: Config) {
  return { entityId: `${config.publicUrl}/dev-idp`, ssoUrl: `${config.publicUrl}/dev-idp/sso` };
}

/**
 * Creates or refreshes the `demo` provider; returns false when it may not exist (production, no demo
 * data, no city), and then disables a `demo` provider left from development.
 */
export async function registerDemoIdp(config: Config): Promise<boolean> {
  if (config.env === 'production' || !config.demoData) {
    // A database that once ran in development must not keep trusting the development provider.
    const disabled = await IdentityProviderModel.updateMany(
      { slug: DEMO_IDP.slug, ssoUrl: /\/dev-idp\/sso$/, status: 'active' },
      { $set: { status: 'disabled' } },
    );
    if (disabled.modifiedCount > 0) await endProviderSessions(DEMO_IDP.slug);
    return false;
  }
  const city = await CityModel.findOne({ slug: DEMO_IDP.city }).lean();
  if (!city) return false;
  const key = await devIdpKey(config.dataDir);
  const urls = devIdpUrls(config);
  await IdentityProviderModel.updateOne(
    { slug: DEMO_IDP.slug },
    {
      $set: {
        entityId: urls.entityId,
        ssoUrl: urls.ssoUrl,
        certificates: [key.cert],
        status: 'active',
        cityId: city._id,
      },
      $setOnInsert: {
        name: 'Development identity provider',
        sloUrl: null,
        allowUnsolicited: false,
        attributeMap: {
          email: 'email',
          name: 'displayName',
          position: 'title',
          department: null,
          groups: 'groups',
        },
        roleRules: MAPPED_ROLES.map((role) => ({ value: role, role })),
        defaultRoles: ['practitioner'],
        allowPrivilegedRoles: false,
      },
    },
    { upsert: true },
  );
  const idp = await IdentityProviderModel.findOne({ slug: DEMO_IDP.slug }).lean();
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
