/**
 * The fixed vocabularies of the membership directory, as plain data with no dependencies, so that the
 * web client can import them without pulling zod into its bundle. The zod schemas build on these.
 */

/** The kinds of authority the network calls "city", in the order forms list them. */
export const CITY_KINDS = [
  'capital',
  'city',
  'municipality',
  'province',
  'county',
  'region',
  'other',
] as const;

/** One of {@link CITY_KINDS}. */
export type CityKind = (typeof CITY_KINDS)[number];

/** Membership lifecycle: applicant -> member -> suspended or withdrawn. */
export const CITY_STATUSES = ['applicant', 'member', 'suspended', 'withdrawn'] as const;

/** One of {@link CITY_STATUSES}. */
export type CityStatus = (typeof CITY_STATUSES)[number];

/** Which status may follow which; anything else is refused with a clear error. */
export const CITY_STATUS_TRANSITIONS: Readonly<Record<CityStatus, readonly CityStatus[]>> = {
  applicant: ['member', 'withdrawn'],
  member: ['suspended', 'withdrawn'],
  suspended: ['member', 'withdrawn'],
  withdrawn: ['applicant'],
};

/** A person's account status. */
export const PERSON_STATUSES = ['invited', 'active', 'suspended'] as const;

/** One of {@link PERSON_STATUSES}. */
export type PersonStatus = (typeof PERSON_STATUSES)[number];

/** Where a membership application stands. */
export const APPLICATION_STATUSES = ['pending', 'approved', 'declined'] as const;
