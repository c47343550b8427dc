/**
 * A tiny History API router: the current location as a React value, `navigate()` to move, and `Link`
 * for in-app anchors that still work as plain links (middle-click, open in new tab, no script).
 */
import { useMemo, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type Ref } from 'react';

const NAVIGATED = 'concordia:navigated';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

const currentUrl = () => window.location.pathname + window.location.search;

/** Where the app is: the path (without trailing slash) and the query parameters. */
export interface AppLocation {
  path: string;
  query: URLSearchParams;
}

/** The current location; components re-render when it changes. */
export function useLocation(): AppLocation {
  const url = useSyncExternalStore(subscribe, currentUrl);
  return useMemo(() => {
    const parsed = new URL(url, window.location.origin);
    const path = parsed.pathname.length > 1 ? parsed.pathname.replace(/\/+$/, '') : parsed.pathname;
    return { path, query: parsed.searchParams };
  }, [url]);
}

/** Moves to `to` (a same-origin path); `keepScroll` for changes within a page such as filters. */
export function navigate(to: string, options: { keepScroll?: boolean; replace?: boolean } = {}): void {
  if (to === currentUrl()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  if (!options.keepScroll) window.scrollTo(0, 0);
  window.dispatchEvent(new Event(NAVIGATED));
}

/** Props of {@link Link}: an anchor whose `href` is the in-app path `to`. */
export type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & {
  to: string;
  keepScroll?: boolean;
  ref?: Ref<HTMLAnchorElement>;
};

/** An anchor that navigates inside the app on a plain click and behaves as a normal link otherwise. */
export function Link({ to, keepScroll, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to, { keepScroll: keepScroll ?? false });
  };
  return <a href={to} onClick={handleClick} {...rest} />;
}
