/**
 * The banner on every page: the network's name, the main navigation, the search box, the person's
 * tools (notifications, account, language). On a phone it is one line — the name, a "Menu" button
 * and the notification bell — and the rest (with the workspace sidebar) opens from the menu button.
 */
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session.js';
import { fetchHomeSummary, totals } from '../pages/home/homeApi.js';
import { HOME_KEY } from '../pages/home/homeKey.js';
import { Link, useLocation } from '../router.js';
import { AccountMenu } from './AccountMenu.js';
import { HeaderSearch } from './HeaderSearch.js';
import { LanguageSwitcher } from './LanguageSwitcher.js';

// The bell brings the socket client: loaded only once someone is signed in.
const NotificationBell = lazy(() =>
  import('../notifications/NotificationBell.js').then((module) => ({ default: module.NotificationBell })),
);

/** The id of the part of the header the phone menu folds. */
const MENU_ID = 'site-menu';

/** What the header's menu button needs from the page frame. */
export interface SiteHeaderProps {
  /** Whether the phone menu is open (on wide screens everything is always shown). */
  menuOpen: boolean;
  onToggleMenu: () => void;
  onCloseMenu: () => void;
}

/** The unread messages over the person's spaces, as the workspace last read them (0 before). */
function useCachedUnread(enabled: boolean): number {
  // Only watches the entry (never fetches from here: the workspace sidebar reads and updates it); the
  // same reader as the sidebar's, since the cache may use any observer's to read the entry again.
  const cached = useQuery({
    queryKey: HOME_KEY,
    queryFn: ({ signal }) => fetchHomeSummary(signal),
    enabled: false,
  });
  if (!enabled || !cached.data) return 0;
  return totals(cached.data.spaces).unread;
}

/** Header with the site name, navigation (the current page marked), search and the person's tools. */
export function SiteHeader({ menuOpen, onToggleMenu, onCloseMenu }: SiteHeaderProps) {
  const { t } = useTranslation();
  const { path } = useLocation();
  const { session } = useSession();
  const signedIn = session.status === 'signedIn';
  const unread = useCachedUnread(signedIn);
  const inDirectory = path === '/cities' || path.startsWith('/cities/');
  const links = signedIn
    ? [
        { to: '/', label: t('nav.home'), current: path === '/' },
        { to: '/rooms', label: t('nav.rooms'), current: path === '/rooms' || path.startsWith('/rooms/') },
        { to: '/forums', label: t('nav.forums'), current: path.startsWith('/forums') },
        { to: '/cities', label: t('nav.directory'), current: inDirectory },
      ]
    : [
        { to: '/', label: t('nav.directory'), current: path === '/' || inDirectory },
        { to: '/apply', label: t('nav.apply'), current: path === '/apply' },
      ];

  // Escape closes the phone menu and puts focus back on its button.
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      onCloseMenu();
      document.getElementById('site-menu-button')?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menuOpen, onCloseMenu]);

  return (
    <header className={menuOpen ? 'site-header site-header--open' : 'site-header'}>
      <div className="site-header__inner">
        <p className="brand">
          <Link to="/" className="brand__link">
            Concordia
          </Link>
          <span className="brand__tagline">{t('layout.tagline')}</span>
        </p>
        <button
          id="site-menu-button"
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls={signedIn ? `${MENU_ID} workspace-sidebar` : MENU_ID}
          onClick={onToggleMenu}
        >
          <svg className="menu-toggle__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z" />
          </svg>
          <span>{t('nav.menu')}</span>
          {/* A dot, not the number: the button's name stays what it shows ("Menu"), the count is spoken. */}
          {unread > 0 && <span className="menu-toggle__dot" aria-hidden="true" />}
          {unread > 0 && <span className="visually-hidden">{t('nav.menuUnread', { n: unread })}</span>}
        </button>
        <nav id={MENU_ID} aria-label={t('nav.label')} className="site-nav">
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
