/**
 * The header's account area: "Sign in" when signed out; when signed in, the person's name (a link to
 * their account page) and city, and a "Sign out" button.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { safeReturnTo, useSession } from '../auth/session.js';
import { Link, useLocation } from '../router.js';

/** The sign-in link or the signed-in person with a sign-out button. */
export function AccountMenu() {
  const { t } = useTranslation();
  const { path, query } = useLocation();
  const { session, signOut } = useSession();
  const [state, setState] = useState<'idle' | 'sending' | 'failed'>('idle');

  if (session.status === 'loading') return <div className="account-menu" />;

  if (session.status !== 'signedIn') {
    const search = query.toString();
    const returnTo = safeReturnTo(path + (search ? `?${search}` : ''));
    const to = returnTo === '/' ? '/sign-in' : `/sign-in?returnTo=${encodeURIComponent(returnTo)}`;
    return (
      <div className="account-menu">
        <Link to={to} className="account-menu__link" aria-current={path === '/sign-in' ? 'page' : undefined}>
          {t('account.signIn')}
        </Link>
      </div>
    );
  }

  const { me } = session;
  const leave = () => {
    setState('sending');
    signOut().then(
      () => {
        setState('idle');
        // The button is gone: keep keyboard focus in the page (navigating to / may not move it).
        document.getElementById('main')?.focus();
      },
      () => setState('failed'),
    );
  };
  return (
    <div className="account-menu">
      <p className="account-menu__who">
        <Link
          to="/account"
          className="account-menu__link"
          aria-current={path === '/account' ? 'page' : undefined}
          aria-describedby={me.city ? 'account-menu-city' : undefined}
        >
          <bdi>{me.person.name}</bdi>
        </Link>
        {me.city && (
          <span id="account-menu-city" className="account-menu__city">
            <bdi>{me.city.name}</bdi>
          </span>
        )}
      </p>
      <button type="button" className="button button--on-dark" onClick={leave} disabled={state === 'sending'}>
        {state === 'sending' ? t('account.signingOut') : t('account.signOut')}
      </button>
      {state === 'failed' && (
        <p role="alert" className="account-menu__error">
          {t('account.signOutFailed')}
        </p>
      )}
    </div>
  );
}
