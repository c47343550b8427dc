/**
 * Refusals of "My data" in the reader's language: the reasons only these pages meet (erasure's
 * confirmation and code) come from the `settings` strings; everything else goes the one road of
 * client/src/errors/refusal.ts.
 */
import type { TFunction } from 'i18next';
import { ApiError } from '../../api.js';
import { errorRefusal, type Refusal } from '../../errors/refusal.js';

const OWN_REASONS = new Set([
  'erasure_not_confirmed',
  'erasure_code_required',
  'erasure_code_wrong',
  'erasure_sign_in_again',
  'erasure_needs_session',
  'erasure_last_admin',
]);

/** The refusal an error of these pages stands for, in words. */
export function settingsRefusal(error: unknown, t: TFunction): Refusal {
  const code = error instanceof ApiError ? error.problem.code : undefined;
  if (code && OWN_REASONS.has(code)) return { text: t(`settings.refusals.${code}`), detail: null };
  return errorRefusal(error, t);
}
