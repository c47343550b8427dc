/** What a page shows when the API could not be read: the reason in the reader's language and a retry. */
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api.js';
import { errorRefusal } from '../errors/refusal.js';
import { RefusalText } from '../errors/RefusalText.js';

/** A translated explanation of `error` with a retry button. */
export function LoadError({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--error" role="alert">
      <p>
        <RefusalText refusal={errorRefusal(error, t)} />
      </p>
      <button type="button" className="button button--secondary" onClick={onRetry}>
        {t('errors.retry')}
      </button>
    </div>
  );
}
