/**
 * The page frame: skip link, header, main content and footer; for a signed-in person also the
 * workspace sidebar (their spaces and rooms with unread counts, and the areas they may open), loaded
 * with its strings only once someone is signed in. On a phone the header folds its navigation, search,
 * account and language, and the sidebar, behind one "Menu" button, so a page starts right below a
 * one-line header. When the path changes, the menu closes and focus moves to the main region so
 * keyboard and screen-reader users start reading the new page, not the old link.
 */
import { lazy, Suspense, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useSession } from '../auth/session.js';
import { withPageStrings } from '../i18n/pageStrings.js';
import { useLocation } from '../router.js';
import { SessionEndedNotice } from './SessionEndedNotice.js';
import { SiteFooter } from './SiteFooter.js';
import { SiteHeader } from './SiteHeader.js';
import { SkipLink } from './SkipLink.js';

const MAIN_ID = 'main';

/** The id of the workspace sidebar (the header's menu button controls it on phones). */
export const SIDEBAR_ID = 'workspace-sidebar';

// The sidebar brings the socket client and the workspace strings: loaded once someone is signed in.
const WorkspaceSidebar = lazy(() =>
  withPageStrings('home', () => import('./WorkspaceSidebar.js')).then((module) => ({
    default: module.WorkspaceSidebar,
  })),
);

/** Wraps a page in the landmarks every page shares. */
export function Layout({ children }: { children: ReactNode }) {
  const { path } = useLocation();
  const { session } = useSession();
  const main = useRef<HTMLElement>(null);
  const shownPath = useRef(path);
  const [menuOpen, setMenuOpen] = useState(false);
  const signedIn = session.status === 'signedIn';

  useEffect(() => {
    if (shownPath.current === path) return; // first render, or a change of query only
    shownPath.current = path;
    setMenuOpen(false);
    main.current?.focus();
  }, [path]);

  const toggleMenu = useCallback(() => setMenuOpen((open) => !open), []);
  const closeMenu = useCallback(() => setMenuOpen(false), []);

  return (
    <>
      <SkipLink targetId={MAIN_ID} />
      <SiteHeader menuOpen={menuOpen} onToggleMenu={toggleMenu} onCloseMenu={closeMenu} />
      <div className={signedIn ? 'site-body site-body--workspace' : 'site-body'}>
        {signedIn && (
          <Suspense fallback={null}>
            <WorkspaceSidebar
              key={session.me.person.id}
              id={SIDEBAR_ID}
              me={session.me.person.id}
              open={menuOpen}
            />
          </Suspense>
        )}
        <main id={MAIN_ID} ref={main} tabIndex={-1} className="site-main">
          <SessionEndedNotice />
          {children}
        </main>
      </div>
      <SiteFooter />
    </>
  );
}
