/** The banner on every page: the network's name, the main navigation, the account and the language picker. */
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from '../router.js';
import { useSession } from '../auth/session.js';
import { AccountMenu } from './AccountMenu.js';
import { HeaderSearch } from './HeaderSearch.js';
import { LanguageSwitcher } from './LanguageSwitcher.js';

/** Header with the site name, navigation (the current page marked) and language switcher. */
export function SiteHeader() {
  const { t } = useTranslation();
  const { path } = useLocation();
  const signedIn = useSession().session.status === 'signedIn';
  const links = [
    { to: '/', label: t('nav.directory'), current: path === '/' || path.startsWith('/cities/') },
    { to: '/apply', label: t('nav.apply'), current: path === '/apply' },
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
        <AccountMenu />
        <LanguageSwitcher />
        <HeaderSearch />
      </div>
    </header>
  );
}
