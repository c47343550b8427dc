/** The console's own navigation: the queue and the audit log. */
import { useTranslation } from 'react-i18next';
import { Link } from '../../router.js';

/** Links to the console's pages; the current one is marked for screen readers. */
export function ModerationNav({ current }: { current: 'queue' | 'audit' | 'item' }) {
  const { t } = useTranslation();
  return (
    <nav className="moderation-nav" aria-label={t('moderation.nav.label')}>
      <Link to="/moderation" aria-current={current === 'queue' ? 'page' : undefined}>
        {t('moderation.nav.queue')}
      </Link>
      <Link to="/moderation/audit" aria-current={current === 'audit' ? 'page' : undefined}>
        {t('moderation.nav.audit')}
      </Link>
    </nav>
  );
}
