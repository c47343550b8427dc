/** Translated explanations of a failed sign-in request: network, lock-out (with the wait), or the case. */
import type { TFunction } from 'i18next';
import { formatWait } from '../format.js';
import { errorRefusal } from '../errors/refusal.js';
import { asApiError } from '../hooks/useApiGet.js';

/** What went wrong, in the interface language; `otherwise` names the expected refusal (401/400). */
export function authErrorMessage(error: unknown, t: TFunction, language: string, otherwise: string): string {
  const apiError = asApiError(error);
  if (apiError.status === 0) return errorRefusal(apiError, t).text;
  if (apiError.status === 429) {
    return apiError.retryAfterSeconds !== null
      ? t('auth.tooManyWait', { wait: formatWait(apiError.retryAfterSeconds, language) })
      : t('auth.tooMany');
  }
  if (apiError.status >= 500) return errorRefusal(apiError, t).text;
  return otherwise;
}
