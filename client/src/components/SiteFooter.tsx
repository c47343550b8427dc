/** The footer on every page: what the network is, in one line. */
import { useTranslation } from 'react-i18next';

/** Footer with the network's description. */
export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <p>{t('layout.footer')}</p>
    </footer>
  );
}
