/**
 * Reads the single-use token of an e-mailed link (`/reset-password#token=...`) from the URL fragment
 * once, then removes the fragment so the token stays out of the history, bookmarks and screenshots.
 * The fragment never reaches the server's logs; neither must the client log it.
 */
import { useEffect, useState } from 'react';

function tokenFromFragment(): string | null {
  const fragment = window.location.hash.replace(/^#/, '');
  if (!fragment) return null;
  const token = new URLSearchParams(fragment).get('token');
  return token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : null;
}

/** The token of the link that opened this page, or null if the address carried none (or a malformed one). */
export function useLinkToken(): string | null {
  const [token] = useState(tokenFromFragment);
  useEffect(() => {
    if (window.location.hash) {
      window.history.replaceState(
        window.history.state,
        '',
        window.location.pathname + window.location.search,
      );
    }
  }, []);
  return token;
}
