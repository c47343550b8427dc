/**
 * Your data and notification settings: /settings/notifications (the address every digest and mention
 * e-mail links to), /settings/data (export, erasure), /settings/access-log, /settings/security (second
 * factors: security keys and passkeys, recovery codes), and /settings/erased
 * (said once the account is gone). Signed out, each page points to the sign-in page and back.
 */
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link } from '../../router.js';
import { NotFoundPage } from '../NotFoundPage.js';
import { AccessLogPage } from './AccessLogPage.js';
import { MyDataPage } from './MyDataPage.js';
import { NotificationSettingsPage } from './NotificationSettingsPage.js';
import { SecurityPage } from './SecurityPage.js';
import { SettingsNav, SETTINGS_PAGES } from './SettingsNav.js';
import './settings.css';

/** The page shown after an erasure: the account is gone, so no session is needed to read it. */
function ErasedPage() {
  const { t } = useTranslation();
  usePageTitle(t('settings.erased.title'));
  return (
    <>
      <h1>{t('settings.erased.title')}</h1>
      <p role="status" className="notice notice--success">
        {t('settings.erased.text')}
      </p>
      <p>
        <Link to="/">{t('settings.erased.home')}</Link>
      </p>
    </>
  );
}

/** The page of this area that `path` names; unknown paths get the not-found page. */
export function SettingsRoutes({ path }: { path: string }) {
  const { t } = useTranslation();
  const { session } = useSession();
  if (path === '/settings/erased') return <ErasedPage />;
  const page = path === '/settings' ? SETTINGS_PAGES[0] : SETTINGS_PAGES.find((p) => p.path === path);
  if (!page) return <NotFoundPage />;
  if (session.status === 'loading') return <StatusMessage>{t('settings.loading')}</StatusMessage>;
  if (session.status !== 'signedIn')
    return (
      <>
        <h1>{t('settings.title')}</h1>
        <p>
          <Link to={`/sign-in?returnTo=${encodeURIComponent(page.path)}`}>{t('settings.signInToSee')}</Link>
        </p>
      </>
    );
  return (
    <div className="settings">
      <SettingsNav current={page.path} />
      <div className="settings__page">
        {page.path === '/settings/notifications' && <NotificationSettingsPage />}
        {page.path === '/settings/data' && <MyDataPage />}
        {page.path === '/settings/access-log' && <AccessLogPage />}
        {page.path === '/settings/security' && <SecurityPage />}
      </div>
    </div>
  );
}
