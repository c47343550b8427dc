/**
 * The attribute names identity providers send by default, so that a provider with no attribute map
 * configured still gives a person their e-mail, name, position, department and groups. Covers
 * Microsoft Entra ID and ADFS (claim URIs), Keycloak (its X500 mappers and role list), Shibboleth
 * (eduPerson and X.500 OIDs, and the older urn:mace names), Google Workspace (its directory field
 * names, as admins type them) and OpenID-style names. A field the provider's map names is read from
 * that attribute only: an admin overrides every field.
 *
 * Names are compared after {@link normaliseAttributeName}: URIs and OIDs ignoring case, plain names
 * also ignoring spaces, '_', '-' and '.' ("given_name", "givenName" and "Given name" are one name).
 */

/** The person's fields an attribute can give. */
export type AttributeField =
  'email' | 'name' | 'givenName' | 'familyName' | 'position' | 'department' | 'groups';

/** The vendors whose default attribute names are recognised. */
export type AttributeVendor = 'entra' | 'adfs' | 'keycloak' | 'shibboleth' | 'google' | 'openid';

const XMLSOAP = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims';
const MS_2008 = 'http://schemas.microsoft.com/ws/2008/06/identity/claims';
const MS_IDENTITY = 'http://schemas.microsoft.com/identity/claims';
const ADFS = 'http://schemas.xmlsoap.org/claims';
const MACE = 'urn:mace:dir:attribute-def';

/** Each vendor's default names for each field, most specific first. */
export const VENDOR_ATTRIBUTE_NAMES: Readonly<
  Record<AttributeVendor, Readonly<Partial<Record<AttributeField, readonly string[]>>>>
> = {
  entra: {
    email: [`${XMLSOAP}/emailaddress`],
    name: [`${MS_IDENTITY}/displayname`, `${XMLSOAP}/name`],
    givenName: [`${XMLSOAP}/givenname`],
    familyName: [`${XMLSOAP}/surname`],
    position: [`${XMLSOAP}/jobtitle`, `${MS_IDENTITY}/jobtitle`],
    department: [`${XMLSOAP}/department`, `${MS_IDENTITY}/department`],
    groups: [`${MS_2008}/groups`, `${MS_2008}/role`],
  },
  adfs: {
    email: [`${XMLSOAP}/emailaddress`, `${ADFS}/EmailAddress`],
    name: [`${ADFS}/CommonName`, `${XMLSOAP}/name`],
    givenName: [`${XMLSOAP}/givenname`],
    familyName: [`${XMLSOAP}/surname`],
    position: [`${XMLSOAP}/title`],
    department: [`${XMLSOAP}/department`],
    groups: [`${ADFS}/Group`, `${MS_2008}/groups`, `${MS_2008}/role`],
  },
  keycloak: {
    // The "X500 email/givenName/surname" mappers send OIDs; the user property mappers send the
    // property names; the default "role list" client scope sends "Role".
    email: ['urn:oid:1.2.840.113549.1.9.1', 'email'],
    givenName: ['urn:oid:2.5.4.42', 'firstName'],
    familyName: ['urn:oid:2.5.4.4', 'lastName'],
    groups: ['Role', 'groups', 'memberOf'],
  },
  shibboleth: {
    email: ['urn:oid:0.9.2342.19200300.100.1.3', `${MACE}:mail`, 'mail'],
    name: [
      'urn:oid:2.16.840.1.113730.3.1.241',
      `${MACE}:displayName`,
      'displayName',
      'urn:oid:2.5.4.3',
      'cn',
    ],
    givenName: ['urn:oid:2.5.4.42', `${MACE}:givenName`, 'givenName'],
    familyName: ['urn:oid:2.5.4.4', `${MACE}:sn`, 'sn'],
    position: ['urn:oid:2.5.4.12', `${MACE}:title`, 'title'],
    department: ['urn:oid:2.5.4.11', `${MACE}:ou`, 'ou'],
    groups: [
      'urn:oid:1.3.6.1.4.1.5923.1.5.1.1', // isMemberOf
      `${MACE}:isMemberOf`,
      'isMemberOf',
      'urn:oid:1.3.6.1.4.1.5923.1.1.1.1', // eduPersonAffiliation
      `${MACE}:eduPersonAffiliation`,
      'eduPersonAffiliation',
      'urn:oid:1.3.6.1.4.1.5923.1.1.1.9', // eduPersonScopedAffiliation
      `${MACE}:eduPersonScopedAffiliation`,
      'eduPersonScopedAffiliation',
      'urn:oid:1.3.6.1.4.1.5923.1.1.1.7', // eduPersonEntitlement
      `${MACE}:eduPersonEntitlement`,
      'eduPersonEntitlement',
    ],
  },
  google: {
    // Google Workspace has no fixed names: the admin names each app attribute, most often after the
    // directory field it maps ("Primary email", "First name", "Job title", "Group membership").
    email: ['Primary email', 'primaryEmail', 'email'],
    givenName: ['First name', 'firstName'],
    familyName: ['Last name', 'lastName'],
    position: ['Job title', 'jobTitle'],
    department: ['Department'],
    groups: ['Group membership', 'groups'],
  },
  openid: {
    email: ['email', 'e-mail', 'email_address'],
    name: ['name', 'full_name', 'display_name'],
    givenName: ['given_name'],
    familyName: ['family_name'],
    position: ['job_title', 'position'],
    department: ['department'],
    groups: ['groups', 'roles', 'role'],
  },
};

