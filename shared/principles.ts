/**
 * The principles every member city pledges (DOMAIN.md). The version is recorded with each pledge so a
 * later revision of the text never rewrites what a city actually signed.
 */
export const PRINCIPLES_VERSION = '2026-1';

/** The pledged principles, in English; the client carries translations keyed by index. */
export const PRINCIPLES_EN: readonly string[] = [
  'Uphold internationally proclaimed human rights and never be complicit in their violation.',
  "Protect everyone's rights regardless of race, religion, nationality, sex, sexual orientation or any social, cultural or ethnic group.",
  'Never associate prevention measures with, or aim them at, any such group.',
  'Act proactively against discrimination and hate towards any individual or group.',
  'Partner inclusively with local communities and civil society, including youth, women and religious leaders, and give them a voice.',
  'Monitor and evaluate prevention initiatives and actively share non-sensitive information with the network so peers can learn.',
  'Collaborate with other members and the Management Unit, share experience and support each other.',
];
