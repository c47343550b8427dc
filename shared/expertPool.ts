/**
 * The Expert Pool's vocabulary (DOMAIN.md, "Expert Pool"), kept as data so the API schemas, the
 * matching and the interface (which translates each term) speak one language: the topics experts
 * advise on, the formats they offer, how well they speak a language, and a request's urgency.
 */

/** The controlled topic taxonomy; each term is translated in the client's `experts` strings. */
export const EXPERT_TOPICS = [
  'local-prevention-networks',
  'youth-engagement',
  'schools',
  'online-hate-disinformation',
  'protecting-public-spaces',
  'response-recovery',
  'national-local-coordination',
  'women-led-prevention',
  'monitoring-evaluation',
] as const;

/** One of {@link EXPERT_TOPICS}. */
export type ExpertTopic = (typeof EXPERT_TOPICS)[number];

/** What an expert can give, and what a request may ask for. */
export const EXPERT_FORMATS = ['remote_advice', 'mission', 'study_visit', 'workshop', 'training'] as const;

/** One of {@link EXPERT_FORMATS}. */
export type ExpertFormat = (typeof EXPERT_FORMATS)[number];

/** How well an expert speaks a language (working is enough to advise in it). */
export const PROFICIENCIES = ['basic', 'working', 'fluent', 'native'] as const;

/** One of {@link PROFICIENCIES}. */
export type Proficiency = (typeof PROFICIENCIES)[number];

/** Whether an expert takes new requests now. */
export const AVAILABILITIES = ['available', 'limited', 'unavailable'] as const;

/** One of {@link AVAILABILITIES}. */
export type Availability = (typeof AVAILABILITIES)[number];

/** How soon a request needs an answer. */
export const URGENCIES = ['low', 'normal', 'high', 'critical'] as const;

/** One of {@link URGENCIES}. */
export type Urgency = (typeof URGENCIES)[number];
