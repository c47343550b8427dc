/** The navigation between the settings pages, with the current one marked for screen readers. */
import { useTranslation } from 'react-i18next';
import { Link } from '../../router.js';
import { useHomeSummary } from '../home/useHomeSummary.js';

/** The settings pages in order, with the key of their name. */
export const SETTINGS_PAGES = [
  { path: '/settings/notifications', key: 'settings.nav.notifications' },
  { path: '/settings/data', key: 'settings.nav.data' },
  { path: '/settings/access-log', key: 'settings.nav.accessLog' },
  { path: '/settings/security', key: 'settings.nav.security' },
] as const;

/** Renders the settings navigation; `current` is the path shown. */
export function SettingsNav({ current }: { current: string }) {
  const { t } = useTranslation();
  // The expert profile lives in the Expert Pool's pages; linked here for experts (the server's flag).
  const summary = useHomeSummary();
  const expert = summary.state === 'ready' && summary.data.capabilities.expertProfile;
  return (
    <nav className="settings__nav" aria-label={t('settings.nav.label')}>
      <ul>
        {SETTINGS_PAGES.map((page) => (
          <li key={page.path}>
            <Link to={page.path} {...(page.path === current ? { 'aria-current': 'page' as const } : {})}>
              {t(page.key)}
            </Link>
          </li>
        ))}
        {expert && (
          <li>
            <Link to="/expert-profile">{t('settings.nav.expertProfile')}</Link>
          </li>
        )}
      </ul>
    </nav>
  );
}
