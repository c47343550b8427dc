/**
 * The page frame: skip link, header, main content and footer. When the path changes, focus moves to
 * the main region so keyboard and screen-reader users start reading the new page, not the old link.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from '../router.js';
import { SessionEndedNotice } from './SessionEndedNotice.js';
import { SiteFooter } from './SiteFooter.js';
import { SiteHeader } from './SiteHeader.js';
import { SkipLink } from './SkipLink.js';

const MAIN_ID = 'main';

/** Wraps a page in the landmarks every page shares. */
export function Layout({ children }: { children: ReactNode }) {
  const { path } = useLocation();
  const main = useRef<HTMLElement>(null);
  const shownPath = useRef(path);

  useEffect(() => {
    if (shownPath.current === path) return; // first render, or a change of query only
    shownPath.current = path;
    main.current?.focus();
  }, [path]);

  return (
    <>
      <SkipLink targetId={MAIN_ID} />
      <SiteHeader />
      <main id={MAIN_ID} ref={main} tabIndex={-1} className="site-main">
        <SessionEndedNotice />
        {children}
      </main>
      <SiteFooter />
    </>
  );
}
