import assert from 'node:assert/strict';
import type { Express } from 'express';
import { IdentityProviderModel } from '../../../../server/models/IdentityProvider.js';
import { IdpLastSignInModel } from '../../../../server/models/IdpLastSignIn.js';
import { PersonModel } from '../../../../server/models/Person.js';
import { registerIdentityProvider } from '../../../../server/services/identityProviders/registerIdentityProvider.js';
import type { z } from 'zod';
import type { AttributeMap } from '../../../../shared/schemas/identityProviders.js';
import { resetDatabase } from '../../../support/database.js';
import { OPERATOR, seedDirectory } from '../../../support/fixtures.js';
import { testApp, testConfig } from '../../../support/app.js';
import { signInWithSaml, testKey, type TestIdp } from '../../../support/saml.js';

const XMLSOAP = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims';

/** Registers a provider for Lyon with the given attribute map (none by default). */
async function registerIdp(slug: string, attributeMap?: z.infer<typeof AttributeMap>): Promise<TestIdp> {
  const config = testConfig();
  const key = await testKey(slug);
  const entityId = `https://${slug}.lyon.example/saml`;
  const ssoUrl = `https://${slug}.lyon.example/sso`;
  await registerIdentityProvider(
    OPERATOR,
    {
      slug,
      city: 'lyon',
      name: `Lyon ${slug}`,
      entityId,
      ssoUrl,
      certificates: [key.cert],
      ...(attributeMap ? { attributeMap } : {}),
      roleRules: [{ value: 'resilience-team', role: 'leader' }],
    },
    config,
  );
  const base = `${config.publicUrl}/auth/saml/${slug}`;
  return { slug, entityId, ssoUrl, key, acs: `${base}/acs`, audience: `${base}/metadata` };
}

/** Keycloak's role list: one Attribute element per role, as Keycloak sends it by default. */
function keycloakRoles(roles: string[]) {
  return (xml: string) =>
    xml.replace(
      '</saml:AttributeStatement>',
      roles
        .map(
          (role) =>
            `<saml:Attribute Name="Role" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic"><saml:AttributeValue>${role}</saml:AttributeValue></saml:Attribute>`,
        )
        .join('') + '</saml:AttributeStatement>',
    );
}

describe('SAML provisioning with no attribute map', () => {
  let app: Express;
  before(async () => {
    await resetDatabase();
    await seedDirectory();
    app = testApp();
  });

  it("signs a Keycloak user in with first and last name and every role of Keycloak's role list", async () => {
    const idp = await registerIdp('keycloak-default');
    const { personId } = await signInWithSaml(app, idp, 'kim@lyon.example', {
      attributes: {
        'urn:oid:1.2.840.113549.1.9.1': 'Kim@Lyon.example',
        'urn:oid:2.5.4.42': 'Kim',
        'urn:oid:2.5.4.4': 'Nguyen',
      },
      // The role rule's group comes first: the parsed profile alone would keep only the last role.
      beforeSigning: keycloakRoles(['resilience-team', 'offline_access', 'default-roles-lyon']),
    });
    const person = await PersonModel.findById(personId).lean();
    assert.ok(person);
    assert.equal(person.name, 'Kim Nguyen');
    assert.equal(person.email, 'kim@lyon.example');
    assert.equal(person.position ?? null, null);
    assert.deepEqual(person.roles, ['leader']);
    // What the admins see of the last sign-in, to map attributes, shows every role too.
    const idpDoc = await IdentityProviderModel.findOne({ slug: idp.slug }).lean();
    const last = await IdpLastSignInModel.findById(idpDoc?._id).lean();
    assert.deepEqual(last?.attributes.find((a) => a.name === 'Role')?.values, [
      'resilience-team',
      'offline_access',
      'default-roles-lyon',
    ]);
  });

  it('signs an Entra ID user in with display name, e-mail, job title and department', async () => {
    const idp = await registerIdp('entra-default');
    const { personId } = await signInWithSaml(app, idp, 'amira.haddad@lyon.example', {
      attributes: {
        'http://schemas.microsoft.com/identity/claims/displayname': 'Amira Haddad',
        [`${XMLSOAP}/name`]: 'amira.haddad@lyon.example',
        [`${XMLSOAP}/emailaddress`]: 'amira@lyon.example',
        [`${XMLSOAP}/jobtitle`]: 'Urban resilience officer',
        [`${XMLSOAP}/department`]: 'Civil protection',
        'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups': ['resilience-team', 'everyone'],
      },
    });
    const person = await PersonModel.findById(personId).lean();
    assert.ok(person);
    assert.deepEqual(
      [person.name, person.email, person.position, person.organisation, person.roles],
      ['Amira Haddad', 'amira@lyon.example', 'Urban resilience officer', 'Civil protection', ['leader']],
    );
  });

  it('signs a Shibboleth user in from the eduPerson OIDs', async () => {
    const idp = await registerIdp('shibboleth-default');
    const { personId } = await signInWithSaml(app, idp, '_a7f3opaque', {
      attributes: {
        'urn:oid:0.9.2342.19200300.100.1.3': 'sara.rossi@lyon.example',
        'urn:oid:2.16.840.1.113730.3.1.241': 'Sara Rossi',
        'urn:oid:2.5.4.12': 'Head of emergency planning',
        'urn:oid:2.5.4.11': 'Protezione civile',
        'urn:oid:1.3.6.1.4.1.5923.1.1.1.1': ['staff'],
      },
    });
    const person = await PersonModel.findById(personId).lean();
    assert.ok(person);
    assert.deepEqual(
      [person.name, person.email, person.position, person.organisation, person.roles],
      [
        'Sara Rossi',
        'sara.rossi@lyon.example',
        'Head of emergency planning',
        'Protezione civile',
        ['practitioner'],
      ],
    );
  });

  it("lets the admin's map override a field, and reads that field from the mapped attribute only", async () => {
    const idp = await registerIdp('keycloak-mapped', { name: 'urn:oid:2.5.4.42', position: 'jobTitle' });
    const { personId } = await signInWithSaml(app, idp, 'lin@lyon.example', {
      attributes: {
        'urn:oid:1.2.840.113549.1.9.1': 'lin@lyon.example',
        'urn:oid:2.5.4.42': 'Lin',
        'urn:oid:2.5.4.4': 'Zhao',
        'urn:oid:2.5.4.12': 'Not read: the map names jobTitle',
      },
    });
    const person = await PersonModel.findById(personId).lean();
    assert.ok(person);
    assert.equal(person.name, 'Lin');
    assert.equal(person.position ?? null, null);
    assert.equal(person.email, 'lin@lyon.example');
  });

  it('uses an e-mail NameID when no e-mail attribute is sent, and never an e-mail as the name', async () => {
    const idp = await registerIdp('keycloak-bare');
    const { personId } = await signInWithSaml(app, idp, 'bare@lyon.example', {
      attributes: { 'urn:oid:2.5.4.42': 'Bare', 'urn:oid:2.5.4.4': 'Person', name: 'x@lyon.example' },
    });
    const person = await PersonModel.findById(personId).lean();
    assert.ok(person);
    assert.deepEqual([person.name, person.email], ['Bare Person', 'bare@lyon.example']);
  });
});
