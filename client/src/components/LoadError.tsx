/** What a page shows when the API could not be read: a short reason and a way to try again. */
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api.js';

/** A translated explanation of `error` with a retry button. */
export function LoadError({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  const { t } = useTranslation();
  const reason = error.status === 0 ? t('errors.network') : t('errors.server');
  return (
    <div className="notice notice--error" role="alert">
      <p>{reason}</p>
      <button type="button" className="button button--secondary" onClick={onRetry}>
        {t('errors.retry')}
      </button>
    </div>
  );
}
