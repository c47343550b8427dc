/** The navigation between the settings pages, with the current one marked for screen readers. */
import { useTranslation } from 'react-i18next';
import { Link } from '../../router.js';

/** The settings pages in order, with the key of their name. */
export const SETTINGS_PAGES = [
  { path: '/settings/notifications', key: 'settings.nav.notifications' },
  { path: '/settings/data', key: 'settings.nav.data' },
  { path: '/settings/access-log', key: 'settings.nav.accessLog' },
] as const;

/** Renders the settings navigation; `current` is the path shown. */
export function SettingsNav({ current }: { current: string }) {
  const { t } = useTranslation();
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
      </ul>
    </nav>
  );
}
