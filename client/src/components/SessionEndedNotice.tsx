/**
 * Says that the session ended without a sign-out in this tab (signed out in another tab or window,
 * or expired), with a link to sign in again and come back. The alert region is always in the page
 * so screen readers announce the text when it appears.
 */
import { useTranslation } from 'react-i18next';
import { safeReturnTo, useSession } from '../auth/session.js';
import { Link, useLocation } from '../router.js';

/** The "you were signed out" notice, shown until the next sign-in or until dismissed. */
export function SessionEndedNotice() {
  const { t } = useTranslation();
  const { path, query } = useLocation();
  const { session, endedElsewhere, dismissEnded } = useSession();
  const shown = endedElsewhere && session.status === 'signedOut';
  const search = query.toString();
  const returnTo = safeReturnTo(path + (search ? `?${search}` : ''));
  return (
    <div role="alert" className="session-ended">
      {shown && (
        <p className="notice notice--error">
          {t('auth.sessionEnded.text')}{' '}
          {path !== '/sign-in' && (
            <Link to={`/sign-in?returnTo=${encodeURIComponent(returnTo)}`}>
              {t('auth.sessionEnded.signIn')}
            </Link>
          )}{' '}
          <button type="button" className="button button--secondary" onClick={dismissEnded}>
            {t('auth.sessionEnded.dismiss')}
          </button>
        </p>
      )}
    </div>
  );
}
