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