/** The order in which vendors' names are tried: claim URIs and OIDs before plain names. */
const VENDOR_ORDER: readonly AttributeVendor[] = [
  'entra',
  'adfs',
  'shibboleth',
  'keycloak',
  'google',
  'openid',
];

/** An attribute name as it is compared: URIs and OIDs lower-cased, plain names also without separators. */
export function normaliseAttributeName(name: string): string {
  const lower = name.trim().toLowerCase();
  return /[:/]/.test(lower) ? lower : lower.replace(/[\s_.-]+/g, '');
}

const FIELDS: readonly AttributeField[] = [
  'email',
  'name',
  'givenName',
  'familyName',
  'position',
  'department',
  'groups',
];

/**
 * Names that are recognised for a field but tried only after the others (and after given plus
 * family name, for the display name): they are often something else ("name" is Entra's user
 * principal name, "cn" can be a login).
 */
const WEAK: Readonly<Partial<Record<AttributeField, readonly string[]>>> = {
  name: [`${XMLSOAP}/name`, `${ADFS}/CommonName`, 'urn:oid:2.5.4.3', 'cn', 'name'],
};

/** Every recognised name of each field, normalised, in the order they are tried. */
export const DEFAULT_ATTRIBUTE_NAMES: Readonly<Record<AttributeField, readonly string[]>> =
  Object.fromEntries(
    FIELDS.map((field) => {
      const all = VENDOR_ORDER.flatMap((vendor) => VENDOR_ATTRIBUTE_NAMES[vendor][field] ?? []).map(
        normaliseAttributeName,
      );
      const weak = new Set((WEAK[field] ?? []).map(normaliseAttributeName));
      const ordered = [...all.filter((n) => !weak.has(n)), ...all.filter((n) => weak.has(n))];
      return [field, [...new Set(ordered)]];
    }),
  ) as unknown as Record<AttributeField, readonly string[]>;

/** The display-name names tried only after given plus family name. */
export const WEAK_NAME_ATTRIBUTES: ReadonlySet<string> = new Set(
  (WEAK.name ?? []).map(normaliseAttributeName),
);

/** A provider's attributes, looked up by normalised name (the first attribute of each name wins). */
export type AttributeLookup = (normalisedName: string) => string[];

