/**
 * The badges of a record on its card and its page: its status (shared, peer-reviewed) and its stage
 * (draft, in review, published), each with a hidden word that says what the badge is.
 */
import { useTranslation } from 'react-i18next';
import type { RecordView } from './libraryApi.js';

/** The record's status ("Shared", "Peer-reviewed"). */
export function StatusBadge({ record }: { record: Pick<RecordView, 'status'> }) {
  const { t } = useTranslation();
  return (
    <span className="library-badge">
      <span className="visually-hidden">{t('library.card.status')} </span>
      {t(`library.statuses.${record.status}`)}
    </span>
  );
}

/** The record's stage ("Draft", "In review", "Published"). */
export function StageBadge({ record }: { record: Pick<RecordView, 'stage'> }) {
  const { t } = useTranslation();
  return (
    <span className="library-badge library-badge--stage">
      <span className="visually-hidden">{t('library.card.stage')} </span>
      {t(`library.stages.${record.stage}`)}
    </span>
  );
}
