/**
 * Refusals of the security settings in the reader's language: the reasons only this page meets (the
 * last required factor, a key registered twice or not at all, no factor for recovery codes, a sign-in too old to change them) come from
 * `settings.security.refusals`; everything else goes the road of the other settings pages.
 */
import type { TFunction } from 'i18next';
import { ApiError } from '../../api.js';
import type { Refusal } from '../../errors/refusal.js';
import { settingsRefusal } from './settingsRefusal.js';

const OWN_REASONS = new Set([
  'last_required_factor',
  'webauthn_already_registered',
  'webauthn_registration_failed',
  'no_second_factor',
  'recent_sign_in_required',
]);

/** The refusal an error of the security page stands for, in words. */
export function securityRefusal(error: unknown, t: TFunction): Refusal {
  const code = error instanceof ApiError ? error.problem.code : undefined;
  if (code && OWN_REASONS.has(code)) return { text: t(`settings.security.refusals.${code}`), detail: null };
  return settingsRefusal(error, t);
}
