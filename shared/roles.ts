/**
 * The roles a person may hold (SHARING.md, "Roles and identity"). A person may hold several.
 * Kept as data so the policy, the API schemas and the interface speak one vocabulary.
 */
export const ROLES = [
  'admin',
  'moderator',
  'expert',
  'focal_point',
  'leader',
  'practitioner',
  'community_partner',
  'partner_observer',
  'isc_member',
] as const;

/** One of {@link ROLES}. */
export type Role = (typeof ROLES)[number];

/**
 * The network's own community: everyone but invited partners. Community partners and partner
 * observers see only what they are invited to (DOMAIN.md), so these roles alone bring browsing of the
 * directory and derived membership of network, hub, city and committee spaces.
 */
export const COMMUNITY_ROLES: readonly Role[] = [
  'admin',
  'moderator',
  'expert',
  'focal_point',
  'leader',
  'practitioner',
  'isc_member',
];

/** Roles that govern others; an identity provider grants them only when its record explicitly allows. */
export const PRIVILEGED_ROLES: readonly Role[] = ['admin', 'moderator'];
