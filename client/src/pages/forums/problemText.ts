/** The words to show for a failed forum request: network and server failures translated, refusals as the server said them. */
import type { TFunction } from 'i18next';
import { asApiError } from '../../hooks/useApiGet.js';

/** A translated reason for network, rate-limit and server failures; the server's own detail otherwise. */
export function problemText(error: unknown, t: TFunction): string {
  const apiError = asApiError(error);
  if (apiError.status === 0) return t('errors.network');
  if (apiError.status === 429) return t('forums.tooFast');
  if (apiError.status >= 500) return t('errors.server');
  const fields = apiError.fieldErrors().map((e) => e.message);
  const detail = apiError.problem.detail ?? apiError.problem.title;
  return fields.length > 0 ? `${detail} ${fields.join(' ')}`.trim() : detail;
}
