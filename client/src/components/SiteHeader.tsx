/** The banner on every page: the network's name, the main navigation, the account and the language picker. */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session.js';
import { Link, useLocation } from '../router.js';
import { AccountMenu } from './AccountMenu.js';
import { HeaderSearch } from './HeaderSearch.js';
import { LanguageSwitcher } from './LanguageSwitcher.js';

// The bell brings the socket client: loaded only once someone is signed in.
const NotificationBell = lazy(() =>
  import('../notifications/NotificationBell.js').then((module) => ({ default: module.NotificationBell })),
);

/** Header with the site name, navigation (the current page marked) and language switcher. */
export function SiteHeader() {
  const { t } = useTranslation();
  const { path } = useLocation();
  const { session } = useSession();
  const signedIn = session.status === 'signedIn';
  const links = [
    { to: '/', label: t('nav.directory'), current: path === '/' || path.startsWith('/cities/') },
    { to: '/apply', label: t('nav.apply'), current: path === '/apply' },
    ...(signedIn
      ? [{ to: '/rooms', label: t('nav.rooms'), current: path === '/rooms' || path.startsWith('/rooms/') }]
      : []),
    ...(signedIn ? [{ to: '/forums', label: t('nav.forums'), current: path.startsWith('/forums') }] : []),
  ];
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <p className="brand">
          <Link to="/" className="brand__link">
            Concordia
          </Link>
          <span className="brand__tagline">{t('layout.tagline')}</span>
        </p>
        <nav aria-label={t('nav.label')}>
          <ul className="nav-list">
            {links.map((link) => (
              <li key={link.to}>
                <Link to={link.to} aria-current={link.current ? 'page' : undefined}>
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <HeaderSearch />
        {/* The person's tools on a row of their own, at the inline end: the header stays readable with many links. */}
        <div className="site-header__tools">
          {signedIn && (
            <Suspense fallback={null}>
              <NotificationBell key={session.me.person.id} />
            </Suspense>
          )}
          <AccountMenu />
          <LanguageSwitcher />
        </div>
      </div>
    </header>
  );
}