/** Builds a lookup of the attributes' string values by normalised name. */
export function attributeLookup(attributes: Record<string, unknown>): AttributeLookup {
  const byName = new Map<string, string[]>();
  for (const [name, raw] of Object.entries(attributes)) {
    const key = normaliseAttributeName(name);
    if (byName.has(key)) continue;
    const list = (Array.isArray(raw) ? raw : [raw])
      .filter((v): v is string => typeof v === 'string')
      .map((v) => v.trim())
      .filter(Boolean);
    byName.set(key, list);
  }
  return (normalisedName) => byName.get(normalisedName) ?? [];
}

const MAX_ATTRIBUTE_ELEMENTS = 200;

function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { _?: unknown })._ === 'string')
    return (value as { _: string })._;
  return null;
}

/**
 * The validated assertion's attributes by name, with the values of repeated Attribute elements of
 * one name kept together: Keycloak's role list sends one "Role" element per role, of which the
 * parsed profile keeps only the last. Falls back to the profile's attributes when the assertion is
 * not at hand.
 */
export function assertionAttributes(profile: {
  attributes?: unknown;
  getAssertion?: () => Record<string, unknown>;
}): Record<string, unknown> {
  const fallback = (profile.attributes ?? {}) as Record<string, unknown>;
  const assertion = profile.getAssertion?.()?.Assertion as { AttributeStatement?: unknown } | undefined;
  const statements = Array.isArray(assertion?.AttributeStatement) ? assertion.AttributeStatement : [];
  const elements = statements
    .flatMap((statement: { Attribute?: unknown }) =>
      Array.isArray(statement?.Attribute) ? (statement.Attribute as unknown[]) : [],
    )
    .slice(0, MAX_ATTRIBUTE_ELEMENTS) as { $?: { Name?: unknown }; AttributeValue?: unknown }[];
  if (elements.length === 0) return fallback;
  const merged = new Map<string, string[]>();
  for (const element of elements) {
    const name = element?.$?.Name;
    if (typeof name !== 'string' || !Array.isArray(element.AttributeValue)) continue;
    const texts = element.AttributeValue.map(textOf).filter((v): v is string => v !== null);
    merged.set(name, [...(merged.get(name) ?? []), ...texts]);
  }
  return Object.fromEntries(merged);
}

const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+$/.test(value);

/** The first value of the first recognised attribute of `field` that `accept` takes. */
function first(
  lookup: AttributeLookup,
  names: readonly string[],
  accept: (value: string) => boolean = () => true,
): string | null {
  for (const name of names) {
    const value = lookup(name).find(accept);
    if (value) return value;
  }
  return null;
}

/** What the recognised attributes give, field by field (null or empty when nothing was recognised). */
export interface DefaultAttributes {
  email: string | null;
  name: string | null;
  position: string | null;
  department: string | null;
  groups: string[];
}

const MAX_GROUPS = 200;

/**
 * Reads the fields from the recognised attribute names. The e-mail must look like one; the display
 * name must not (a name that is an e-mail is no name): it is the display name, else given plus
 * family name, else a weaker name attribute, else the given or family name alone. Groups are the values of every recognised groups
 * attribute together (Entra sends groups and roles, Shibboleth memberships and affiliations).
 */
export function defaultAttributes(attributes: Record<string, unknown>): DefaultAttributes {
  const lookup = attributeLookup(attributes);
  const names = DEFAULT_ATTRIBUTE_NAMES;
  const notEmail = (value: string) => !value.includes('@');
  const strongNames = names.name.filter((n) => !WEAK_NAME_ATTRIBUTES.has(n));
  const weakNames = names.name.filter((n) => WEAK_NAME_ATTRIBUTES.has(n));
  const given = first(lookup, names.givenName);
  const family = first(lookup, names.familyName);
  const both = given && family ? `${given} ${family}` : null;
  const name =
    first(lookup, strongNames, notEmail) ?? both ?? first(lookup, weakNames, notEmail) ?? given ?? family;
  const groups = [...new Set(names.groups.flatMap((n) => lookup(n)))].slice(0, MAX_GROUPS);
  return {
    email: first(lookup, names.email, looksLikeEmail),
    name,
    position: first(lookup, names.position),
    department: first(lookup, names.department),
    groups,
  };
}
