import assert from 'node:assert/strict';
import {
  assertionAttributes,
  defaultAttributes,
  normaliseAttributeName,
} from '../../../../server/auth/saml/defaultAttributes.js';

const XMLSOAP = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims';
const MS_2008 = 'http://schemas.microsoft.com/ws/2008/06/identity/claims';

describe('default SAML attribute names', () => {
  it('reads Microsoft Entra ID claims (display name, not the user principal name)', () => {
    const got = defaultAttributes({
      'http://schemas.microsoft.com/identity/claims/tenantid': 'c0ffee',
      'http://schemas.microsoft.com/identity/claims/objectidentifier': 'a1b2',
      'http://schemas.microsoft.com/identity/claims/displayname': 'Amira Haddad',
      [`${XMLSOAP}/name`]: 'amira.haddad@amman.example',
      [`${XMLSOAP}/givenname`]: 'Amira',
      [`${XMLSOAP}/surname`]: 'Haddad',
      [`${XMLSOAP}/emailaddress`]: 'Amira.Haddad@amman.example',
      [`${XMLSOAP}/jobtitle`]: 'Urban resilience officer',
      [`${XMLSOAP}/department`]: 'Civil protection',
      [`${MS_2008}/groups`]: ['0b8f-group-1', '77aa-group-2'],
      [`${MS_2008}/role`]: 'Concordia.Leader',
    });
    assert.deepEqual(got, {
      email: 'Amira.Haddad@amman.example',
      name: 'Amira Haddad',
      position: 'Urban resilience officer',
      department: 'Civil protection',
      groups: ['0b8f-group-1', '77aa-group-2', 'Concordia.Leader'],
    });
  });

  it('takes Entra given plus family name when no display name is sent, never the UPN', () => {
    const got = defaultAttributes({
      [`${XMLSOAP}/name`]: 'amira.haddad@amman.example',
      [`${XMLSOAP}/givenname`]: 'Amira',
      [`${XMLSOAP}/surname`]: 'Haddad',
    });
    assert.equal(got.name, 'Amira Haddad');
    assert.equal(defaultAttributes({ [`${XMLSOAP}/name`]: 'amira.haddad@amman.example' }).name, null);
  });

  it('reads ADFS claims (CommonName, Group, EmailAddress)', () => {
    const got = defaultAttributes({
      'http://schemas.xmlsoap.org/claims/CommonName': 'Jean Martin',
      'http://schemas.xmlsoap.org/claims/EmailAddress': 'jean.martin@lyon.example',
      'http://schemas.xmlsoap.org/claims/Group': ['LYON\\Domain Users', 'LYON\\Resilience'],
      [`${XMLSOAP}/upn`]: 'jmartin@lyon.local',
    });
    assert.equal(got.email, 'jean.martin@lyon.example');
    assert.equal(got.name, 'Jean Martin');
    assert.deepEqual(got.groups, ['LYON\\Domain Users', 'LYON\\Resilience']);
  });

  it("reads Keycloak's X500 mappers and role list", () => {
    const got = defaultAttributes({
      'urn:oid:1.2.840.113549.1.9.1': 'kim@lyon.example',
      'urn:oid:2.5.4.42': 'Kim',
      'urn:oid:2.5.4.4': 'Nguyen',
      Role: ['default-roles-lyon', 'offline_access', 'resilience-team'],
    });
    assert.deepEqual(got, {
      email: 'kim@lyon.example',
      name: 'Kim Nguyen',
      position: null,
      department: null,
      groups: ['default-roles-lyon', 'offline_access', 'resilience-team'],
    });
  });

  it("reads Keycloak's user property mappers (email, firstName, lastName)", () => {
    const got = defaultAttributes({ email: 'kim@lyon.example', firstName: 'Kim', lastName: 'Nguyen' });
    assert.equal(got.email, 'kim@lyon.example');
    assert.equal(got.name, 'Kim Nguyen');
  });

  it('reads Shibboleth eduPerson and X.500 OIDs', () => {
    const got = defaultAttributes({
      'urn:oid:0.9.2342.19200300.100.1.3': 'sara.rossi@napoli.example',
      'urn:oid:2.16.840.1.113730.3.1.241': 'Sara Rossi',
      'urn:oid:2.5.4.42': 'Sara',
      'urn:oid:2.5.4.4': 'Rossi',
      'urn:oid:2.5.4.12': 'Head of emergency planning',
      'urn:oid:2.5.4.11': 'Protezione civile',
      'urn:oid:1.3.6.1.4.1.5923.1.5.1.1': ['cn=planners,ou=groups,dc=napoli'],
      'urn:oid:1.3.6.1.4.1.5923.1.1.1.1': ['staff', 'member'],
      'urn:oid:1.3.6.1.4.1.5923.1.1.1.6': 'srossi@napoli.example',
    });
    assert.deepEqual(got, {
      email: 'sara.rossi@napoli.example',
      name: 'Sara Rossi',
      position: 'Head of emergency planning',
      department: 'Protezione civile',
      groups: ['cn=planners,ou=groups,dc=napoli', 'staff', 'member'],
    });
  });

  it('reads the older urn:mace attribute names', () => {
    const got = defaultAttributes({
      'urn:mace:dir:attribute-def:mail': 'ana@porto.example',
      'urn:mace:dir:attribute-def:givenName': 'Ana',
      'urn:mace:dir:attribute-def:sn': 'Costa',
      'urn:mace:dir:attribute-def:eduPersonAffiliation': 'staff',
    });
    assert.deepEqual([got.email, got.name, got.groups], ['ana@porto.example', 'Ana Costa', ['staff']]);
  });

  it('reads Google Workspace attributes named after its directory fields', () => {
    const got = defaultAttributes({
      'Primary email': 'li.wei@lyon.example',
      'First name': 'Li',
      'Last name': 'Wei',
      'Job title': 'GIS analyst',
      Department: 'Urban planning',
      'Group membership': ['resilience@lyon.example'],
    });
    assert.deepEqual(got, {
      email: 'li.wei@lyon.example',
      name: 'Li Wei',
      position: 'GIS analyst',
      department: 'Urban planning',
      groups: ['resilience@lyon.example'],
    });
  });

  it('reads OpenID-style names', () => {
    const got = defaultAttributes({
      email: 'omar@amman.example',
      given_name: 'Omar',
      family_name: 'Saleh',
      groups: ['amman-staff'],
    });
    assert.deepEqual(
      [got.email, got.name, got.groups],
      ['omar@amman.example', 'Omar Saleh', ['amman-staff']],
    );
    assert.equal(defaultAttributes({ name: 'Omar Saleh', given_name: 'Omar' }).name, 'Omar Saleh');
    assert.equal(defaultAttributes({ given_name: 'Omar' }).name, 'Omar');
    assert.equal(defaultAttributes({ name: 'Omar Saleh' }).name, 'Omar Saleh');
  });

  it('compares plain names without case or separators, URIs without case only', () => {
    assert.equal(normaliseAttributeName('Given_Name'), normaliseAttributeName('givenName'));
    assert.equal(normaliseAttributeName('First name'), normaliseAttributeName('firstname'));
    assert.equal(
      normaliseAttributeName(`${XMLSOAP}/EmailAddress`),
      normaliseAttributeName(`${XMLSOAP}/emailaddress`),
    );
    assert.notEqual(normaliseAttributeName('urn:oid:2.5.4.4'), normaliseAttributeName('urn:oid:2.5.44'));
  });

  it('refuses what is not what it claims: an e-mail that is none, a name that is an e-mail', () => {
    const got = defaultAttributes({
      email: 'not an address',
      mail: 'real@lyon.example',
      displayName: 'real@lyon.example',
      cn: 'Real Person',
    });
    assert.equal(got.email, 'real@lyon.example');
    assert.equal(got.name, 'Real Person');
  });

  it('ignores values that are not text, and gives nothing for unknown names', () => {
    const got = defaultAttributes({
      ...(JSON.parse('{"__proto__": "a@b.example", "constructor": "x"}') as Record<string, unknown>),
      email: [{ nested: 'x' }, 42],
      'urn:example:favouriteColour': 'blue',
    });
    assert.deepEqual(got, { email: null, name: null, position: null, department: null, groups: [] });
  });

  it('keeps the values of repeated Attribute elements of one name together', () => {
    const profile = {
      attributes: { Role: 'last-only' },
      getAssertion: () => ({
        Assertion: {
          AttributeStatement: [
            {
              Attribute: [
                { $: { Name: 'Role' }, AttributeValue: ['offline_access'] },
                {
                  $: { Name: 'Role' },
                  AttributeValue: [{ _: 'resilience-team', $: { 'xsi:type': 'xs:string' } }],
                },
                { $: { Name: 'urn:oid:2.5.4.42' }, AttributeValue: ['Kim'] },
                { $: { Name: 'empty' } },
              ],
            },
          ],
        },
      }),
    };
    assert.deepEqual(assertionAttributes(profile), {
      Role: ['offline_access', 'resilience-team'],
      'urn:oid:2.5.4.42': ['Kim'],
    });
    assert.deepEqual(assertionAttributes({ attributes: { a: 'b' } }), { a: 'b' });
  });
});
